import Link from "next/link";
import type { RouterOutputs } from "@cannasaas/api";
import { activeFilterCount, menuHref, type MenuParams } from "~/lib/menu-params";
import { CLEARED } from "./cleared";
import { toMenuCard } from "../menu-card";
import { MenuGrid } from "../menu-grid";

type Props = {
  menu: RouterOutputs["storefront"]["products"];
  query: MenuParams;
  /** A search or a filter is narrowing the menu. */
  filtered: boolean;
  locationName: string | null;
};

const pageLink = "min-h-11 rounded-lg border bg-white px-4 py-3 font-medium";

export function MenuResults({ menu, query, filtered, locationName }: Props) {
  return (
    <section aria-labelledby="products-heading" className="flex flex-col gap-4">
      <h2 id="products-heading" className="text-sm text-stone-600" aria-live="polite">
        {menu.total} {menu.total === 1 ? "product" : "products"}
        {query.q ? ` for “${query.q}”` : ""}
        {locationName ? ` · stock at ${locationName}` : ""}
      </h2>
      {menu.products.length === 0 ? (
        <EmptyMenu query={query} filtered={filtered} pastEnd={menu.total > 0} />
      ) : (
        <MenuGrid cards={menu.products.map(toMenuCard)} />
      )}
      {menu.pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm">
          {menu.page > 1 ? (
            <Link
              className={pageLink}
              href={menuHref(query, { page: Math.min(menu.page, menu.pageCount + 1) - 1 })}
            >
              Previous
            </Link>
          ) : (
            <span />
          )}
          <span className="text-stone-600">
            Page {menu.page} of {menu.pageCount} · {menu.total} products
          </span>
          {menu.page < menu.pageCount ? (
            <Link className={pageLink} href={menuHref(query, { page: menu.page + 1 })}>
              Next
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}

function EmptyMenu({ query, filtered, pastEnd }: { query: MenuParams; filtered: boolean; pastEnd: boolean }) {
  return (
    <div className="rounded-xl bg-white p-6 text-center text-stone-700" data-testid="empty-menu">
      {pastEnd ? (
        <p>
          This page is past the end of the menu.{" "}
          <Link href={menuHref(query)} className="font-semibold text-brand underline">
            Go to the first page
          </Link>
        </p>
      ) : filtered ? (
        <>
          <p className="font-semibold">
            Nothing matches{" "}
            {query.q
              ? `“${query.q}”${activeFilterCount(query) ? " with these filters" : ""}`
              : "these filters"}
            .
          </p>
          <p className="mt-1">Try fewer filters, a wider THC or price range, or another search.</p>
          <p className="mt-3 flex flex-wrap justify-center gap-4">
            <Link href={menuHref(query, CLEARED)} className="font-semibold text-brand underline">
              Clear filters
            </Link>
            {query.q ? (
              <Link
                href={menuHref(query, { ...CLEARED, q: "", sort: "" })}
                className="font-semibold text-brand underline"
              >
                Show the whole menu
              </Link>
            ) : null}
          </p>
        </>
      ) : (
        <p>Nothing on the menu right now. Check back soon.</p>
      )}
    </div>
  );
}
