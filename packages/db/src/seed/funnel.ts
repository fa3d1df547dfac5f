/**
 * The storefront funnel behind the demo history: per history day, sessions reaching each step, derived from the
 * orders placed that day with stated step-to-step rates (about 3 in 10 sessions that view a product add to the
 * cart, about 6 in 10 carts reach checkout, about 8 in 10 checkouts place an order), jittered per day from a fixed
 * seed. They go straight into the daily rollup the funnel report reads (no raw events: those hold visits of the
 * last 90 days only, and the rollup job recounts just the last three days from them).
 */
import type { Transaction } from "../client";
import { analyticsDaily } from "../schema";
import { rngFor } from "./random";

const between = (rng: () => number, low: number, high: number) => low + (high - low) * rng();

export function demoFunnelRows(
  organizationId: string,
  slug: string,
  placedPerDay: ReadonlyMap<string, number>,
) {
  const rows: (typeof analyticsDaily.$inferInsert)[] = [];
  for (const [day, orders] of placedPerDay) {
    if (orders === 0) continue;
    const rng = rngFor(`funnel:${slug}:${day}`);
    const checkout = Math.round(orders / between(rng, 0.75, 0.85));
    const cart = Math.round(checkout / between(rng, 0.55, 0.65));
    const product = Math.round(cart / between(rng, 0.25, 0.35));
    const visits = Math.round(product / between(rng, 0.65, 0.8));
    const steps = [
      ["page_view", visits, between(rng, 2.5, 3.5)],
      ["product_view", product, between(rng, 1.8, 2.6)],
      ["add_to_cart", cart, between(rng, 1.2, 1.6)],
      ["checkout_started", checkout, between(rng, 1.0, 1.2)],
      ["order_placed", orders, 1],
    ] as const;
    for (const [type, sessions, perSession] of steps) {
      rows.push({ organizationId, day, type, sessions, events: Math.round(sessions * perSession) });
    }
  }
  return rows;
}

export async function seedDemoFunnel(
  tx: Transaction,
  org: { id: string; slug: string },
  placedPerDay: ReadonlyMap<string, number>,
) {
  const rows = demoFunnelRows(org.id, org.slug, placedPerDay);
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insert(analyticsDaily)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing();
  }
  return rows.length;
}
