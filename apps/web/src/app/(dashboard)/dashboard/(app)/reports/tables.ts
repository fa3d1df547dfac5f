import "server-only";
import { TRPCError } from "@trpc/server";
import type { ReportChartData } from "~/components/dashboard/report-chart";
import type { serverApi } from "~/server/trpc";
import { BREAKDOWN_LABELS, type ReportParams } from "./params";

export type Column = { label: string; kind: "text" | "count" | "cents" | "percent" | "decimal" };
export type Cell = string | number | null;
export type ReportTable = { caption: string; columns: Column[]; rows: Cell[][] };
export type LoadedReport = {
  tables: ReportTable[];
  /** What the chart draws; the first table holds the same figures. */
  chart?: ReportChartData;
  summary?: Array<{ label: string; value: Cell; kind: Column["kind"]; change?: number | null }>;
};

const FUNNEL_LABELS: Record<string, string> = {
  page_view: "Viewed a page",
  product_view: "Viewed a product",
  add_to_cart: "Added to cart",
  checkout_started: "Started checkout",
  order_placed: "Placed an order",
};

type Api = Awaited<ReturnType<typeof serverApi>>;

/**
 * Runs one report and shapes it as tables, the same for the page and the CSV export, so both always show the same
 * figures. A refusal (plan, role, bad range) comes back as its message.
 */
export async function loadReport(api: Api, p: ReportParams): Promise<LoadedReport | string> {
  try {
    return await load(api, p);
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "FORBIDDEN" || error.code === "BAD_REQUEST"))
      return error.message;
    throw error;
  }
}

async function load(api: Api, p: ReportParams): Promise<LoadedReport> {
  const range = { from: p.from, to: p.to };
  switch (p.report) {
    case "sales": {
      const r = await api.reports.sales({ ...range, grain: p.grain });
      const t = r.totals;
      return {
        chart: {
          title: `Net sales by ${p.grain}`,
          kind: "cents",
          layout: "time",
          points: r.series.map((s) => ({ label: s.period, value: s.netSalesCents })),
        },
        summary: [
          { label: "Net sales", value: t.netSalesCents, kind: "cents", change: r.changePercent.netSales },
          { label: "Completed orders", value: t.orders, kind: "count", change: r.changePercent.orders },
          {
            label: "Average order value",
            value: t.averageOrderCents,
            kind: "cents",
            change: r.changePercent.averageOrder,
          },
          { label: "Items per order", value: t.itemsPerOrder, kind: "decimal" },
          { label: "Discounts given", value: t.discountCents, kind: "cents" },
        ],
        tables: [
          {
            caption: `Completed sales by ${p.grain}`,
            columns: [
              { label: p.grain === "day" ? "Day" : p.grain === "week" ? "Week from" : "Month", kind: "text" },
              { label: "Orders", kind: "count" },
              { label: "Units", kind: "count" },
              { label: "Net sales", kind: "cents" },
              { label: "Collected (with taxes and fees)", kind: "cents" },
            ],
            rows: r.series.map((s) => [s.period, s.orders, s.units, s.netSalesCents, s.totalCents]),
          },
          {
            caption: `Taxes collected, ${r.range.from} to ${r.range.to} (previous period ${r.previous.from} to ${r.previous.to})`,
            columns: [
              { label: "Tax", kind: "text" },
              { label: "This period", kind: "cents" },
              { label: "Previous period", kind: "cents" },
            ],
            rows: [
              ["Cannabis excise", t.exciseCents, r.previousTotals.exciseCents],
              ["Local cannabis tax", t.localCannabisCents, r.previousTotals.localCannabisCents],
              ["Sales tax", t.salesTaxCents, r.previousTotals.salesTaxCents],
              ["Delivery fees", t.deliveryFeeCents, r.previousTotals.deliveryFeeCents],
              ["Discounts given", t.discountCents, r.previousTotals.discountCents],
            ],
          },
        ],
      };
    }
    case "breakdown": {
      const rows = await api.reports.breakdown({ ...range, by: p.by });
      return {
        chart: {
          title: `Net sales by ${BREAKDOWN_LABELS[p.by].toLowerCase()} (largest 12)`,
          kind: "cents",
          layout: "ranking",
          points: rows.slice(0, 12).map((r) => ({ label: r.label, value: r.netSalesCents })),
        },
        tables: [
          {
            caption: `Completed sales by ${BREAKDOWN_LABELS[p.by].toLowerCase()}`,
            columns: [
              { label: BREAKDOWN_LABELS[p.by], kind: "text" },
              { label: "Orders", kind: "count" },
              { label: "Units", kind: "count" },
              { label: "Net sales", kind: "cents" },
            ],
            rows: rows.map((r) => [r.label, r.orders, r.units, r.netSalesCents]),
          },
        ],
      };
    }
    case "movers": {
      const r = await api.reports.movers(range);
      const columns: Column[] = [
        { label: "Product", kind: "text" },
        { label: "Variant", kind: "text" },
        { label: "SKU", kind: "text" },
        { label: "Units sold", kind: "count" },
        { label: "Net sales", kind: "cents" },
      ];
      const rows = (list: typeof r.top) =>
        list.map((v) => [v.productName, v.variantName, v.sku, v.units, v.netSalesCents]);
      return {
        chart: {
          title: "Units sold, top movers (largest 12)",
          kind: "count",
          layout: "ranking",
          points: r.top
            .slice(0, 12)
            .map((v) => ({ label: `${v.productName} ${v.variantName}`, value: v.units })),
        },
        tables: [
          { caption: "Top movers (most units sold)", columns, rows: rows(r.top) },
          {
            caption: "Slow movers (active variants with the fewest units sold)",
            columns,
            rows: rows(r.slow),
          },
        ],
      };
    }
    case "funnel": {
      const steps = await api.reports.funnel(range);
      const empty = steps.every((s) => s.events === 0);
      return {
        chart: empty
          ? undefined
          : {
              title: "Sessions reaching each step",
              kind: "count",
              layout: "ranking",
              points: steps.map((s) => ({ label: FUNNEL_LABELS[s.type] ?? s.type, value: s.sessions })),
            },
        tables: [
          {
            caption: "Storefront sessions reaching each step (first-party events, no personal data)",
            columns: [
              { label: "Step", kind: "text" },
              { label: "Sessions", kind: "count" },
              { label: "Events", kind: "count" },
              { label: "Of sessions with a page view", kind: "percent" },
            ],
            rows: empty
              ? []
              : steps.map((s) => [FUNNEL_LABELS[s.type] ?? s.type, s.sessions, s.events, s.percentOfVisits]),
          },
        ],
      };
    }
    case "cohorts": {
      const cohorts = await api.reports.cohorts(range);
      const width = Math.max(1, ...cohorts.map((c) => c.retentionPercent.length));
      return {
        chart: {
          title: "Average lifetime value by first-order month",
          kind: "cents",
          layout: "time",
          points: cohorts.map((c) => ({
            label: c.month.slice(0, 7),
            value: c.averageLifetimeValueCents ?? 0,
          })),
        },
        tables: [
          {
            caption: "Customers by the month of their first order: share buying again in later months",
            columns: [
              { label: "First order in", kind: "text" },
              { label: "Customers", kind: "count" },
              { label: "Average lifetime value", kind: "cents" },
              ...Array.from({ length: width - 1 }, (_, i) => ({
                label: `Month +${i + 1}`,
                kind: "percent" as const,
              })),
            ],
            rows: cohorts.map((c) => [
              c.month.slice(0, 7),
              c.customers,
              c.averageLifetimeValueCents,
              ...Array.from({ length: width - 1 }, (_, i) => c.retentionPercent[i + 1] ?? null),
            ]),
          },
        ],
      };
    }
    case "churn": {
      const r = await api.reports.churn();
      return {
        summary: [
          { label: "Repeat customers", value: r.repeatCustomers, kind: "count" },
          { label: "At risk", value: r.atRiskCount, kind: "count" },
          { label: "Their lifetime spend", value: r.atRiskValueCents, kind: "cents" },
        ],
        tables: [
          {
            caption: "Customers past twice their usual gap between orders, most valuable first",
            columns: [
              { label: "Customer", kind: "text" },
              { label: "Email", kind: "text" },
              { label: "Orders", kind: "count" },
              { label: "Lifetime spend", kind: "cents" },
              { label: "Usual gap (days)", kind: "decimal" },
              { label: "Days since last order", kind: "count" },
              { label: "Risk (gaps missed)", kind: "decimal" },
            ],
            rows: r.customers.map((c) => [
              c.name,
              c.email,
              c.orders,
              c.totalCents,
              c.usualGapDays,
              c.daysSinceLastOrder,
              c.risk,
            ]),
          },
        ],
      };
    }
  }
}
