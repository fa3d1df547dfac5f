import type { inventoryLots } from "../schema";
import { hashString, intBetween, rngFor } from "./random";

/** Days from the seed day to a demo lot's expiry: one already expired, several inside 30 days, the rest later. */
const EXPIRY_OFFSETS = [-2, 4, 9, 16, 27, 45, 75, 120, 180, 270];

/**
 * Demo METRC packages for one location: about one stocked variant in six gets a lot holding all or most of
 * its units (the rest stay untracked, as stock received before lots were used would), with an expiry date
 * relative to the seed day so that some are always expiring soon. Labels are 24 characters, stable per
 * organization, location and position.
 */
export function demoLots(input: {
  organizationId: string;
  orgSlug: string;
  location: { id: string; slug: string };
  stock: ReadonlyArray<{ variantId: string; sku: string; onHand: number }>;
  seedDay: string;
}): (typeof inventoryLots.$inferInsert)[] {
  const prefix = `1A4${hashString(`lot:${input.orgSlug}:${input.location.slug}`).toString(16).toUpperCase().padStart(8, "0")}`;
  const lots: (typeof inventoryLots.$inferInsert)[] = [];
  for (const item of input.stock) {
    const rng = rngFor(`lot:${input.orgSlug}:${input.location.slug}:${item.sku}`);
    if (item.onHand < 3 || rng() >= 0.16) continue;
    const quantity = rng() < 0.5 ? item.onHand : intBetween(rng, Math.ceil(item.onHand / 2), item.onHand);
    const offset = EXPIRY_OFFSETS[intBetween(rng, 0, EXPIRY_OFFSETS.length - 1)]!;
    lots.push({
      organizationId: input.organizationId,
      locationId: input.location.id,
      variantId: item.variantId,
      packageLabel: `${prefix}${String(lots.length + 1).padStart(13, "0")}`,
      initialQuantity: quantity + intBetween(rng, 0, 10),
      quantity,
      expiresOn: addDays(input.seedDay, offset),
    });
  }
  return lots;
}

function addDays(day: string, days: number) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
