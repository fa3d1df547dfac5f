import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { inventoryLots, locations, metrcSyncItems, productVariants, type orders } from "@cannasaas/db/schema";
import type { KV } from "@cannasaas/integrations/kv";
import { stateUsesMetrc, type MetrcAdjustment } from "@cannasaas/integrations/metrc";
import { DomainError } from "../errors";
import { hasFeature } from "../plans/features";
import { NO_PATIENT_LICENSE, patientIdentity } from "./patient";
import { queueSyncItem } from "./sync-items";
import {
  metrcLocalDateTime,
  missingProblem,
  quantityInUnit,
  transactionsFor,
  type MissingPackageLine,
  type PackageAllocation,
  type ReceiptPayload,
  type SoldLine,
} from "./receipt";

type Order = typeof orders.$inferSelect;

/** METRC reporting is on for an organization when its plan includes the integration. */
export async function metrcEnabled(deps: { db: DbOrTx; kv: KV }, organizationId: string) {
  return hasFeature({ db: deps.db, kv: deps.kv }, organizationId, "metrc_integration");
}

/** Receipts and voids are keyed by the order number, which is what METRC shows as ExternalReceiptNumber. */
export const externalReceiptNumber = (order: Pick<Order, "orderNumber">) => String(order.orderNumber);

/**
 * Writes the sale's receipt to the METRC queue; call it in the completion transaction. Units no package covers
 * make the item wait (dead, with the problem named) instead of being dropped or reported short.
 */
export async function enqueueMetrcReceipt(
  tx: DbOrTx,
  order: Order,
  lines: Array<{ line: SoldLine; allocations: PackageAllocation[]; missing: MissingPackageLine | null }>,
) {
  const [location] = await tx
    .select({ timeZone: locations.timeZone, state: locations.state })
    .from(locations)
    .where(and(eq(locations.id, order.locationId), eq(locations.organizationId, order.organizationId)));
  // Washington, Illinois and New York track sales in other systems: nothing goes to METRC.
  if (!stateUsesMetrc(location!.state)) return null;
  const missing = lines.flatMap((l) => (l.missing ? [l.missing] : []));
  const patient =
    order.purchaserType === "medical"
      ? await patientIdentity(tx, order.organizationId, order.customerId)
      : null;
  const payload: ReceiptPayload = {
    receipt: {
      SalesDateTime: metrcLocalDateTime(order.completedAt ?? new Date(), location!.timeZone),
      SalesCustomerType: patient ? "Patient" : "Consumer",
      ...(patient
        ? { PatientLicenseNumber: patient.licenseNumber, IdentificationMethod: patient.identificationMethod }
        : {}),
      ExternalReceiptNumber: externalReceiptNumber(order),
      Transactions: lines.flatMap((l) => transactionsFor(l.line, l.allocations)),
    },
    missing,
  };
  const problem = missingProblem(missing) ?? (patient && !patient.licenseNumber ? NO_PATIENT_LICENSE : null);
  const [row] = await tx
    .insert(metrcSyncItems)
    .values({
      organizationId: order.organizationId,
      locationId: order.locationId,
      kind: "receipt",
      orderId: order.id,
      externalNumber: externalReceiptNumber(order),
      payload,
      nextAttemptAt: order.completedAt ?? new Date(),
      createdAt: order.completedAt ?? new Date(),
      status: problem ? "dead" : "pending",
      problem,
      lastError: problem,
    })
    .onConflictDoNothing()
    .returning({ id: metrcSyncItems.id });
  // A receipt held for units without a package is queued when a person retries it.
  if (row && !problem) await queueSyncItem(tx, { ...order, id: row.id }, order.completedAt ?? new Date());
  return row?.id ?? null;
}

/**
 * A refund of a completed sale. If its receipt certainly never reached METRC (queued, or failed without any
 * ambiguity), the receipt is withdrawn; otherwise a void is queued, which the drain sends once the receipt is
 * known to METRC. The receipt row is locked so a drain cannot claim it halfway through this decision.
 */
export async function enqueueMetrcVoidForRefund(tx: DbOrTx, order: Order, now: Date) {
  const [receipt] = await tx
    .select()
    .from(metrcSyncItems)
    .where(
      and(
        eq(metrcSyncItems.organizationId, order.organizationId),
        eq(metrcSyncItems.locationId, order.locationId),
        eq(metrcSyncItems.kind, "receipt"),
        eq(metrcSyncItems.externalNumber, externalReceiptNumber(order)),
      ),
    )
    .for("update");
  if (!receipt || receipt.status === "cancelled") return { action: "none" as const };
  const neverReached =
    (receipt.status === "pending" || receipt.status === "failed" || receipt.status === "dead") &&
    !receipt.ambiguous;
  if (neverReached) {
    await tx
      .update(metrcSyncItems)
      .set({
        status: "cancelled",
        lastError: "The order was refunded before the sale was reported; nothing to report.",
      })
      .where(
        and(eq(metrcSyncItems.id, receipt.id), inArray(metrcSyncItems.status, ["pending", "failed", "dead"])),
      );
    return { action: "withdrawn" as const };
  }
  const [row] = await tx
    .insert(metrcSyncItems)
    .values({
      organizationId: order.organizationId,
      locationId: order.locationId,
      kind: "void",
      orderId: order.id,
      externalNumber: externalReceiptNumber(order),
      payload: { externalReceiptNumber: externalReceiptNumber(order) },
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: metrcSyncItems.id });
  if (row) await queueSyncItem(tx, { ...order, id: row.id }, now);
  return { action: "void" as const, itemId: row?.id ?? null };
}

export type PackageAdjustmentInput = {
  organizationId: string;
  locationId: string;
  lotId: string;
  /** Signed change in units: negative for damage, waste or a count that came up short. */
  quantity: number;
  /** One of METRC's adjustment reasons (GET /packages/v2/adjust/reasons), e.g. "Damage", "Entry Error". */
  reason: string;
  note?: string | null;
  /** Idempotency: the stock movement that caused the adjustment (one adjustment per movement). */
  movementId: string;
  occurredAt: Date;
};

/**
 * Queues a package adjustment for a damage or adjust movement; call it in the transaction that writes the
 * movement (when the organization has METRC: check `metrcEnabled`). Returns null when it was already queued.
 */
export async function enqueueMetrcPackageAdjustment(tx: DbOrTx, input: PackageAdjustmentInput) {
  if (!Number.isInteger(input.quantity) || input.quantity === 0)
    throw new DomainError(
      "BAD_REQUEST",
      "An adjustment changes the package by a whole, non-zero number of units.",
    );
  if (!input.reason.trim()) throw new DomainError("BAD_REQUEST", "Give a METRC adjustment reason.");
  const [lot] = await tx
    .select({
      packageLabel: inventoryLots.packageLabel,
      unitOfMeasure: inventoryLots.unitOfMeasure,
      weightMg: productVariants.weightMg,
      timeZone: locations.timeZone,
      state: locations.state,
    })
    .from(inventoryLots)
    .innerJoin(locations, eq(locations.id, inventoryLots.locationId))
    .innerJoin(productVariants, eq(productVariants.id, inventoryLots.variantId))
    .where(
      and(
        eq(inventoryLots.id, input.lotId),
        eq(inventoryLots.organizationId, input.organizationId),
        eq(inventoryLots.locationId, input.locationId),
      ),
    );
  if (!lot) throw new DomainError("NOT_FOUND", "That lot does not exist at this location.");
  if (!stateUsesMetrc(lot.state)) return null;
  // A weight-tracked package is adjusted by the weight of the units, in its own unit.
  const magnitude = quantityInUnit(Math.abs(input.quantity), lot.unitOfMeasure, lot.weightMg);
  if (magnitude === null) {
    throw new DomainError(
      "BAD_REQUEST",
      `Package ${lot.packageLabel} is tracked in ${lot.unitOfMeasure} in METRC, so its variant needs a weight before stock can be adjusted.`,
    );
  }
  const adjustment: MetrcAdjustment = {
    Label: lot.packageLabel,
    Quantity: Math.sign(input.quantity) * magnitude,
    UnitOfMeasure: lot.unitOfMeasure,
    AdjustmentReason: input.reason.trim(),
    AdjustmentDate: metrcLocalDateTime(input.occurredAt, lot.timeZone).slice(0, 10),
    ReasonNote: input.note?.trim() || null,
  };
  const [row] = await tx
    .insert(metrcSyncItems)
    .values({
      organizationId: input.organizationId,
      locationId: input.locationId,
      kind: "adjustment",
      externalNumber: input.movementId,
      payload: { adjustment },
      nextAttemptAt: input.occurredAt,
      createdAt: input.occurredAt,
    })
    .onConflictDoNothing()
    .returning({ id: metrcSyncItems.id });
  if (row) await queueSyncItem(tx, { ...input, id: row.id }, input.occurredAt);
  return row?.id ?? null;
}
