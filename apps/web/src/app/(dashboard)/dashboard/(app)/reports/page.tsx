import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { BREAKDOWNS, REPORT_GRAINS } from "@cannasaas/core";
import { Card, EmptyState, Notice } from "@cannasaas/ui/card";
import { Select } from "@cannasaas/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";
import { ReportChart } from "~/components/dashboard/report-chart";
import { formatCents } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import {
  BREAKDOWN_LABELS,
  REPORT_LABELS,
  REPORTS,
  reportHref,
  reportParams,
  type ReportParams,
} from "./params";
import { loadReport, type Cell, type Column } from "./tables";

export const metadata: Metadata = { title: "Reports" };

const inputClass =
  "min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30";

function formatCell(value: Cell, kind: Column["kind"]): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (kind === "cents") return formatCents(value);
  if (kind === "percent") return `${value}%`;
  return value.toLocaleString("en-US");
}

export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "reports.read"))
    return <Notice tone="error">Your role cannot see reports. Ask an owner, admin or manager.</Notice>;
  const api = await serverApi();
  const { organization } = await api.organization.overview();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: organization.timeZone }).format(new Date());
  const p = reportParams(await searchParams, today);
  const loaded = await loadReport(api, p);

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Reports</h1>
      <p className="text-stone-700">
        Completed sales, counted on the day they were completed in the store&apos;s time zone (
        {organization.timeZone}); refunds are taken back out of that day. Figures come from daily totals kept
        as orders change.
      </p>
      <nav aria-label="Reports" className="-mx-4 overflow-x-auto px-4">
        <ul className="flex gap-2">
          {REPORTS.map((r) => (
            <li key={r}>
              <Link
                href={reportHref({ ...p, report: r })}
                aria-current={r === p.report ? "page" : undefined}
                className="inline-flex min-h-11 items-center whitespace-nowrap rounded-full border border-stone-300 bg-white px-4 text-sm font-medium hover:bg-stone-50 aria-[current=page]:border-brand aria-[current=page]:text-brand"
              >
                {REPORT_LABELS[r]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <PeriodForm p={p} />
      {typeof loaded === "string" ? (
        <Notice tone="error">{loaded}</Notice>
      ) : (
        <>
          {loaded.summary ? (
            <dl className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="report-summary">
              {loaded.summary.map((s) => (
                <Card key={s.label}>
                  <dt className="text-sm text-stone-600">{s.label}</dt>
                  <dd className="text-2xl font-bold tabular-nums">{formatCell(s.value, s.kind)}</dd>
                  {s.change !== undefined ? (
                    <dd className="text-xs text-stone-600">
                      {s.change === null
                        ? "No previous period to compare"
                        : `${s.change > 0 ? "+" : ""}${s.change}% vs previous period`}
                    </dd>
                  ) : null}
                </Card>
              ))}
            </dl>
          ) : null}
          {loaded.chart && loaded.chart.points.length > 0 ? (
            <Card>
              <ReportChart
                chart={{ ...loaded.chart, title: `${loaded.chart.title}, ${p.from} to ${p.to}` }}
              />
            </Card>
          ) : null}
          <a
            href={reportHref(p, "/dashboard/reports/export")}
            className="self-start font-medium text-brand underline underline-offset-4"
          >
            Download as CSV
          </a>
          {loaded.tables.map((t) =>
            t.rows.length === 0 ? (
              <EmptyState key={t.caption}>{t.caption}: nothing in this period.</EmptyState>
            ) : (
              <Table key={t.caption}>
                <TableCaption>{t.caption}</TableCaption>
                <TableHeader className="text-stone-700">
                  <tr>
                    {t.columns.map((c) => (
                      <TableHead key={c.label} className={c.kind === "text" ? undefined : "text-right"}>
                        {c.label}
                      </TableHead>
                    ))}
                  </tr>
                </TableHeader>
                <TableBody>
                  {t.rows.map((row, i) => (
                    <tr key={i} data-testid="report-row">
                      {row.map((cell, j) => (
                        <TableCell
                          key={j}
                          className={t.columns[j]!.kind === "text" ? undefined : "text-right tabular-nums"}
                        >
                          {formatCell(cell, t.columns[j]!.kind)}
                        </TableCell>
                      ))}
                    </tr>
                  ))}
                </TableBody>
              </Table>
            ),
          )}
        </>
      )}
    </div>
  );
}

function PeriodForm({ p }: { p: ReportParams }) {
  return (
    <form
      method="get"
      aria-label="Report period"
      className="flex flex-wrap items-end gap-3 rounded-xl border border-stone-200 bg-white p-4"
    >
      <input type="hidden" name="report" value={p.report} />
      <label className="flex flex-col gap-1 text-sm font-medium">
        From
        <input name="from" type="date" defaultValue={p.from} className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        To (inclusive)
        <input name="to" type="date" defaultValue={p.to} className={inputClass} />
      </label>
      {p.report === "sales" ? (
        <label className="flex flex-col gap-1 text-sm font-medium">
          By
          <Select name="grain" defaultValue={p.grain}>
            {REPORT_GRAINS.map((g) => (
              <option key={g} value={g}>
                {g[0]!.toUpperCase() + g.slice(1)}
              </option>
            ))}
          </Select>
        </label>
      ) : null}
      {p.report === "breakdown" ? (
        <label className="flex flex-col gap-1 text-sm font-medium">
          Split by
          <Select name="by" defaultValue={p.by}>
            {BREAKDOWNS.map((b) => (
              <option key={b} value={b}>
                {BREAKDOWN_LABELS[b]}
              </option>
            ))}
          </Select>
        </label>
      ) : null}
      <button className="min-h-11 rounded-lg bg-brand px-4 text-sm font-semibold text-white">Show</button>
    </form>
  );
}
