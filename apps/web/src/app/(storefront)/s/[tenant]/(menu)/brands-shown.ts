export type Brand = { slug: string; name: string; count: number };

/** How many brands the page itself carries; a large menu has hundreds, which made the menu page heavy. */
export const SHOWN_BRANDS = 12;

/** The brands the page carries: the chosen ones, then the largest by product count, in name order. */
export function brandsToShow(brands: Brand[], checked: string[]): Brand[] {
  const largest = new Set(
    [...brands]
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .slice(0, SHOWN_BRANDS)
      .map((b) => b.slug),
  );
  return brands.filter((b) => largest.has(b.slug) || checked.includes(b.slug));
}
