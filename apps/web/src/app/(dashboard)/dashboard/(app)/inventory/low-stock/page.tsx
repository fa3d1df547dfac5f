import type { Metadata } from "next";
import { Card, EmptyState, Notice } from "@cannasaas/ui/card";
import { forbiddenMessage, inventoryContext, param } from "../context";
import { LocationFilter } from "../location-filter";

export const metadata: Metadata = { title: "Low stock" };

export default async function LowStockPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const context = await inventoryContext();
  if (!context) return null;
  const wanted = param((await searchParams).location);
  const chosen = context.locations.find((l) => l.id === wanted);
  const rows = await context.api.inventory.lowStock({ locationId: chosen?.id }).catch(forbiddenMessage);
  if (typeof rows === "string") return <Notice tone="error">{rows}</Notice>;
  return (
    <section aria-labelledby="low-heading" className="flex flex-col gap-4">
      <h2 id="low-heading" className="text-lg font-semibold">
        Low stock ({rows.length})
      </h2>
      <form className="flex flex-wrap items-end gap-3">
        <LocationFilter locations={context.locations} value={chosen?.id ?? ""} allowAll />
        <button className="min-h-11 rounded-lg bg-brand px-4 text-sm font-semibold text-white">Show</button>
      </form>
      <p className="text-sm text-stone-600">
        Items whose available count (on hand minus reserved) is at or below their threshold, lowest first.
      </p>
      {rows.length === 0 ? (
        <EmptyState>Nothing is running low. 🎉</EmptyState>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2" data-testid="low-stock-list">
          {rows.map((row) => (
            <Card as="li" key={`${row.locationId}-${row.variantId}`}>
              <p className="font-semibold">
                {row.productName} <span className="font-normal text-stone-600">· {row.variantName}</span>
              </p>
              <p className="text-sm text-stone-700">
                {row.locationName} · {row.sku}
              </p>
              <p className="mt-1 text-sm">
                <span className={row.available <= 0 ? "font-semibold text-red-700" : "font-semibold"}>
                  {row.available <= 0 ? "Sold out" : `${row.available} available`}
                </span>{" "}
                · {row.onHand} on hand, {row.reserved} reserved · low at {row.lowStockThreshold}
              </p>
            </Card>
          ))}
        </ul>
      )}
    </section>
  );
}
