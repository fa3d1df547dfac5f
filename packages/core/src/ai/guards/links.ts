/**
 * The storefront pages an answer may point to. Core knows no page paths: the app passes these builders in, and
 * the guard learns the shape of a product link from them (whatever `product(slug)` wraps around the slug).
 */
export type StoreLinks = {
  /** The product page of `slug`. */
  product(slug: string): string;
  /** The shopper's own orders. */
  orders(): string;
  /** Other pages of the store an answer may link to (cart, account, sign-in, ...). */
  pages: readonly string[];
};

const SLUG_MARK = "\u0000slug\u0000";

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** What the guard needs from the builders: a product link's slug, bare product paths, and the safe pages. */
export type LinkShapes = {
  productSlugOf(href: string): string | null;
  /** Bare product paths written without markdown, e.g. the path with no link text around it. */
  bareProductPaths: RegExp;
  isStorePage(href: string): boolean;
};

export function linkShapes(links: StoreLinks): LinkShapes {
  const [prefix = "", suffix = ""] = links.product(SLUG_MARK).split(SLUG_MARK);
  const slugged = `${escapeRegExp(prefix)}([a-z0-9-]+)${escapeRegExp(suffix)}`;
  const product = new RegExp(`^${slugged}/?(?:[?#].*)?$`);
  const pages = new Set([links.orders(), ...links.pages].map((p) => p.replace(/\/$/, "") || "/"));
  return {
    productSlugOf: (href) => product.exec(href)?.[1] ?? null,
    bareProductPaths: new RegExp(`(?<![\\w/.])${slugged}`, "gi"),
    isStorePage: (href) => pages.has(href.replace(/\/$/, "") || "/"),
  };
}
