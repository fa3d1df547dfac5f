import { and, eq, sql } from "drizzle-orm";
import { purchaseOrderLines, purchaseOrderReceipts, purchaseOrders } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { receiveStockInTx } from "../inventory/operations";
import { lockPurchaseOrder, purchaseOrderLabel } from "./purchase-orders";

type Actor = { organizationId: string; actorUserId: string | null };

export type ReceiptInput = {
  lineId: string;
  quantity: number;
  packageLabel: string;
  expiresOn?: string | null;
};

/**
 * Receives units of a sent order, in full or in part, each line into a lot with its METRC package label through
 * the inventory service (the same path as any receipt: the level row locked, a stock movement, the lot). The
 * order and its lines are locked first, so two people receiving the same delivery cannot both count it; more
 * than is still outstanding on a line is refused. Receipts, stock and the order's status commit together.
 */
export async function receivePurchaseOrder(
  deps: Pick<CoreDeps, "db" | "kv" | "clock">,
  actor: Actor,
  input: { purchaseOrderId: string; receipts: ReceiptInput[] },
) {
  const receipts = input.receipts.filter((r) => r.quantity > 0);
  if (receipts.length === 0)
    throw new DomainError("BAD_REQUEST", "Enter the units received on at least one line.");
  return deps.db.transaction(async (tx) => {
    const order = await lockPurchaseOrder(
      tx,
      actor.organizationId,
      input.purchaseOrderId,
      ["sent", "partially_received"],
      "received",
    );
    const lines = await tx
      .select()
      .from(purchaseOrderLines)
      .where(
        and(
          eq(purchaseOrderLines.organizationId, actor.organizationId),
          eq(purchaseOrderLines.purchaseOrderId, order.id),
        ),
      )
      .for("update");
    for (const receipt of receipts) {
      const line = lines.find((l) => l.id === receipt.lineId);
      if (!line) throw new DomainError("NOT_FOUND", "That line is not on this purchase order.");
      const outstanding = line.quantityOrdered - line.quantityReceived;
      if (receipt.quantity > outstanding) {
        throw new DomainError(
          "BAD_REQUEST",
          `Only ${outstanding} of ${line.quantityOrdered} ordered are still to receive on this line; ${receipt.quantity} is more than that.`,
          { lineId: line.id, field: "quantity" },
        );
      }
      const result = await receiveStockInTx(tx, actor, {
        locationId: order.locationId,
        variantId: line.variantId,
        quantity: receipt.quantity,
        reason: `Received on ${purchaseOrderLabel(order.number)}`,
        lot: {
          packageLabel: receipt.packageLabel,
          expiresOn: receipt.expiresOn ?? null,
          unitCostCents: line.unitCostCents,
        },
      });
      await tx.insert(purchaseOrderReceipts).values({
        organizationId: actor.organizationId,
        lineId: line.id,
        lotId: result.movements[0]?.lotId ?? null,
        packageLabel: receipt.packageLabel.trim().toUpperCase(),
        expiresOn: receipt.expiresOn || null,
        quantity: receipt.quantity,
        unitCostCents: line.unitCostCents,
        actorUserId: actor.actorUserId,
      });
      line.quantityReceived += receipt.quantity;
      await tx
        .update(purchaseOrderLines)
        .set({ quantityReceived: sql`${purchaseOrderLines.quantityReceived} + ${receipt.quantity}` })
        .where(eq(purchaseOrderLines.id, line.id));
    }
    const complete = lines.every((l) => l.quantityReceived >= l.quantityOrdered);
    const [updated] = await tx
      .update(purchaseOrders)
      .set(complete ? { status: "received", receivedAt: deps.clock() } : { status: "partially_received" })
      .where(eq(purchaseOrders.id, order.id))
      .returning();
    return updated!;
  });
}
