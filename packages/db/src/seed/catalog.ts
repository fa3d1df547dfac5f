/** Menu structure for the demo: categories, variant sizes and the house accessories (Kushy has none). */
import { STANDARD_CATEGORIES } from "../schema/catalog";
import type { LimitKind } from "../schema/enums";
import type { CatalogItem, CategorySlug } from "./kushy";

export const CATEGORIES: readonly { slug: CategorySlug; name: string; limitKind: LimitKind }[] =
  STANDARD_CATEGORIES;

export type VariantSpec = {
  /** SKU suffix, e.g. "35" in GL-000123-35. */
  code: string;
  name: string;
  /** Net cannabis weight; null for items sold by count. */
  weightMg: number | null;
  /** Price of this size relative to the product's base price (see pricing.ts). */
  priceFactor: number;
};

/**
 * Sizes per category. Flower factors are grams x a per-gram volume discount; a pre-roll 5-pack is
 * five half-gram joints (2.5 g of flower) priced at 2.25 singles; a 1 g cartridge is 1.75 x 0.5 g.
 */
export const VARIANTS: Record<CategorySlug, readonly VariantSpec[]> = {
  flower: [
    { code: "1", name: "1 g", weightMg: 1000, priceFactor: 1 * 1.0 },
    { code: "35", name: "3.5 g", weightMg: 3500, priceFactor: 3.5 * 0.9 },
    { code: "7", name: "7 g", weightMg: 7000, priceFactor: 7 * 0.82 },
    { code: "14", name: "14 g", weightMg: 14000, priceFactor: 14 * 0.74 },
    { code: "28", name: "28 g", weightMg: 28000, priceFactor: 28 * 0.66 },
  ],
  "pre-roll": [
    { code: "1", name: "1 g single", weightMg: 1000, priceFactor: 1 },
    { code: "5PK", name: "5-pack (5 × 0.5 g)", weightMg: 2500, priceFactor: 2.25 },
  ],
  vape: [
    { code: "05", name: "0.5 g", weightMg: 500, priceFactor: 1 },
    { code: "1", name: "1 g", weightMg: 1000, priceFactor: 1.75 },
  ],
  concentrate: [{ code: "1", name: "1 g", weightMg: 1000, priceFactor: 1 }],
  edible: [{ code: "PK", name: "1 package", weightMg: null, priceFactor: 1 }],
  tincture: [{ code: "EA", name: "1 bottle", weightMg: null, priceFactor: 1 }],
  topical: [{ code: "EA", name: "Each", weightMg: null, priceFactor: 1 }],
  accessory: [{ code: "EA", name: "Each", weightMg: null, priceFactor: 1 }],
};

/** House accessories with fixed list prices in whole dollars (sold at $x.99). */
export const ACCESSORIES: readonly { slug: string; name: string; dollars: number; description: string }[] = [
  {
    slug: "herb-grinder-4-piece",
    name: "4-Piece Aluminum Herb Grinder",
    dollars: 25,
    description: "Four-piece aluminum grinder with a kief screen, 55 mm.",
  },
  {
    slug: "rolling-papers-king-slim",
    name: "King Size Slim Rolling Papers (32 leaves)",
    dollars: 5,
    description: "Unbleached king size slim papers, 32 leaves per booklet.",
  },
  {
    slug: "pre-rolled-cones-6",
    name: "Pre-Rolled Cones, 1¼ Size (6-pack)",
    dollars: 7,
    description: "Six empty 1¼-size paper cones with filter tips.",
  },
  {
    slug: "vape-battery-510",
    name: "510-Thread Vape Battery",
    dollars: 20,
    description: "Variable-voltage battery for 510-thread cartridges, USB-C charging.",
  },
  {
    slug: "glass-hand-pipe",
    name: "Glass Hand Pipe",
    dollars: 18,
    description: "Borosilicate glass spoon pipe, about 4 inches long.",
  },
  {
    slug: "hemp-wick-20ft",
    name: "Hemp Wick (20 ft)",
    dollars: 6,
    description: "Beeswax-coated hemp wick, 20 feet on a spool.",
  },
  {
    slug: "refillable-lighter",
    name: "Refillable Butane Lighter",
    dollars: 5,
    description: "Refillable butane lighter with an adjustable flame.",
  },
  {
    slug: "smell-proof-jar",
    name: "Smell-Proof Storage Jar",
    dollars: 15,
    description: "UV-blocking glass jar with an airtight lid, holds about 7 g of flower.",
  },
  {
    slug: "silicone-container",
    name: "Silicone Concentrate Container",
    dollars: 6,
    description: "Non-stick 5 ml silicone container for concentrates.",
  },
  {
    slug: "dab-tool",
    name: "Stainless Steel Dab Tool",
    dollars: 10,
    description: "Stainless steel dab tool with a scoop and a pointed end.",
  },
  {
    slug: "rolling-tray-medium",
    name: "Rolling Tray, Medium",
    dollars: 13,
    description: "Metal rolling tray, 11 × 7 inches.",
  },
  {
    slug: "glass-water-pipe-8in",
    name: "Glass Water Pipe, 8 in",
    dollars: 40,
    description: "Eight-inch borosilicate glass water pipe with a 14 mm bowl.",
  },
];

export function accessoryItems(): CatalogItem[] {
  return ACCESSORIES.map((a) => ({
    key: `accessory:${a.slug}`,
    category: "accessory" as const,
    subtype: null,
    name: a.name,
    brandName: null,
    strainName: null,
    strainType: null,
    thcBps: null,
    cbdBps: null,
    thcMg: null,
    cbdMg: null,
    effects: [],
    terpenes: [],
    description: a.description,
  }));
}

export function accessoryListPrice(key: string): number | null {
  const a = ACCESSORIES.find((x) => `accessory:${x.slug}` === key);
  return a ? a.dollars : null;
}
