"use client";
import Link from "next/link";
import {
  activeFilterCount,
  menuHref,
  SEARCH_MAX_LENGTH,
  toFacetInput,
  type MenuParams,
} from "~/lib/menu-params";
import { BrandFilter } from "./brand-filter";
import { CLEARED } from "./cleared";
import { Checkboxes, FIELD_CLASS, LEGEND_CLASS, Range } from "./filter-fields";
import { LiveFilters } from "./live-filters";
import type { MenuFilters } from "./menu-filters";
import { SearchBox } from "./search-box";

type Props = {
  params: MenuParams;
  filters: MenuFilters;
  medicalEnabled: boolean;
};

const SORTS = [
  ["relevance", "Best match"],
  ["name", "Name"],
  ["price_asc", "Price: low to high"],
  ["price_desc", "Price: high to low"],
  ["thc_desc", "THC: high to low"],
  ["newest", "Newest"],
] as const;

/**
 * Search, sort and filters in one plain GET form, so it works without JavaScript and every choice lives in the
 * URL. Below the `lg` breakpoint the filters fold into a <details>; from `lg` up they are always shown. A client
 * component rendered from compact data (`MenuFilters`), so its many options are not sent twice.
 */
export function FilterPanel({ params, filters, medicalEnabled }: Props) {
  const count = activeFilterCount(params);
  const sort = params.sort || (params.q ? "relevance" : "name");
  return (
    <form
      id={FORM_ID}
      method="get"
      action="/"
      role="search"
      aria-label="Search and filter the menu"
      className="group flex flex-col gap-4"
    >
      <div className="flex gap-2">
        <SearchBox initial={params.q} maxLength={SEARCH_MAX_LENGTH} />
        <button type="submit" className="min-h-11 rounded-lg bg-brand px-4 font-semibold text-white">
          Search
        </button>
      </div>
      <div>
        <label htmlFor="menu-sort" className={LEGEND_CLASS}>
          Sort by
        </label>
        <select
          id="menu-sort"
          name="sort"
          defaultValue={sort}
          data-fallback={params.q ? "relevance" : "name"}
          className={FIELD_CLASS}
        >
          {SORTS.filter(([value]) => value !== "relevance" || params.q).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <details className="rounded-xl border border-stone-200 bg-white p-3 lg:[&::details-content]:[content-visibility:visible]">
        <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between font-semibold lg:hidden [&::-webkit-details-marker]:hidden">
          <span>Filters{count ? ` (${count})` : ""}</span>
          <span aria-hidden="true">▾</span>
        </summary>
        <div className="flex flex-col gap-4 pt-3 lg:pt-0">
          <div>
            <label htmlFor="menu-category" className={LEGEND_CLASS}>
              Category
            </label>
            <select id="menu-category" name="category" defaultValue={params.category} className={FIELD_CLASS}>
              <option value="">All categories</option>
              {filters.categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {`${c.name} (${c.count})`}
                </option>
              ))}
            </select>
          </div>
          <Checkboxes
            legend="Strain type"
            name="strain"
            checked={params.strain}
            options={filters.strainTypes}
          />
          <Range
            legend="THC (%)"
            names={["thcMin", "thcMax"]}
            values={[params.thcMin, params.thcMax]}
            step="0.1"
            hints={filters.thcHints}
          />
          <Checkboxes legend="Effects" name="effect" checked={params.effect} options={filters.effects} />
          <BrandFilter
            facetInput={toFacetInput(params)}
            shown={filters.brands}
            total={filters.brandTotal}
            checked={params.brand}
          />
          <Range
            legend="Price ($)"
            names={["priceMin", "priceMax"]}
            values={[params.priceMin, params.priceMax]}
            step="0.01"
            hints={filters.priceHints}
          />
          {medicalEnabled ? (
            <div>
              <label htmlFor="menu-kind" className={LEGEND_CLASS}>
                Prices
              </label>
              <select
                id="menu-kind"
                name="menu"
                defaultValue={params.menu || "adult_use"}
                data-fallback="adult_use"
                className={FIELD_CLASS}
              >
                <option value="adult_use">Adult-use</option>
                <option value="medical">Medical (patients)</option>
              </select>
            </div>
          ) : null}
          <div className="flex items-center gap-3">
            {/* With JavaScript every choice applies at once (LiveFilters), so the button is only for no-JS. */}
            <button
              type="submit"
              className="min-h-11 flex-1 rounded-lg bg-brand px-4 font-semibold text-white group-data-[live]:hidden"
            >
              Apply filters
            </button>
            {count ? (
              <Link
                href={menuHref(params, CLEARED)}
                className="min-h-11 content-center px-2 text-sm font-semibold underline"
              >
                Clear filters
              </Link>
            ) : null}
          </div>
        </div>
      </details>
      <LiveFilters formId={FORM_ID} query={menuHref(params, { page: 1 }).slice(2)} />
    </form>
  );
}

const FORM_ID = "menu-filters";
