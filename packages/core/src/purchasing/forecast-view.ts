import { and, eq } from "drizzle-orm";
import { locations, productVariants, products } from "@cannasaas/db/schema";
import { addDays, dateAtFrom, forecastDemand } from "@cannasaas/forecast";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { assertFeature } from "../plans/features";
import { calendarDayIn } from "../time";
import { dailyDemand } from "./demand";
import { HISTORY_DAYS } from "./suggestions";

/** Weeks ahead the owner may ask for: a lead time rarely exceeds a month, and error grows beyond two. */
export const FORECAST_WEEKS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
/** The prediction interval shown: 8 days in 10 land inside it if the method's errors hold. */
export const FORECAST_INTERVAL = 0.8;
/** Days of recent sales drawn beside the forecast. */
const SHOWN_HISTORY_DAYS = 28;

const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * One variant's daily demand forecast at one location, `weeks` ahead from tomorrow in the store's time zone, with
 * an 80% prediction interval, beside its recent daily sales. The method is the one its own history selects (the
 * same forecast the reorder suggestions use). `forecast` is null when the history is too short for any method.
 */
export async function variantDemandForecast(
  deps: Pick<CoreDeps, "db" | "kv" | "clock">,
  organizationId: string,
  input: { locationId: string; variantId: string; weeks: number },
) {
  await assertFeature(deps, organizationId, "advanced_analytics");
  if (!(FORECAST_WEEKS as readonly number[]).includes(input.weeks)) {
    throw new DomainError("BAD_REQUEST", "Forecast 1 to 8 weeks ahead.", { field: "weeks" });
  }
  const [location] = await deps.db
    .select({ name: locations.name, timeZone: locations.timeZone })
    .from(locations)
    .where(and(eq(locations.organizationId, organizationId), eq(locations.id, input.locationId)));
  if (!location)
    throw new DomainError("BAD_REQUEST", "Choose one of your locations.", { field: "locationId" });
  const [variant] = await deps.db
    .select({ sku: productVariants.sku, variantName: productVariants.name, productName: products.name })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(productVariants.organizationId, organizationId), eq(productVariants.id, input.variantId)));
  if (!variant) throw new DomainError("NOT_FOUND", "That product does not exist.");

  const lastDay = addDays(calendarDayIn(deps.clock(), location.timeZone), -1);
  const demand = await dailyDemand(deps.db, organizationId, {
    locationId: input.locationId,
    variantIds: [input.variantId],
    lastDay,
    days: HISTORY_DAYS,
  });
  const series = demand.byVariant.get(input.variantId)!;
  const dayAt = dateAtFrom(demand.firstDay, "day");
  const history = series
    .slice(-SHOWN_HISTORY_DAYS)
    .map((units, i) => ({ day: dayAt(series.length - SHOWN_HISTORY_DAYS + i), units }));
  const horizon = input.weeks * 7;
  const forecast = forecastDemand(
    series,
    { frequency: "day", period: 7, dateAt: dayAt },
    {
      horizon,
      level: FORECAST_INTERVAL,
    },
  );
  const days = forecast
    ? forecast.mean.map((mean, j) => ({
        day: addDays(lastDay, j + 1),
        mean: round1(mean),
        lower: round1(forecast.lower[j]!),
        upper: round1(forecast.upper[j]!),
      }))
    : [];
  return {
    ...variant,
    locationName: location.name,
    lastDay,
    historyDays: HISTORY_DAYS,
    soldInHistory: series.reduce((t, v) => t + v, 0),
    interval: FORECAST_INTERVAL,
    method: forecast?.method ?? null,
    totalUnits: round1(days.reduce((t, d) => t + d.mean, 0)),
    history,
    forecast: days,
  };
}
