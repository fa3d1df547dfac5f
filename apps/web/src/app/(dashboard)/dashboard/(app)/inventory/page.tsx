import type { Metadata } from "next";
import Link from "next/link";
import { storefrontUrl } from "@cannasaas/core/hosts";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRowHeader,
} from "@cannasaas/ui/table";
import { EmptyState, Notice } from "@cannasaas/ui/card";
import { cn } from "@cannasaas/ui/utils";
import { env } from "~/env";
import { forbiddenMessage, inventoryContext, pageNumber, param } from "./context";
import { LocationFilter, SearchFilter } from "./location-filter";
import { MovementButton } from "./movement-dialog";
import { Pager } from "./pager";

export const metadata: Metadata = { title: "Inventory" };

const PAGE_SIZE = 50;
type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function InventoryLevelsPage({ searchParams }: { searchParams: Search }) {
  const context = await inventoryContext();
  if (!context) return null;
  const sp = await searchParams;
  const { locations, organization } = context;
  if (locations.length === 0) return <Notice>Add a location first; stock is kept per location.</Notice>;
  const location = locations.find((l) => l.id === param(sp.location)) ?? locations[0]!;
  const search = param(sp.q).trim().slice(0, 100);
  const page = pageNumber(sp.page);
  const lowOnly = param(sp.low) === "1";
  const levels = await context.api.inventory
    .levels({ locationId: location.id, search: search || undefined, lowOnly, page, pageSize: PAGE_SIZE })
    .catch(forbiddenMessage);
  if (typeof levels === "string") return <Notice tone="error">{levels}</Notice>;
  const store = organization.launchedAt ? storefrontUrl(organization.slug, env().ROOT_DOMAIN) : null;

  return (
    <div className="flex flex-col gap-4">
      <form className="flex flex-wrap items-end gap-3" role="search" aria-label="Stock levels">
        <LocationFilter locations={locations} value={location.id} />
        <SearchFilter id="inventory-search" label="Search products or SKUs" value={search} />
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="low" value="1" defaultChecked={lowOnly} className="size-5" />
          Low stock only
        </label>
        <button className="min-h-11 rounded-lg bg-brand px-4 text-sm font-semibold text-white">Show</button>
      </form>
      {!context.canAdjust ? (
        <Notice>
          Your role can see stock but not change it. Owners, admins and managers receive, adjust and transfer.
        </Notice>
      ) : null}
      <p className="text-sm text-stone-600" aria-live="polite">
        {levels.total} item{levels.total === 1 ? "" : "s"} at {location.name}
        {search ? ` matching “${search}”` : ""}. Available = on hand − reserved for open orders.
      </p>
      {levels.items.length === 0 ? (
        <EmptyState>
          {search || lowOnly ? "Nothing matches. Clear the search to see everything." : "No products yet."}
        </EmptyState>
      ) : (
        <Table>
          <TableCaption>Stock at {location.name}</TableCaption>
          <TableHeader>
            <tr>
              <TableHead>Product</TableHead>
              <TableHead align="right">On hand</TableHead>
              <TableHead align="right">Reserved</TableHead>
              <TableHead align="right">Available</TableHead>
              <TableHead align="right">Low at</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {levels.items.map((row) => (
              <tr key={row.variantId} data-testid="inventory-row" data-variant-name={row.variantName}>
                <TableRowHeader>
                  <span className="font-medium">{row.productName}</span>
                  <span className="text-stone-600"> · {row.variantName}</span>
                  <span className="block text-xs text-stone-500">
                    {row.sku}
                    {row.lotCount > 0 ? ` · ${row.lotCount} lot${row.lotCount === 1 ? "" : "s"}` : ""}
                    {row.productStatus !== "active" ? ` · ${row.productStatus}` : ""}
                    {store && row.productStatus === "active" ? (
                      <>
                        {" · "}
                        <a
                          href={`${store}/p/${row.productSlug}`}
                          className="text-brand underline underline-offset-2"
                        >
                          View in store
                        </a>
                      </>
                    ) : null}
                  </span>
                </TableRowHeader>
                <TableCell numeric>{row.onHand}</TableCell>
                <TableCell numeric>{row.reserved}</TableCell>
                <TableCell
                  numeric
                  className={cn("font-semibold", row.low && "text-red-700")}
                  data-testid="available"
                >
                  {row.available}
                  {row.low ? <span className="sr-only"> (low)</span> : null}
                </TableCell>
                <TableCell numeric>{row.lowStockThreshold}</TableCell>
                <TableCell>
                  <div className="flex justify-end gap-2">
                    <Link
                      href={`/dashboard/inventory/history?${new URLSearchParams({ variant: row.variantId, location: location.id })}`}
                      className="inline-flex min-h-11 items-center px-2 text-brand underline underline-offset-2"
                    >
                      History<span className="sr-only"> of {row.productName}</span>
                    </Link>
                    {context.canAdjust ? (
                      <MovementButton
                        item={{
                          variantId: row.variantId,
                          label: `${row.productName} (${row.variantName})`,
                          onHand: row.onHand,
                          available: row.available,
                          threshold: row.lowStockThreshold,
                        }}
                        location={location}
                        locations={locations}
                      />
                    ) : null}
                  </div>
                </TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
      <Pager
        path="/dashboard/inventory"
        params={{ location: location.id, q: search, ...(lowOnly ? { low: "1" } : {}) }}
        page={page}
        hasMore={page * PAGE_SIZE < levels.total}
      />
    </div>
  );
}
