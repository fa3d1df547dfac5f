/**
 * Demo shelf prices. Kushy has no prices, so every price is derived by this rule (also written in
 * packages/db/seed-data/README.md):
 *
 * - Anchor: Connecticut's average retail product price (data.ct.gov "Cannabis Retail Sales by Week
 *   Ending", 2023-01 .. 2026-03): adult-use $29.54-$45.08 a week, $36.14 sales-weighted; medical
 *   $35.19. A typical single item (3.5 g flower, 0.5 g cartridge, 1 g concentrate, one edible
 *   package, a tincture, a topical, a single pre-roll) averages about $31 in California ($33.50
 *   weighted by Connecticut's sales mix), inside that band; Colorado's x0.90 index puts it near $28-30.
 *   seed-data/README.md has the exact figures, recomputed by scripts/extract-kushy.ts.
 * - Typical US shelf price range per category (adult-use, before tax), in dollars:
 *     flower        8-15 per gram (at the 1 g size)
 *     pre-roll      8-15 (single 1 g)
 *     vape          25-45 (0.5 g cartridge)
 *     concentrate   30-60 (1 g)
 *     edible        15-30 (package)
 *     tincture      35-70 (bottle)
 *     topical       20-45 (item)
 *     accessory     5-40 (fixed list prices in catalog.ts)
 * - Position in the range: t = 0.5 * potency + 0.5 * jitter, price = low + (high - low) * t.
 *   potency is 0..1 from THC (+CBD) relative to the category (flower/pre-roll 15-30%, vape and
 *   concentrate 60-90%, edible 10-100 mg, tincture 100-1,000 mg, topical 50-500 mg; unknown = 0.4);
 *   jitter is 0..1 from mulberry32 seeded with a hash of the product key, so a product's price does
 *   not depend on row order or on which organization sells it.
 * - Size: the base price times VariantSpec.priceFactor (catalog.ts): flower per-gram multipliers
 *   1 g x1.00, 3.5 g x0.90, 7 g x0.82, 14 g x0.74, 28 g x0.66 (volume discount); pre-roll 5-pack
 *   (5 x 0.5 g) = 2.25 singles; vape 1 g = 1.75 x the 0.5 g price.
 * - Market index: California x1.00, Colorado x0.90 (Colorado shelf prices run lower).
 * - Rounding: whole dollars minus one cent ($34.99), never below $4.99 (accessories keep list price).
 * - Medical price, only where the organization has medical enabled and only for cannabis items:
 *   adult-use price x0.90, rounded the same way (about 10% off). Accessories have no medical price.
 */
import { accessoryListPrice } from "./catalog";
import type { VariantSpec } from "./catalog";
import type { CatalogItem, CategorySlug } from "./kushy";
import { rngFor } from "./random";

export const PRICE_RANGES: Record<CategorySlug, { low: number; high: number }> = {
  flower: { low: 8, high: 15 },
  "pre-roll": { low: 8, high: 15 },
  vape: { low: 25, high: 45 },
  concentrate: { low: 30, high: 60 },
  edible: { low: 15, high: 30 },
  tincture: { low: 35, high: 70 },
  topical: { low: 20, high: 45 },
  accessory: { low: 5, high: 40 },
};

/** Potency range (low -> 0, high -> 1) per category, in the category's unit (bps or mg). */
const POTENCY_SCALE: Record<CategorySlug, { unit: "bps" | "mg"; low: number; high: number } | null> = {
  flower: { unit: "bps", low: 1500, high: 3000 },
  "pre-roll": { unit: "bps", low: 1500, high: 3000 },
  vape: { unit: "bps", low: 6000, high: 9000 },
  concentrate: { unit: "bps", low: 6000, high: 9000 },
  edible: { unit: "mg", low: 10, high: 100 },
  tincture: { unit: "mg", low: 100, high: 1000 },
  topical: { unit: "mg", low: 50, high: 500 },
  accessory: null,
};

const UNKNOWN_POTENCY = 0.4;
export const MEDICAL_DISCOUNT = 0.9;
export const MINIMUM_PRICE_CENTS = 499;

export function potencyScore(item: CatalogItem): number {
  const scale = POTENCY_SCALE[item.category];
  if (!scale) return UNKNOWN_POTENCY;
  const total =
    scale.unit === "bps"
      ? item.thcBps === null && item.cbdBps === null
        ? null
        : (item.thcBps ?? 0) + (item.cbdBps ?? 0)
      : item.thcMg === null && item.cbdMg === null
        ? null
        : (item.thcMg ?? 0) + (item.cbdMg ?? 0);
  if (total === null) return UNKNOWN_POTENCY;
  return Math.min(1, Math.max(0, (total - scale.low) / (scale.high - scale.low)));
}

/** The product's base price in dollars (per gram for flower, single for pre-rolls, 0.5 g for vapes). */
export function basePriceDollars(item: CatalogItem): number {
  const range = PRICE_RANGES[item.category];
  const jitter = rngFor(`price:${item.key}`)();
  const t = 0.5 * potencyScore(item) + 0.5 * jitter;
  return range.low + (range.high - range.low) * t;
}

/** Whole dollars minus one cent, never below the minimum. */
export function toShelfCents(dollars: number): number {
  return Math.max(MINIMUM_PRICE_CENTS, Math.round(dollars) * 100 - 1);
}

export type PriceOptions = { priceIndex: number; medicalEnabled: boolean };

export function variantPrices(
  item: CatalogItem,
  variant: VariantSpec,
  options: PriceOptions,
): { priceCents: number; medicalPriceCents: number | null } {
  if (item.category === "accessory") {
    const list = accessoryListPrice(item.key) ?? PRICE_RANGES.accessory.low;
    return { priceCents: list * 100 - 1, medicalPriceCents: null };
  }
  const priceCents = toShelfCents(basePriceDollars(item) * variant.priceFactor * options.priceIndex);
  const medicalPriceCents = options.medicalEnabled
    ? toShelfCents(((priceCents + 1) / 100) * MEDICAL_DISCOUNT)
    : null;
  return { priceCents, medicalPriceCents };
}
