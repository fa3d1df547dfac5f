import { and, eq, gt, sql } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { inventoryLots, priceSuggestions } from "@cannasaas/db/schema";
import { invalidateMenu } from "../catalog/menu-cache";
import { changeVariantPriceInTx } from "../catalog-admin/prices";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { floorPriceCents } from "./markdown";
import { getPricingPolicy } from "./policy";

type Actor = { organizationId: string; userId: string; canWritePrices: boolean };
type Deps = Pick<CoreDeps, "db" | "kv" | "clock">;

const DECIDED: Record<string, string> = {
  approved: "This suggestion was already approved.",
  dismissed: "This suggestion was already dismissed.",
  superseded: "This suggestion was replaced by a newer one; refresh the list.",
};

async function lockOpen(tx: Transaction, actor: Actor, id: string) {
  const [row] = await tx
    .select()
    .from(priceSuggestions)
    .where(and(eq(priceSuggestions.organizationId, actor.organizationId), eq(priceSuggestions.id, id)))
    .for("update");
  if (!row) throw new DomainError("NOT_FOUND", "That suggestion does not exist.");
  if (row.status !== "open") throw new DomainError("CONFLICT", DECIDED[row.status]!);
  return row;
}

/**
 * The owner approves a markdown: the catalog sets the variant's price (refused if the price moved since the
 * suggestion was made), after checking the margin floor again against today's costs and policy, and the
 * suggestion is marked approved, all in one transaction (the audit record of the call commits with it). The
 * menu's price cache is renewed afterwards.
 */
export async function approvePriceSuggestion(deps: Deps, actor: Actor, suggestionId: string) {
  const approved = await deps.db.transaction(async (tx) => {
    const row = await lockOpen(tx, actor, suggestionId);
    const policy = await getPricingPolicy(tx, actor.organizationId);
    const [cost] = await tx
      .select({ max: sql<number | null>`max(${inventoryLots.unitCostCents})`.mapWith(Number) })
      .from(inventoryLots)
      .where(
        and(
          eq(inventoryLots.organizationId, actor.organizationId),
          eq(inventoryLots.variantId, row.variantId),
          gt(inventoryLots.quantity, 0),
        ),
      );
    const unitCost = Math.max(row.unitCostCents, cost?.max ?? 0);
    const floor = floorPriceCents(unitCost, policy.marginFloorBp);
    if (row.suggestedPriceCents < floor) {
      throw new DomainError(
        "CONFLICT",
        `The margin floor is now $${(floor / 100).toFixed(2)} (cost or policy changed), above this suggestion; refresh the suggestions.`,
        { floorPriceCents: floor },
      );
    }
    await changeVariantPriceInTx(tx, deps, actor, {
      variantId: row.variantId,
      expectedPriceCents: row.currentPriceCents,
      priceCents: row.suggestedPriceCents,
    });
    const [saved] = await tx
      .update(priceSuggestions)
      .set({ status: "approved", decidedByUserId: actor.userId, decidedAt: deps.clock() })
      .where(eq(priceSuggestions.id, row.id))
      .returning();
    return saved!;
  });
  await invalidateMenu(deps.kv, actor.organizationId, "prices");
  return approved;
}

/** The owner dismisses a markdown; nothing else changes. */
export async function dismissPriceSuggestion(deps: Deps, actor: Actor, suggestionId: string) {
  return deps.db.transaction(async (tx) => {
    const row = await lockOpen(tx, actor, suggestionId);
    const [saved] = await tx
      .update(priceSuggestions)
      .set({ status: "dismissed", decidedByUserId: actor.userId, decidedAt: deps.clock() })
      .where(eq(priceSuggestions.id, row.id))
      .returning();
    return saved!;
  });
}
