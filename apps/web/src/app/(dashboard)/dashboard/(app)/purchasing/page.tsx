import type { Metadata } from "next";
import { EmptyState, Notice } from "@cannasaas/ui/card";
import { param, purchasingContext, refusalMessage } from "./context";
import { SuggestionsForm } from "./suggestions-form";

export const metadata: Metadata = { title: "Suggested orders" };

const LEVELS = [
  { value: "0.9", label: "90%" },
  { value: "0.95", label: "95%" },
  { value: "0.98", label: "98%" },
  { value: "0.99", label: "99%" },
];
type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SuggestedOrdersPage({ searchParams }: { searchParams: Search }) {
  const context = await purchasingContext();
  if (!context) return null;
  if (!context.canRead) return <Notice>Your role cannot see purchasing. Ask an owner or admin.</Notice>;
  const sp = await searchParams;
  const { locations } = context;
  if (locations.length === 0) return <Notice>Add a location first; orders are placed per location.</Notice>;
  const location = locations.find((l) => l.id === param(sp.location)) ?? locations[0]!;
  const level = LEVELS.find((l) => l.value === param(sp.service)) ?? LEVELS[1]!;
  const result = await context.api.purchasing
    .suggestions({ locationId: location.id, serviceLevel: Number(level.value) })
    .catch(refusalMessage);

  return (
    <div className="flex flex-col gap-4">
      <form className="flex flex-wrap items-end gap-3" aria-label="Suggested orders for">
        <div className="flex flex-col gap-1">
          <label htmlFor="purchasing-location" className="text-sm font-medium">
            Location
          </label>
          <select
            id="purchasing-location"
            name="location"
            defaultValue={location.id}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
          >
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="purchasing-service" className="text-sm font-medium">
            Service level
          </label>
          <select
            id="purchasing-service"
            name="service"
            defaultValue={level.value}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
          >
            {LEVELS.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
        <button className="min-h-11 rounded-lg bg-brand px-4 text-sm font-semibold text-white">Show</button>
      </form>
      {typeof result === "string" ? (
        <Notice tone="error">{result}</Notice>
      ) : (
        <>
          <p className="text-sm text-stone-600">
            Forecast per product from the last {result.historyDays} days of completed sales at {location.name}{" "}
            (through {result.lastDay}), the supplier&apos;s lead time plus a week until the next order, and
            safety stock for a {level.label} chance of not running out. Only items at or below their reorder
            point are listed.
          </p>
          {result.suggestions.length === 0 ? (
            <EmptyState>
              Nothing needs ordering at {location.name}. Items appear here when stock plus open orders falls
              to their reorder point; products need a supplier (see Suppliers) to be suggested.
            </EmptyState>
          ) : (
            <SuggestionsForm
              locationId={location.id}
              canBuy={context.canBuy}
              suggestions={result.suggestions}
            />
          )}
        </>
      )}
    </div>
  );
}
