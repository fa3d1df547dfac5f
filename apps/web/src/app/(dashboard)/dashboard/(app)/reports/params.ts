import { BREAKDOWNS, REPORT_GRAINS, type Breakdown, type ReportGrain } from "@cannasaas/core";

export const REPORTS = ["sales", "breakdown", "movers", "funnel", "cohorts", "churn"] as const;
export type ReportName = (typeof REPORTS)[number];
export const REPORT_LABELS: Record<ReportName, string> = {
  sales: "Sales over time",
  breakdown: "Sales by…",
  movers: "Top and slow movers",
  funnel: "Conversion funnel",
  cohorts: "Cohorts and lifetime value",
  churn: "Churn risk",
};
export const BREAKDOWN_LABELS: Record<Breakdown, string> = {
  location: "Location",
  category: "Category",
  brand: "Brand",
  product: "Product",
  budtender: "Staff member (handed over)",
  fulfillment: "Fulfilment",
};

export type ReportParams = {
  report: ReportName;
  from: string;
  to: string;
  grain: ReportGrain;
  by: Breakdown;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const pick = <T extends string>(list: readonly T[], v: unknown, fallback: T): T =>
  typeof v === "string" && (list as readonly string[]).includes(v) ? (v as T) : fallback;

/** The report and period from the address; by default the last 30 days up to today in the store's zone. */
export function reportParams(
  params: Record<string, string | string[] | undefined>,
  today: string,
): ReportParams {
  const to = typeof params.to === "string" && DAY.test(params.to) ? params.to : today;
  const monthAgo = new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const from = typeof params.from === "string" && DAY.test(params.from) ? params.from : monthAgo;
  return {
    report: pick(REPORTS, params.report, "sales"),
    from,
    to,
    grain: pick(REPORT_GRAINS, params.grain, "day"),
    by: pick(BREAKDOWNS, params.by, "category"),
  };
}

export function reportHref(p: ReportParams, path = "/dashboard/reports") {
  return `${path}?${new URLSearchParams({ report: p.report, from: p.from, to: p.to, grain: p.grain, by: p.by })}`;
}
