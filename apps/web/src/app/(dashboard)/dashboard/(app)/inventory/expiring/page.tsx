import type { Metadata } from "next";
import { Card, EmptyState, Notice } from "@cannasaas/ui/card";
import { forbiddenMessage, inventoryContext, param } from "../context";
import { LocationFilter } from "../location-filter";

export const metadata: Metadata = { title: "Expiring soon" };

const WINDOWS = [7, 14, 30, 60, 90];

export default async function ExpiringPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const context = await inventoryContext();
  if (!context) return null;
  const sp = await searchParams;
  const days = WINDOWS.includes(Number(param(sp.days))) ? Number(param(sp.days)) : 30;
  const chosen = context.locations.find((l) => l.id === param(sp.location));
  const result = await context.api.inventory
    .expiring({ days, locationId: chosen?.id })
    .catch(forbiddenMessage);
  if (typeof result === "string") return <Notice tone="error">{result}</Notice>;
  return (
    <section aria-labelledby="expiring-heading" className="flex flex-col gap-4">
      <h2 id="expiring-heading" className="text-lg font-semibold">
        Expiring within {days} days ({result.lots.length})
      </h2>
      <form className="flex flex-wrap items-end gap-3">
        <LocationFilter locations={context.locations} value={chosen?.id ?? ""} allowAll />
        <div className="flex flex-col gap-1">
          <label htmlFor="expiring-days" className="text-sm font-medium">
            Within
          </label>
          <select
            id="expiring-days"
            name="days"
            defaultValue={String(days)}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
          >
            {WINDOWS.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </div>
        <button className="min-h-11 rounded-lg bg-brand px-4 text-sm font-semibold text-white">Show</button>
      </form>
      <p className="text-sm text-stone-600">
        Packages with units left that expire by {result.until} (today is {result.today} in the store&apos;s
        time zone). Expired packages are listed first: take them off the shelf and write them off.
      </p>
      {result.lots.length === 0 ? (
        <EmptyState>Nothing expires in the next {days} days.</EmptyState>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="expiring-list">
          {result.lots.map((lot) => (
            <Card as="li" key={lot.id} className="flex flex-wrap items-baseline justify-between gap-2">
              <div>
                <p className="font-semibold">
                  {lot.productName} <span className="font-normal text-stone-600">· {lot.variantName}</span>
                </p>
                <p className="font-mono text-sm text-stone-700">{lot.packageLabel}</p>
                <p className="text-sm text-stone-600">
                  {lot.locationName} · {lot.quantity} of {lot.initialQuantity} left
                </p>
              </div>
              <p
                className={`rounded-full px-3 py-1 text-sm font-medium ${lot.expired ? "bg-red-100 text-red-900" : lot.daysLeft <= 7 ? "bg-amber-100 text-amber-900" : "bg-stone-100"}`}
              >
                {lot.expired
                  ? `Expired ${lot.expiresOn}`
                  : lot.daysLeft === 0
                    ? "Expires today"
                    : `Expires ${lot.expiresOn} (${lot.daysLeft} day${lot.daysLeft === 1 ? "" : "s"})`}
              </p>
            </Card>
          ))}
        </ul>
      )}
    </section>
  );
}
