import type { RouterOutputs } from "@cannasaas/api";
import { STRAIN_TYPE_LABELS } from "@cannasaas/validators";
import { formatCents, formatPercentBps } from "~/lib/format";
import type { MenuParams } from "~/lib/menu-params";
import { brandsToShow, type Brand } from "./brands-shown";

type Facets = RouterOutputs["storefront"]["facets"];
type Category = RouterOutputs["storefront"]["categories"][number];

/** One checkbox: `label` only when it differs from the value (effects are their own labels). */
export type FilterOption = { value: string; label?: string; count: number };
export type MenuCategory = { slug: string; name: string; count: number };

/**
 * What the menu's filter form and category links show, and nothing else. They are client components rendered
 * from this, so the page carries each option once as data (plus its HTML) rather than a second time as a React
 * element tree in the server-component payload.
 */
export type MenuFilters = {
  categories: MenuCategory[];
  strainTypes: FilterOption[];
  effects: FilterOption[];
  /** The brands the page carries (see `brandsToShow`); the rest load on request. */
  brands: Brand[];
  brandTotal: number;
  /** The lowest and highest THC and price on the menu, shown as the range fields' placeholders. */
  thcHints: [string, string];
  priceHints: [string, string];
};

export function toMenuFilters(categories: Category[], facets: Facets, params: MenuParams): MenuFilters {
  const hint = (v: number | null, format: (n: number) => string) => (v === null ? "" : format(v));
  return {
    categories: categories.map((c) => ({ slug: c.slug, name: c.name, count: countOf(facets, c.slug) })),
    strainTypes: facets.strainTypes.map((s) => ({
      value: s.value,
      label: STRAIN_TYPE_LABELS[s.value],
      count: s.count,
    })),
    effects: facets.effects.map((e) => ({ value: e.value, count: e.count })),
    brands: brandsToShow(facets.brands, params.brand),
    brandTotal: facets.brands.length,
    thcHints: [hint(facets.thcBps.min, formatPercentBps), hint(facets.thcBps.max, formatPercentBps)],
    priceHints: [hint(facets.priceCents.min, formatCents), hint(facets.priceCents.max, formatCents)],
  };
}

/** How many products a category has under the current search and other filters. */
const countOf = (facets: Facets, slug: string) => facets.categories.find((c) => c.slug === slug)?.count ?? 0;
