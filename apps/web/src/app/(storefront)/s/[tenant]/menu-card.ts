import type { RouterOutputs } from "@cannasaas/api";

type Product = RouterOutputs["storefront"]["products"]["products"][number];

/**
 * What a menu card shows, and nothing else. The menu's cards are rendered by a client component from these, so
 * the page carries each product once as this small object (plus its HTML), not a second time as a React
 * element tree in the server-component payload.
 */
export type MenuCard = {
  id: string;
  slug: string;
  name: string;
  brand: string | null;
  category: { slug: string; name: string };
  imageUrl: string | null;
  strainType: Product["strainType"];
  thcBps: number | null;
  thcMg: number | null;
  cbdBps: number | null;
  available: number;
  fromPriceCents: number | null;
  fromDealPriceCents: number | null;
  /** More than one size: the price reads "from". */
  sizes: boolean;
  /** The size quick add puts in the cart: the cheapest one in stock (none when sold out). */
  quickAdd: { variantId: string; itemName: string } | null;
  dealNames: string[];
  offers: Array<{ name: string; terms: string }>;
};

export function toMenuCard(product: Product): MenuCard {
  const inStock = product.variants.filter((v) => v.available > 0);
  const cheapest = inStock.reduce<(typeof inStock)[number] | null>(
    (best, v) => (best === null || v.menuPriceCents < best.menuPriceCents ? v : best),
    null,
  );
  const sizes = product.variants.length > 1;
  return {
    id: product.id,
    slug: product.slug,
    name: product.name,
    brand: product.brand,
    category: { slug: product.category.slug, name: product.category.name },
    imageUrl: product.imageUrl,
    strainType: product.strainType,
    thcBps: product.thcBps,
    thcMg: product.thcMg,
    cbdBps: product.cbdBps,
    available: product.available,
    fromPriceCents: product.fromPriceCents,
    fromDealPriceCents: product.fromDealPriceCents,
    sizes,
    quickAdd: cheapest
      ? { variantId: cheapest.id, itemName: sizes ? `${product.name}, ${cheapest.name}` : product.name }
      : null,
    dealNames: product.dealNames,
    offers: product.offers.map((o) => ({ name: o.name, terms: o.terms })),
  };
}
