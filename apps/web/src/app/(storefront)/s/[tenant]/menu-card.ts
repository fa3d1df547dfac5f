import type { RouterOutputs } from "@cannasaas/api";

type Product = RouterOutputs["storefront"]["products"]["products"][number];

/**
 * What a menu card shows, and nothing else. The menu's cards are rendered by a client component from these, so
 * the page carries each product once as this small object (plus its HTML), not a second time as a React
 * element tree in the server-component payload. Empty fields are left out rather than sent as null: each would
 * cost every card its name.
 */
export type MenuCard = {
  id: string;
  slug: string;
  name: string;
  brand?: string;
  category: { slug: string; name: string };
  imageUrl?: string;
  strainType?: NonNullable<Product["strainType"]>;
  thcBps?: number;
  thcMg?: number;
  cbdBps?: number;
  available: number;
  fromPriceCents?: number;
  fromDealPriceCents?: number;
  /** More than one size: the price reads "from", and quick add names the size it adds. */
  sizes?: true;
  /** The size quick add puts in the cart: the cheapest one in stock (none when sold out). */
  quickAdd?: { variantId: string; sizeName: string };
  dealNames?: string[];
  offers?: Array<{ name: string; terms: string }>;
};

/** What quick add names for screen readers: "Blue Dream, 3.5 g", or the product alone when it has one size. */
export const quickAddName = (card: MenuCard, quickAdd: NonNullable<MenuCard["quickAdd"]>) =>
  card.sizes ? `${card.name}, ${quickAdd.sizeName}` : card.name;

export function toMenuCard(product: Product): MenuCard {
  const inStock = product.variants.filter((v) => v.available > 0);
  const cheapest = inStock.reduce<(typeof inStock)[number] | null>(
    (best, v) => (best === null || v.menuPriceCents < best.menuPriceCents ? v : best),
    null,
  );
  const card: MenuCard = {
    id: product.id,
    slug: product.slug,
    name: product.name,
    category: { slug: product.category.slug, name: product.category.name },
    available: product.available,
  };
  if (product.brand) card.brand = product.brand;
  if (product.imageUrl) card.imageUrl = product.imageUrl;
  if (product.strainType) card.strainType = product.strainType;
  if (product.thcBps !== null) card.thcBps = product.thcBps;
  if (product.thcMg !== null) card.thcMg = product.thcMg;
  if (product.cbdBps !== null) card.cbdBps = product.cbdBps;
  if (product.fromPriceCents !== null) card.fromPriceCents = product.fromPriceCents;
  if (product.fromDealPriceCents !== null) card.fromDealPriceCents = product.fromDealPriceCents;
  if (product.variants.length > 1) card.sizes = true;
  if (cheapest) card.quickAdd = { variantId: cheapest.id, sizeName: cheapest.name };
  if (product.dealNames.length) card.dealNames = product.dealNames;
  if (product.offers.length) card.offers = product.offers.map((o) => ({ name: o.name, terms: o.terms }));
  return card;
}
