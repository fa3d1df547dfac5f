import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import type { MetrcReceipt, MetrcTransaction } from "@cannasaas/integrations/metrc";
import type { MetrcUnit } from "@cannasaas/db/enums";
import { splitCents, type LotAllocation } from "./allocation";

/**
 * A package's unit of measure decides how a sale from it is reported: a counted package ("Each") by units, a
 * weight-tracked one by the weight of the units sold, in its own unit (METRC refuses any other).
 */
export const MG_PER_UNIT: Readonly<Record<Exclude<MetrcUnit, "Each">, number>> = {
  Grams: 1_000,
  Milligrams: 1,
  Ounces: 28_349.523125,
};

/** How much of a package `units` of a variant weighing `weightMg` each are, in the package's unit; null when unknown. */
export function quantityInUnit(units: number, unit: MetrcUnit, weightMg: number | null): number | null {
  if (unit === "Each") return units;
  if (weightMg === null) return null;
  // METRC keeps up to four decimals; grams and milligrams from whole mg are exact already.
  return Math.round(((units * weightMg) / MG_PER_UNIT[unit]) * 10_000) / 10_000;
}

/** `2026-05-01T11:00:00`: the facility's wall-clock time, without a zone, as METRC wants SalesDateTime. */
export function metrcLocalDateTime(at: Date, timeZone: string): string {
  return format(at, "yyyy-MM-dd'T'HH:mm:ss", { in: tz(timeZone) });
}

const centsToDollars = (cents: number) => Math.round(cents) / 100;

export type SoldLine = {
  orderItemId: string;
  variantId: string;
  name: string;
  quantity: number;
  subtotalCents: number;
  exciseCents: number;
  localCannabisCents: number;
  salesTaxCents: number;
  /** Net cannabis weight of one unit, for packages tracked by weight. */
  weightMg?: number | null;
};

/** A line's units not covered by any package: kept in the payload so a retry can allocate them later. */
export type MissingPackageLine = SoldLine;

export type ReceiptPayload = { receipt: MetrcReceipt; missing: MissingPackageLine[] };

/** A package the units came from, with the unit METRC tracks it in. */
export type PackageAllocation = LotAllocation & { unitOfMeasure: MetrcUnit };

/**
 * METRC transactions for one order line drawn from one or more packages; money split by units. Callers only
 * pass allocations whose quantity can be expressed in the package's unit (see `describeSale`).
 */
export function transactionsFor(line: SoldLine, allocations: PackageAllocation[]): MetrcTransaction[] {
  const qty = allocations.map((a) => a.quantity);
  const subtotal = splitCents(line.subtotalCents, qty);
  const excise = splitCents(line.exciseCents, qty);
  const local = splitCents(line.localCannabisCents, qty);
  const sales = splitCents(line.salesTaxCents, qty);
  return allocations.map((a, i) => ({
    PackageLabel: a.packageLabel,
    Quantity: quantityInUnit(a.quantity, a.unitOfMeasure, line.weightMg ?? null)!,
    UnitOfMeasure: a.unitOfMeasure,
    TotalAmount: centsToDollars(subtotal[i]!),
    SubTotal: centsToDollars(subtotal[i]!),
    ExciseTax: centsToDollars(excise[i]!),
    MunicipalTax: centsToDollars(local[i]!),
    SalesTax: centsToDollars(sales[i]!),
  }));
}

/** The part of a line's money that belongs to `units` of its quantity (used for the uncovered remainder). */
export function portionOf(line: SoldLine, units: number, covered: number): SoldLine {
  const [, rest] = [covered, units];
  const part = (amount: number) => splitCents(amount, [covered, rest])[1]!;
  return {
    ...line,
    quantity: units,
    subtotalCents: part(line.subtotalCents),
    exciseCents: part(line.exciseCents),
    localCannabisCents: part(line.localCannabisCents),
    salesTaxCents: part(line.salesTaxCents),
  };
}

export function missingProblem(missing: MissingPackageLine[]): string | null {
  if (missing.length === 0) return null;
  return (
    "No METRC package for: " +
    missing.map((m) => `${m.quantity} x ${m.name}`).join(", ") +
    ". Receive the stock into a lot with its package label, then retry."
  );
}
