import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx, Transaction } from "@cannasaas/db/client";
import {
  locations,
  productVariants,
  products,
  purchaseOrderLines,
  purchaseOrderReceipts,
  purchaseOrders,
  supplierItems,
  suppliers,
} from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";

type Actor = { organizationId: string; actorUserId: string | null };
export type PurchaseOrderRow = typeof purchaseOrders.$inferSelect;

/** Numbers start at 1001 so a printed PO never looks like a quantity. */
const FIRST_NUMBER = 1001;

export function purchaseOrderLabel(number: number) {
  return `PO-${number}`;
}

/** Next per-tenant number; the advisory lock makes two drafts at once take turns rather than collide. */
async function nextNumber(tx: Transaction, organizationId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`purchase-order:${organizationId}`}))`);
  const [row] = await tx
    .select({ max: sql<number | null>`max(${purchaseOrders.number})` })
    .from(purchaseOrders)
    .where(eq(purchaseOrders.organizationId, organizationId));
  return (row?.max ?? FIRST_NUMBER - 1) + 1;
}

/**
 * Drafts purchase orders from chosen suggestions: one draft per supplier, each line at the supplier's cost for
 * that variant. Quantities are what the owner confirmed, not recomputed.
 */
export async function draftPurchaseOrders(
  deps: Pick<CoreDeps, "db">,
  actor: Actor,
  input: { locationId: string; items: { supplierId: string; variantId: string; quantity: number }[] },
) {
  if (input.items.length === 0) throw new DomainError("BAD_REQUEST", "Choose at least one item to order.");
  return deps.db.transaction(async (tx) => {
    const [location] = await tx
      .select({ id: locations.id })
      .from(locations)
      .where(and(eq(locations.organizationId, actor.organizationId), eq(locations.id, input.locationId)));
    if (!location)
      throw new DomainError("BAD_REQUEST", "Choose one of your locations.", { field: "locationId" });
    const terms = await tx
      .select()
      .from(supplierItems)
      .where(
        and(
          eq(supplierItems.organizationId, actor.organizationId),
          inArray(
            supplierItems.supplierId,
            input.items.map((i) => i.supplierId),
          ),
        ),
      );
    const bySupplier = new Map<string, { variantId: string; quantity: number; unitCostCents: number }[]>();
    for (const item of input.items) {
      const term = terms.find((t) => t.supplierId === item.supplierId && t.variantId === item.variantId);
      if (!term) throw new DomainError("BAD_REQUEST", "That supplier does not sell one of the chosen items.");
      const lines = bySupplier.get(item.supplierId) ?? [];
      const same = lines.find((l) => l.variantId === item.variantId);
      if (same) same.quantity += item.quantity;
      else
        lines.push({ variantId: item.variantId, quantity: item.quantity, unitCostCents: term.unitCostCents });
      bySupplier.set(item.supplierId, lines);
    }
    const created: PurchaseOrderRow[] = [];
    for (const [supplierId, lines] of bySupplier) {
      const [order] = await tx
        .insert(purchaseOrders)
        .values({
          organizationId: actor.organizationId,
          number: await nextNumber(tx, actor.organizationId),
          supplierId,
          locationId: input.locationId,
          createdByUserId: actor.actorUserId,
        })
        .returning();
      await tx.insert(purchaseOrderLines).values(
        lines.map((l) => ({
          organizationId: actor.organizationId,
          purchaseOrderId: order!.id,
          variantId: l.variantId,
          quantityOrdered: l.quantity,
          unitCostCents: l.unitCostCents,
        })),
      );
      created.push(order!);
    }
    return created;
  });
}

/** The order locked for a change, refused unless it is in one of `statuses`. */
export async function lockPurchaseOrder(
  tx: Transaction,
  organizationId: string,
  purchaseOrderId: string,
  statuses: PurchaseOrderRow["status"][],
  doing: string,
) {
  const [order] = await tx
    .select()
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.organizationId, organizationId), eq(purchaseOrders.id, purchaseOrderId)))
    .for("update");
  if (!order) throw new DomainError("NOT_FOUND", "That purchase order does not exist.");
  if (!statuses.includes(order.status)) {
    throw new DomainError(
      "CONFLICT",
      `${purchaseOrderLabel(order.number)} is ${order.status.replace("_", " ")}; it cannot be ${doing}.`,
    );
  }
  return order;
}

/** Changes a draft line's quantity or cost, or removes it (quantity 0). */
export async function updatePurchaseOrderLine(
  deps: Pick<CoreDeps, "db">,
  actor: Actor,
  input: { purchaseOrderId: string; lineId: string; quantity: number; unitCostCents?: number },
) {
  return deps.db.transaction(async (tx) => {
    await lockPurchaseOrder(tx, actor.organizationId, input.purchaseOrderId, ["draft"], "edited");
    const where = and(
      eq(purchaseOrderLines.organizationId, actor.organizationId),
      eq(purchaseOrderLines.purchaseOrderId, input.purchaseOrderId),
      eq(purchaseOrderLines.id, input.lineId),
    );
    if (input.quantity === 0) {
      const removed = await tx
        .delete(purchaseOrderLines)
        .where(where)
        .returning({ id: purchaseOrderLines.id });
      if (removed.length === 0)
        throw new DomainError("NOT_FOUND", "That line is not on this purchase order.");
      return null;
    }
    const [line] = await tx
      .update(purchaseOrderLines)
      .set({
        quantityOrdered: input.quantity,
        ...(input.unitCostCents === undefined ? {} : { unitCostCents: input.unitCostCents }),
      })
      .where(where)
      .returning();
    if (!line) throw new DomainError("NOT_FOUND", "That line is not on this purchase order.");
    return line;
  });
}

/** A draft or sent order with nothing received yet can be cancelled; received stock stays received. */
export async function cancelPurchaseOrder(
  deps: Pick<CoreDeps, "db" | "clock">,
  actor: Actor,
  purchaseOrderId: string,
) {
  return deps.db.transaction(async (tx) => {
    await lockPurchaseOrder(tx, actor.organizationId, purchaseOrderId, ["draft", "sent"], "cancelled");
    const [order] = await tx
      .update(purchaseOrders)
      .set({ status: "cancelled", cancelledAt: deps.clock() })
      .where(eq(purchaseOrders.id, purchaseOrderId))
      .returning();
    return order!;
  });
}

export async function listPurchaseOrders(
  db: DbOrTx,
  organizationId: string,
  options: { status?: PurchaseOrderRow["status"]; limit?: number } = {},
) {
  return db
    .select({
      id: purchaseOrders.id,
      number: purchaseOrders.number,
      status: purchaseOrders.status,
      supplierName: suppliers.name,
      locationName: locations.name,
      locationTimeZone: locations.timeZone,
      createdAt: purchaseOrders.createdAt,
      sentAt: purchaseOrders.sentAt,
      receivedAt: purchaseOrders.receivedAt,
      lines: sql<number>`(select count(*)::int from ${purchaseOrderLines} where ${purchaseOrderLines.purchaseOrderId} = ${purchaseOrders.id})`,
      totalCents: sql<number>`(select coalesce(sum(${purchaseOrderLines.quantityOrdered} * ${purchaseOrderLines.unitCostCents}), 0)::int from ${purchaseOrderLines} where ${purchaseOrderLines.purchaseOrderId} = ${purchaseOrders.id})`,
    })
    .from(purchaseOrders)
    .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
    .innerJoin(locations, eq(locations.id, purchaseOrders.locationId))
    .where(
      and(
        eq(purchaseOrders.organizationId, organizationId),
        options.status ? eq(purchaseOrders.status, options.status) : undefined,
      ),
    )
    .orderBy(desc(purchaseOrders.number))
    .limit(options.limit ?? 100);
}

/** One order with its supplier, location, lines and every receipt (package label, expiry, who, when). */
export async function getPurchaseOrder(db: DbOrTx, organizationId: string, purchaseOrderId: string) {
  const [order] = await db
    .select({
      order: purchaseOrders,
      supplier: suppliers,
      locationName: locations.name,
      locationTimeZone: locations.timeZone,
    })
    .from(purchaseOrders)
    .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
    .innerJoin(locations, eq(locations.id, purchaseOrders.locationId))
    .where(and(eq(purchaseOrders.organizationId, organizationId), eq(purchaseOrders.id, purchaseOrderId)));
  if (!order) throw new DomainError("NOT_FOUND", "That purchase order does not exist.");
  const lines = await db
    .select({
      id: purchaseOrderLines.id,
      variantId: purchaseOrderLines.variantId,
      sku: productVariants.sku,
      productName: products.name,
      variantName: productVariants.name,
      quantityOrdered: purchaseOrderLines.quantityOrdered,
      quantityReceived: purchaseOrderLines.quantityReceived,
      unitCostCents: purchaseOrderLines.unitCostCents,
    })
    .from(purchaseOrderLines)
    .innerJoin(productVariants, eq(productVariants.id, purchaseOrderLines.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(
      and(
        eq(purchaseOrderLines.organizationId, organizationId),
        eq(purchaseOrderLines.purchaseOrderId, purchaseOrderId),
      ),
    )
    .orderBy(asc(products.name), asc(productVariants.name));
  const receipts =
    lines.length === 0
      ? []
      : await db
          .select()
          .from(purchaseOrderReceipts)
          .where(
            and(
              eq(purchaseOrderReceipts.organizationId, organizationId),
              inArray(
                purchaseOrderReceipts.lineId,
                lines.map((l) => l.id),
              ),
            ),
          )
          .orderBy(asc(purchaseOrderReceipts.receivedAt));
  return { ...order, lines, receipts };
}
