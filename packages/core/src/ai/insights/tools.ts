import type { Database } from "@cannasaas/db/client";
import type { AiTool } from "@cannasaas/integrations/ai";
import type { ReportRange } from "../../analytics/reports/range";
import { NAMED_PERIODS, rangeLabel, resolvePeriod, type NamedPeriod } from "./period";
import { lowStockVelocity, salesByCategory, salesByProduct, salesTotals } from "./queries";

/** What the tools are bound to: one organization, its locations, and today in its time zone. */
export type InsightScope = {
  db: Database;
  organizationId: string;
  today: string;
  locations: { id: string; name: string; city: string }[];
};

export type FigureColumn = { key: string; label: string; kind: "text" | "count" | "cents" | "decimal" };
/** One table of figures a tool returned: the page shows it beside the answer, as it was used. */
export type FigureTable = {
  tool: string;
  title: string;
  period: (ReportRange & { label: string }) | null;
  location: string | null;
  columns: FigureColumn[];
  rows: Record<string, string | number | null>[];
};

const periodInput = {
  period: {
    type: "string",
    enum: [...NAMED_PERIODS],
    description: "A named period in the store's calendar; or give from and to instead.",
  },
  from: { type: "string", description: "First store calendar day, YYYY-MM-DD." },
  to: { type: "string", description: "Last store calendar day, YYYY-MM-DD (included)." },
  location: { type: "string", description: "A location's name or city; leave out for all locations." },
};

export const INSIGHT_TOOLS: AiTool[] = [
  {
    name: "sales_by_product",
    description:
      "Products ranked by units sold over a period (completed orders), with their sales in cents, at one location or all.",
    inputSchema: {
      type: "object",
      properties: { ...periodInput, limit: { type: "integer", minimum: 1, maximum: 20 } },
    },
  },
  {
    name: "top_categories",
    description:
      "Menu categories ranked by sales in cents over a period, with units, at one location or all.",
    inputSchema: { type: "object", properties: periodInput },
  },
  {
    name: "sales_totals",
    description:
      "Completed orders, net sales, revenue and average order (cents) over a period, beside the period of the same length just before.",
    inputSchema: { type: "object", properties: periodInput },
  },
  {
    name: "low_stock_velocity",
    description:
      "Items at or below their low-stock level, with units sold per day over the last days and the days of stock left at that pace.",
    inputSchema: {
      type: "object",
      properties: {
        location: periodInput.location,
        days: {
          type: "integer",
          minimum: 7,
          maximum: 60,
          description: "Days of sales to measure; 14 if left out.",
        },
      },
    },
  },
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const str = (v: unknown, max = 80) => (typeof v === "string" ? v.trim().slice(0, max) : undefined);
const clampInt = (v: unknown, min: number, max: number, fallback: number) =>
  typeof v === "number" && Number.isInteger(v) ? Math.min(max, Math.max(min, v)) : fallback;

class ToolInputError extends Error {}

function periodOf(scope: InsightScope, input: Record<string, unknown>): ReportRange & { label: string } {
  const named = str(input.period);
  const from = str(input.from);
  const to = str(input.to);
  let range: ReportRange;
  if (named && (NAMED_PERIODS as readonly string[]).includes(named))
    range = resolvePeriod(named as NamedPeriod, scope.today);
  else if (from && DAY.test(from)) range = { from, to: to && DAY.test(to) ? to : from };
  else range = resolvePeriod("last_7_days", scope.today);
  if (range.from > range.to) throw new ToolInputError("The period's first day is after its last day.");
  if (range.to > scope.today) range = { ...range, to: scope.today };
  return { ...range, label: rangeLabel(range) };
}

function locationOf(scope: InsightScope, input: Record<string, unknown>) {
  const wanted = str(input.location)?.toLowerCase();
  if (!wanted || /^(all|every|all locations)$/.test(wanted)) return null;
  const match =
    scope.locations.find((l) => l.name.toLowerCase() === wanted || l.city.toLowerCase() === wanted) ??
    scope.locations.find(
      (l) => l.name.toLowerCase().includes(wanted) || wanted.includes(l.city.toLowerCase()),
    );
  if (!match)
    throw new ToolInputError(
      `There is no location called ${wanted}. Locations: ${scope.locations.map((l) => l.name).join(", ")}.`,
    );
  return match;
}

/**
 * Runs one tool: read-only queries of this organization's figures. Answers with data and the figure table the
 * page shows; bad input comes back as an `error` for the model, never as a throw.
 */
export async function runInsightTool(
  scope: InsightScope,
  name: string,
  input: Record<string, unknown>,
): Promise<{ data: Record<string, unknown>; figures: FigureTable | null }> {
  try {
    return await runChecked(scope, name, input);
  } catch (error) {
    if (error instanceof ToolInputError) return { data: { error: error.message }, figures: null };
    throw error;
  }
}

async function runChecked(scope: InsightScope, name: string, input: Record<string, unknown>) {
  switch (name) {
    case "sales_by_product": {
      const period = periodOf(scope, input);
      const location = locationOf(scope, input);
      const rows = await salesByProduct(scope.db, scope.organizationId, {
        range: period,
        locationId: location?.id ?? null,
        limit: clampInt(input.limit, 1, 20, 5),
      });
      return {
        data: { period, location: location?.name ?? "all locations", products: rows },
        figures: {
          tool: name,
          title: "Best sellers by units",
          period,
          location: location?.name ?? null,
          columns: [
            { key: "product", label: "Product", kind: "text" },
            { key: "units", label: "Units", kind: "count" },
            { key: "salesCents", label: "Sales", kind: "cents" },
          ],
          rows,
        } satisfies FigureTable,
      };
    }
    case "top_categories": {
      const period = periodOf(scope, input);
      const location = locationOf(scope, input);
      const rows = await salesByCategory(scope.db, scope.organizationId, {
        range: period,
        locationId: location?.id ?? null,
        limit: 10,
      });
      return {
        data: { period, location: location?.name ?? "all locations", categories: rows },
        figures: {
          tool: name,
          title: "Categories by sales",
          period,
          location: location?.name ?? null,
          columns: [
            { key: "category", label: "Category", kind: "text" },
            { key: "salesCents", label: "Sales", kind: "cents" },
            { key: "units", label: "Units", kind: "count" },
          ],
          rows,
        } satisfies FigureTable,
      };
    }
    case "sales_totals": {
      const period = periodOf(scope, input);
      const location = locationOf(scope, input);
      const totals = await salesTotals(scope.db, scope.organizationId, {
        range: period,
        locationId: location?.id ?? null,
      });
      const previousLabel = rangeLabel(totals.previousRange);
      return {
        data: { period, location: location?.name ?? "all locations", ...totals, previousLabel },
        figures: {
          tool: name,
          title: "Orders and revenue",
          period,
          location: location?.name ?? null,
          columns: [
            { key: "period", label: "Period", kind: "text" },
            { key: "orders", label: "Orders", kind: "count" },
            { key: "netSalesCents", label: "Net sales", kind: "cents" },
            { key: "totalCents", label: "Revenue", kind: "cents" },
            { key: "averageOrderCents", label: "Average order", kind: "cents" },
          ],
          rows: [
            { period: period.label, ...totals.current },
            { period: previousLabel, ...totals.previous },
          ],
        } satisfies FigureTable,
      };
    }
    case "low_stock_velocity": {
      const location = locationOf(scope, input);
      const days = clampInt(input.days, 7, 60, 14);
      const rows = await lowStockVelocity(scope.db, scope.organizationId, {
        locationId: location?.id ?? null,
        today: scope.today,
        days,
        limit: 10,
      });
      return {
        data: { location: location?.name ?? "all locations", days, items: rows },
        figures: {
          tool: name,
          title: `Low stock, by days left at the last ${days} days' pace`,
          period: null,
          location: location?.name ?? null,
          columns: [
            { key: "product", label: "Product", kind: "text" },
            { key: "variant", label: "Size", kind: "text" },
            { key: "location", label: "Location", kind: "text" },
            { key: "available", label: "Available", kind: "count" },
            { key: "unitsPerDay", label: "Sold a day", kind: "decimal" },
            { key: "daysLeft", label: "Days left", kind: "decimal" },
          ],
          rows: rows.map((r) => ({
            product: r.product,
            variant: r.variant,
            location: r.location,
            available: r.available,
            unitsPerDay: r.unitsPerDay,
            daysLeft: r.daysLeft,
          })),
        } satisfies FigureTable,
      };
    }
    default:
      return { data: { error: `There is no tool called ${name.slice(0, 40)}.` }, figures: null };
  }
}
