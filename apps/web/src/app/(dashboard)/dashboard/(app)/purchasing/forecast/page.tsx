import type { Metadata } from "next";
import { EmptyState, Notice } from "@cannasaas/ui/card";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRowHeader,
} from "@cannasaas/ui/table";
import { ForecastChart } from "~/components/dashboard/forecast-chart";
import { param, purchasingContext, refusalMessage } from "../context";

export const metadata: Metadata = { title: "Demand forecast" };

const WEEKS = [1, 2, 3, 4, 5, 6, 7, 8];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const selectClass = "min-h-11 rounded-lg border border-stone-300 bg-white px-3";
type Search = Promise<Record<string, string | string[] | undefined>>;

/** One product's daily demand forecast at one location, 1 to 8 weeks ahead, with its prediction interval. */
export default async function ForecastPage({ searchParams }: { searchParams: Search }) {
  const context = await purchasingContext();
  if (!context) return null;
  if (!context.canRead) return <Notice>Your role cannot see purchasing. Ask an owner or admin.</Notice>;
  const sp = await searchParams;
  const { locations } = context;
  if (locations.length === 0) return <Notice>Add a location first; demand is forecast per location.</Notice>;
  const location = locations.find((l) => l.id === param(sp.location)) ?? locations[0]!;
  const weeks = WEEKS.find((w) => String(w) === param(sp.weeks)) ?? 4;

  // The products a supplier sells are the ones worth forecasting for purchasing; a link may name any other.
  const suppliers = await context.api.purchasing.suppliers().catch(refusalMessage);
  if (typeof suppliers === "string") return <Notice tone="error">{suppliers}</Notice>;
  const items = (
    await Promise.all(suppliers.map((s) => context.api.purchasing.supplierItems({ supplierId: s.id })))
  ).flat();
  const choices = [...new Map(items.map((i) => [i.variantId, i])).values()].sort((a, b) =>
    `${a.productName} ${a.variantName}`.localeCompare(`${b.productName} ${b.variantName}`),
  );
  const asked = param(sp.variant);
  const variantId = UUID.test(asked) ? asked : choices[0]?.variantId;
  const result = variantId
    ? await context.api.purchasing
        .forecast({ locationId: location.id, variantId, weeks })
        .catch(refusalMessage)
    : null;

  return (
    <div className="flex flex-col gap-4">
      <form className="flex flex-wrap items-end gap-3" aria-label="Forecast demand for">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Location
          <select name="location" defaultValue={location.id} className={selectClass}>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Product
          <select name="variant" defaultValue={variantId ?? ""} className={`${selectClass} max-w-xs`}>
            {variantId &&
            !choices.some((c) => c.variantId === variantId) &&
            result &&
            typeof result !== "string" ? (
              <option value={variantId}>
                {result.productName} ({result.variantName})
              </option>
            ) : null}
            {choices.map((c) => (
              <option key={c.variantId} value={c.variantId}>
                {c.productName} ({c.variantName})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Weeks ahead
          <select name="weeks" defaultValue={String(weeks)} className={selectClass}>
            {WEEKS.map((w) => (
              <option key={w} value={w}>
                {w} {w === 1 ? "week" : "weeks"}
              </option>
            ))}
          </select>
        </label>
        <button className="min-h-11 rounded-lg bg-brand px-4 text-sm font-semibold text-white">
          Forecast
        </button>
      </form>
      {!variantId ? (
        <EmptyState>Add the products your suppliers sell to forecast their demand here.</EmptyState>
      ) : typeof result === "string" ? (
        <Notice tone="error">{result}</Notice>
      ) : result ? (
        <>
          <h2 className="text-xl font-semibold">
            {result.productName} ({result.variantName}) at {result.locationName}
          </h2>
          {result.forecast.length === 0 ? (
            <EmptyState>
              Not enough sales history at {result.locationName} to forecast this product yet: it learns from
              the last {result.historyDays} days of completed sales.
            </EmptyState>
          ) : (
            <>
              <p className="text-sm text-stone-700" data-testid="forecast-summary">
                About {Math.round(result.totalUnits).toLocaleString("en-US")} units in the next {weeks}{" "}
                {weeks === 1 ? "week" : "weeks"}, day by day from {result.forecast[0]!.day}. Method:{" "}
                {result.method}, chosen by backtest on this product&apos;s own last {result.historyDays} days
                (through {result.lastDay}, {result.soldInHistory.toLocaleString("en-US")} units sold). The
                band holds {Math.round(result.interval * 100)}% of likely days.
              </p>
              <ForecastChart
                chart={{
                  title: `Daily units of ${result.productName} (${result.variantName})`,
                  history: result.history,
                  forecast: result.forecast,
                  intervalPercent: Math.round(result.interval * 100),
                }}
              />
              <Table>
                <TableCaption>Forecast by day</TableCaption>
                <TableHeader>
                  <tr>
                    <TableHead>Day</TableHead>
                    <TableHead align="right">Forecast units</TableHead>
                    <TableHead align="right">Low ({Math.round(result.interval * 100)}%)</TableHead>
                    <TableHead align="right">High</TableHead>
                  </tr>
                </TableHeader>
                <TableBody>
                  {result.forecast.map((d) => (
                    <tr key={d.day} data-testid="forecast-row">
                      <TableRowHeader>{d.day}</TableRowHeader>
                      <TableCell align="right">{d.mean}</TableCell>
                      <TableCell align="right">{d.lower}</TableCell>
                      <TableCell align="right">{d.upper}</TableCell>
                    </tr>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
        </>
      ) : null}
    </div>
  );
}
