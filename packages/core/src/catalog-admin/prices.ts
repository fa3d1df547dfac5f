import { and, eq } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { products, productVariants } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { lowestPrices, notePriceDrops } from "../wishlists/alert-events";
import { assertMayChangeRegulated } from "./field-rights";
import { recordProductEvent, type CatalogActor } from "./products";

/**
 * Sets one variant's shelf price inside the caller's transaction: the catalog's single-price change (used by an
 * approved markdown). It needs `prices.write`, locks the product row like any product edit (so it queues behind
 * an open save and bumps `updatedAt`, making a form opened before it refuse to overwrite the new price), and
 * refuses when the price is no longer what the caller saw. The caller invalidates the menu's "prices" tag after
 * the commit.
 */
export async function changeVariantPriceInTx(
  tx: Transaction,
  deps: Pick<CoreDeps, "clock">,
  actor: CatalogActor,
  input: { variantId: string; expectedPriceCents: number; priceCents: number },
) {
  assertMayChangeRegulated(actor.canWritePrices, ["priceCents"]);
  if (!Number.isInteger(input.priceCents) || input.priceCents <= 0)
    throw new DomainError("BAD_REQUEST", "A price is a whole number of cents above zero.");
  const [variant] = await tx
    .select({ productId: productVariants.productId })
    .from(productVariants)
    .where(
      and(eq(productVariants.organizationId, actor.organizationId), eq(productVariants.id, input.variantId)),
    );
  if (!variant) throw new DomainError("NOT_FOUND", "That product does not exist.");
  const [product] = await tx.select().from(products).where(eq(products.id, variant.productId)).for("update");
  const [current] = await tx
    .select({ priceCents: productVariants.priceCents })
    .from(productVariants)
    .where(eq(productVariants.id, input.variantId));
  if (current!.priceCents !== input.expectedPriceCents) {
    throw new DomainError(
      "CONFLICT",
      "The price changed since this was prepared; refresh the suggestions to see the current price.",
      { priceCents: current!.priceCents },
    );
  }
  const updatedAt = new Date(Math.max(deps.clock().getTime(), product!.updatedAt.getTime() + 1));
  const before = await lowestPrices(tx, actor.organizationId, [product!.id]);
  await tx
    .update(productVariants)
    .set({ priceCents: input.priceCents, updatedAt })
    .where(eq(productVariants.id, input.variantId));
  const lowest = before.get(product!.id);
  if (lowest !== undefined && input.priceCents < lowest) {
    await notePriceDrops(
      tx,
      actor.organizationId,
      before,
      new Map([[product!.id, input.priceCents]]),
      deps.clock(),
    );
  }
  await tx.update(products).set({ updatedAt }).where(eq(products.id, product!.id));
  await recordProductEvent(tx, actor.organizationId, product!, "updated");
}
