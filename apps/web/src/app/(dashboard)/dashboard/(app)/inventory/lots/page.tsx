import type { Metadata } from "next";
import { Notice } from "@cannasaas/ui/card";
import { forbiddenMessage, inventoryContext, pageNumber, param } from "../context";
import { LocationFilter } from "../location-filter";
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
        <div className="flex min-w-48 flex-1 flex-col gap-1">
          <label htmlFor="lots-search" className="text-sm font-medium">
            Package label or product
          </label>
          <input
            id="lots-search"
            name="q"
            type="search"
            defaultValue={search}
            maxLength={100}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
          />
        </div>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="empty" value="1" defaultChecked={includeEmpty} className="size-5" />
          Include used-up packages
        </label>
        <button className="min-h-11 rounded-lg bg-brand px-4 text-sm font-semibold text-white">Show</button>
      </form>
      {lots.items.length === 0 ? (
        <p className="rounded-xl bg-white p-5 text-stone-700">
          No packages{search ? " match" : " yet"}. Receive stock into a package from Stock levels.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-50 text-stone-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Package
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Product
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Location
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Left / received
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Expires
                </th>
              </tr>
            </thead>
            <tbody>
              {lots.items.map((lot) => (
                <tr key={lot.id} className="border-t border-stone-100" data-testid="lot-row">
                  <td className="px-3 py-2 font-mono">{lot.packageLabel}</td>
                  <td className="px-3 py-2">
                    {lot.productName} <span className="text-stone-600">· {lot.variantName}</span>
                  </td>
                  <td className="px-3 py-2">{lot.locationName}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {lot.quantity} / {lot.initialQuantity}
                  </td>
                  <td className="px-3 py-2">{lot.expiresOn ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
