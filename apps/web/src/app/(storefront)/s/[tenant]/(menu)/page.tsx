import Link from "next/link";
import { TRPCError } from "@trpc/server";
import {
  activeFilterCount,
  menuHref,
  parseMenuParams,
  toFacetInput,
  toMenuInput,
  type SearchParams,
} from "~/lib/menu-params";
import { sanitizeMenuParams } from "~/lib/menu-params-sanitize";
import { PhoneCartBar } from "~/components/cart/phone-cart-bar";
import { chosenLocation } from "~/server/location";
import { serverApi } from "~/server/trpc";
import { storefrontTenant } from "~/server/tenant";
import { ActiveFilters, filterChips } from "./active-filters";
import { CategoryNav } from "./category-nav";
import { CLEARED } from "./cleared";
import { FilterPanel } from "./filter-panel";
import { LocationPicker } from "../location-picker";
import { toMenuFilters } from "./menu-filters";
import { MenuResults } from "./menu-results";

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> };

const PAGE_SIZE = 24;

export default async function StorefrontHome({ params, searchParams }: Props) {
  const tenant = await storefrontTenant((await params).tenant);
  const raw = await searchParams;
  const { params: query, notices } = sanitizeMenuParams(
    parseMenuParams(raw),
    Array.isArray(raw.page) ? raw.page[0] : raw.page,
  );
  const api = await serverApi();
  // Counts follow the search and filters; input the API refuses (min above max) counts the whole menu instead.
  const facetInput = toFacetInput(query);
  const [categories, facets, locations] = await Promise.all([
    api.storefront.categories(),
    api.storefront.facets(facetInput).catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "BAD_REQUEST") {
        return api.storefront.facets({ menu: facetInput.menu });
      }
      throw error;
    }),
    api.storefront.locations(),
  ]);
  const chips = filterChips(query, { categories, brands: facets.brands });
  const filters = toMenuFilters(categories, facets, query);
  const location = await chosenLocation(locations);
  // Input the API refuses (a THC minimum above the maximum, say) is explained above an empty menu.
  const menu = await api.storefront
    .products(toMenuInput(query, { pageSize: PAGE_SIZE, locationId: location?.id }))
    .catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "BAD_REQUEST") return { problem: error.message };
      throw error;
    });
  const returnTo = menuHref(query, { page: query.page });

  return (
    <div className="flex flex-col gap-6">
      {/* The welcome heading is in ./layout.tsx, outside the loading boundary. */}
      <LocationPicker locations={locations} chosen={location} returnTo={returnTo} />

      <CategoryNav query={query} categories={filters.categories} />

      {notices.length ? (
        <div role="status" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950">
          <ul className="list-inside list-disc text-sm">
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="flex flex-col gap-6 lg:grid lg:grid-cols-[17rem_1fr] lg:items-start">
        <aside aria-label="Search and filters">
          <FilterPanel params={query} filters={filters} medicalEnabled={tenant.medicalEnabled} />
        </aside>
        <div className="flex flex-col gap-3">
          <ActiveFilters query={query} chips={chips} />
          {"problem" in menu ? (
            <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 text-red-900">
              <p className="font-semibold">{menu.problem}</p>
              <Link href={menuHref(query, CLEARED)} className="mt-2 inline-block font-semibold underline">
                Clear filters
              </Link>
            </div>
          ) : (
            <MenuResults
              menu={menu}
              query={query}
              filtered={activeFilterCount(query) > 0 || query.q !== ""}
              locationName={location?.name ?? null}
            />
          )}
        </div>
      </div>
      <PhoneCartBar />
    </div>
  );
}
