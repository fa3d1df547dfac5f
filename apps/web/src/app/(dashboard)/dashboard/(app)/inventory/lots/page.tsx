import type { Metadata } from "next";
import { EmptyState, Notice } from "@cannasaas/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";
import { forbiddenMessage, inventoryContext, pageNumber, param } from "../context";
import { LocationFilter, SearchFilter } from "../location-filter";
import { Pager } from "../pager";

export const metadata: Metadata = { title: "Lots" };

const PAGE_SIZE = 50;

export default async function LotsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const context = await inventoryContext();
  if (!context) return null;
  const sp = await searchParams;
  const chosen = context.locations.find((l) => l.id === param(sp.location));
  const search = param(sp.q).trim().slice(0, 100);
  const includeEmpty = param(sp.empty) === "1";
  const page = pageNumber(sp.page);
  const lots = await context.api.inventory
    .lots({ locationId: chosen?.id, search: search || undefined, includeEmpty, page, pageSize: PAGE_SIZE })
    .catch(forbiddenMessage);
  if (typeof lots === "string") return <Notice tone="error">{lots}</Notice>;
  return (
    <section aria-labelledby="lots-heading" className="flex flex-col gap-4">
      <h2 id="lots-heading" className="text-lg font-semibold">
        Lots (METRC packages)
      </h2>
      <form className="flex flex-wrap items-end gap-3" role="search" aria-label="Lots">
        <LocationFilter locations={context.locations} value={chosen?.id ?? ""} allowAll />
        <SearchFilter id="lots-search" label="Package label or product" value={search} />
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="empty" value="1" defaultChecked={includeEmpty} className="size-5" />
          Include used-up packages
        </label>
        <button className="min-h-11 rounded-lg bg-brand px-4 text-sm font-semibold text-white">Show</button>
      </form>
      {lots.items.length === 0 ? (
        <EmptyState>
          No packages{search ? " match" : " yet"}. Receive stock into a package from Stock levels.
        </EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <tr>
              <TableHead>Package</TableHead>
              <TableHead>Product</TableHead>
              <TableHead>Location</TableHead>
              <TableHead align="right">Left / received</TableHead>
              <TableHead>Expires</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {lots.items.map((lot) => (
              <tr key={lot.id} data-testid="lot-row">
                <TableCell className="font-mono">{lot.packageLabel}</TableCell>
                <TableCell>
                  {lot.productName} <span className="text-stone-600">· {lot.variantName}</span>
                </TableCell>
                <TableCell>{lot.locationName}</TableCell>
                <TableCell numeric>
                  {lot.quantity} / {lot.initialQuantity}
                </TableCell>
                <TableCell>{lot.expiresOn ?? "—"}</TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
      <Pager
        path="/dashboard/inventory/lots"
        params={{
          ...(chosen ? { location: chosen.id } : {}),
          ...(search ? { q: search } : {}),
          ...(includeEmpty ? { empty: "1" } : {}),
        }}
        page={page}
        hasMore={lots.hasMore}
      />
    </section>
  );
}
