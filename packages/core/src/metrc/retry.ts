import { and, eq, isNull, sql } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { metrcSyncItems, stockMovements } from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import { allocateLots } from "./allocation";
import {
  missingProblem,
  portionOf,
  transactionsFor,
  type MissingPackageLine,
  type ReceiptPayload,
} from "./receipt";
import type { MetrcDeps } from "./runtime";
import { withPackageUnits } from "./sale";
import { requeueJob } from "../queue/manage";
import { METRC_QUEUE, type SyncItem } from "./sync-items";

/**
 * A person sends a failed or dead-lettered report again: it becomes pending with a fresh attempt count, and its
 * queue job is due now. A receipt
 * held for units without a package first tries to draw those units from lots received since; if some are still
 * uncovered it stays held and the refusal says which.
 */
export async function retryMetrcItem(
  deps: Pick<MetrcDeps, "db" | "clock">,
  organizationId: string,
  itemId: string,
) {
  return deps.db.transaction(async (tx) => {
    const [item] = await tx
      .select()
      .from(metrcSyncItems)
      .where(and(eq(metrcSyncItems.id, itemId), eq(metrcSyncItems.organizationId, organizationId)))
      .for("update");
    if (!item) throw new DomainError("NOT_FOUND", "That METRC report does not exist.");
    if (item.status !== "dead" && item.status !== "failed") {
      throw new DomainError(
        "CONFLICT",
        `Only failed or dead-lettered reports can be retried; this one is ${item.status.replace("_", " ")}.`,
      );
    }
    let payload = item.payload;
    if (item.kind === "receipt" && (item.payload as ReceiptPayload).missing?.length) {
      const next = await allocateMissing(tx, item);
      const problem = missingProblem(next.missing);
      await tx
        .update(metrcSyncItems)
        .set({ payload: next, problem, lastError: problem })
        .where(eq(metrcSyncItems.id, item.id));
      if (problem) throw new DomainError("CONFLICT", problem);
      payload = next;
    }
    const [updated] = await tx
      .update(metrcSyncItems)
      .set({
        status: "pending",
        attempts: 0,
        nextAttemptAt: deps.clock(),
        lastError: null,
        problem: null,
        payload,
        // A person has checked METRC for an adjustment that may have landed; receipts keep the flag because
        // looking them up first is cheap and safe.
        ...(item.kind === "adjustment" ? { ambiguous: false } : {}),
      })
      .where(eq(metrcSyncItems.id, item.id))
      .returning();
    await requeueJob(
      tx,
      METRC_QUEUE,
      {
        organizationId: item.organizationId,
        key: item.locationId,
        dedupeKey: item.id,
        payload: { itemId: item.id },
      },
      deps.clock(),
    );
    return updated!;
  });
}

async function allocateMissing(tx: Transaction, item: SyncItem): Promise<ReceiptPayload> {
  const payload = item.payload as ReceiptPayload;
  const missing: MissingPackageLine[] = [];
  const transactions = [...payload.receipt.Transactions];
  for (const line of payload.missing) {
    const { allocations, unallocated } = await allocateLots(tx, {
      organizationId: item.organizationId,
      locationId: item.locationId,
      variantId: line.variantId,
      quantity: line.quantity,
    });
    const covered = line.quantity - unallocated;
    if (covered > 0) {
      const coveredLine = portionOf(line, covered, unallocated);
      transactions.push(
        ...transactionsFor(coveredLine, await withPackageUnits(tx, item.organizationId, allocations)),
      );
      await moveSaleToLots(tx, item, line.variantId, allocations);
      if (unallocated > 0) {
        missing.push({
          ...line,
          quantity: unallocated,
          subtotalCents: line.subtotalCents - coveredLine.subtotalCents,
          exciseCents: line.exciseCents - coveredLine.exciseCents,
          localCannabisCents: line.localCannabisCents - coveredLine.localCannabisCents,
          salesTaxCents: line.salesTaxCents - coveredLine.salesTaxCents,
        });
      }
    } else {
      missing.push(line);
    }
  }
  return { receipt: { ...payload.receipt, Transactions: transactions }, missing };
}

/** The sale's lot-less sell movement shrinks by what the lots now cover, and per-lot movements record it. */
async function moveSaleToLots(
  tx: Transaction,
  item: SyncItem,
  variantId: string,
  allocations: Array<{ lotId: string; quantity: number }>,
) {
  if (!item.orderId) return;
  const covered = allocations.reduce((a, b) => a + b.quantity, 0);
  const unlotted = and(
    eq(stockMovements.organizationId, item.organizationId),
    eq(stockMovements.orderId, item.orderId),
    eq(stockMovements.variantId, variantId),
    eq(stockMovements.kind, "sell"),
    isNull(stockMovements.lotId),
  );
  const [movement] = await tx.select().from(stockMovements).where(unlotted).limit(1);
  if (!movement) return;
  await tx
    .update(stockMovements)
    .set({ quantity: sql`${stockMovements.quantity} + ${covered}` })
    .where(eq(stockMovements.id, movement.id));
  await tx
    .delete(stockMovements)
    .where(and(eq(stockMovements.id, movement.id), eq(stockMovements.quantity, 0)));
  await tx.insert(stockMovements).values(
    allocations.map((a) => ({
      organizationId: item.organizationId,
      locationId: item.locationId,
      variantId,
      kind: "sell" as const,
      quantity: -a.quantity,
      reason: movement.reason,
      actorUserId: movement.actorUserId,
      orderId: item.orderId,
      lotId: a.lotId,
      createdAt: movement.createdAt,
    })),
  );
}
