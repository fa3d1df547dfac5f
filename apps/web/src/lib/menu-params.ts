import type { RouterInputs } from "@cannasaas/api";

/** The search box's limit; the API refuses longer searches. Kept here, free of server imports, for the browser. */
export const SEARCH_MAX_LENGTH = 100;

export type SearchParams = Record<string, string | string[] | undefined>;
type MenuInput = NonNullable<RouterInputs["storefront"]["products"]>;

/** The menu's filters as they appear in the URL (and in the filter form's field names). */
export type MenuParams = {
  q: string;
  category: string;
  strain: string[];
  thcMin: string;
  thcMax: string;
  effect: string[];
  brand: string[];
  priceMin: string;
  priceMax: string;
  sort: string;
  menu: string;
  page: number;
};

const LIST_KEYS = ["strain", "effect", "brand"] as const;
const TEXT_KEYS = ["q", "category", "thcMin", "thcMax", "priceMin", "priceMax", "sort", "menu"] as const;
/** Filters that narrow the menu (search, sort and the price list do not count as filters). */
const FILTER_KEYS = [
  "category",
  "strain",
  "thcMin",
  "thcMax",
  "effect",
  "brand",
  "priceMin",
  "priceMax",
] as const;

/**
 * Lone surrogates (text no database can store) are dropped here; control characters, NUL included, are removed
 * by sanitizeMenuParams, which tells the shopper so.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const storable = (value: string) => value.replace(LONE_SURROGATE, "").trim();
const first = (value: string | string[] | undefined) =>
  storable((Array.isArray(value) ? value[0] : value) ?? "");
const all = (value: string | string[] | undefined) => [
  ...new Set((Array.isArray(value) ? value : value ? [value] : []).map(storable).filter(Boolean)),
];

export function parseMenuParams(searchParams: SearchParams): MenuParams {
  const page = Number(first(searchParams.page));
  return {
    ...(Object.fromEntries(TEXT_KEYS.map((k) => [k, first(searchParams[k])])) as Pick<
      MenuParams,
      (typeof TEXT_KEYS)[number]
    >),
    ...(Object.fromEntries(LIST_KEYS.map((k) => [k, all(searchParams[k])])) as Pick<
      MenuParams,
      (typeof LIST_KEYS)[number]
    >),
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** "21.5" (percent or dollars) -> 2150; blank or not a number -> undefined. Range checks are the API's. */
function hundredths(value: string): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? Math.round(n * 100) : undefined;
}

const listOrUndefined = <T extends string>(list: string[]) => (list.length ? (list as T[]) : undefined);

export function toMenuInput(params: MenuParams, extra: { locationId?: string; pageSize: number }): MenuInput {
  return {
    page: params.page,
    pageSize: extra.pageSize,
    q: params.q || undefined,
    category: params.category || undefined,
    strainTypes: listOrUndefined<NonNullable<MenuInput["strainTypes"]>[number]>(params.strain),
    thcMinBps: hundredths(params.thcMin),
    thcMaxBps: hundredths(params.thcMax),
    effects: listOrUndefined(params.effect),
    brands: listOrUndefined(params.brand),
    priceMinCents: hundredths(params.priceMin),
    priceMaxCents: hundredths(params.priceMax),
    sort: (params.sort || undefined) as MenuInput["sort"],
    menu: (params.menu || undefined) as MenuInput["menu"],
    locationId: extra.locationId,
  };
}

type FacetInput = Exclude<RouterInputs["storefront"]["facets"], void | undefined>;

/** The search and filters of a menu URL, for the facet counts beside it. */
export function toFacetInput(params: MenuParams): FacetInput {
  const {
    page: _page,
    pageSize: _size,
    sort: _sort,
    locationId: _location,
    ...filters
  } = toMenuInput(params, {
    pageSize: 1,
  });
  return filters;
}

/** How many narrowing filters are set (shown on the collapsed filter button). */
export const activeFilterCount = (params: MenuParams) =>
  FILTER_KEYS.reduce((n, k) => n + (Array.isArray(params[k]) ? params[k].length : params[k] ? 1 : 0), 0);

/** A menu URL with the current filters, some of them changed; page 1 and blank values are left out. */
export function menuHref(params: MenuParams, changes: Partial<MenuParams> = {}): string {
  const next = { ...params, page: 1, ...changes };
  const query = new URLSearchParams();
  for (const key of [...TEXT_KEYS, ...LIST_KEYS]) {
    const value = next[key];
    for (const v of Array.isArray(value) ? value : [value]) if (v) query.append(key, v);
  }
  if (next.page > 1) query.set("page", String(next.page));
  const text = query.toString();
  return text ? `/?${text}` : "/";
}
