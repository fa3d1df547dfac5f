import type { MetrcReceipt, MetrcTransaction } from "@cannasaas/integrations/metrc";
import { splitCents, type LotAllocation } from "./allocation";

/** Units are counted per package in this product (pre-packaged goods), so every line is reported in "Each". */
export const METRC_SALE_UNIT = "Each";

/** `2026-05-01T11:00:00`: the facility's wall-clock time, without a zone, as METRC wants SalesDateTime. */
export function metrcLocalDateTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}:${get("second")}`;
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
};

/** A line's units not covered by any package: kept in the payload so a retry can allocate them later. */
export type MissingPackageLine = SoldLine;

export type ReceiptPayload = { receipt: MetrcReceipt; missing: MissingPackageLine[] };

/** METRC transactions for one order line drawn from one or more packages; money split by quantity. */
export function transactionsFor(line: SoldLine, allocations: LotAllocation[]): MetrcTransaction[] {
  const qty = allocations.map((a) => a.quantity);
  const subtotal = splitCents(line.subtotalCents, qty);
  const excise = splitCents(line.exciseCents, qty);
  const local = splitCents(line.localCannabisCents, qty);
  const sales = splitCents(line.salesTaxCents, qty);
  return allocations.map((a, i) => ({
    PackageLabel: a.packageLabel,
    Quantity: a.quantity,
    UnitOfMeasure: METRC_SALE_UNIT,
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
