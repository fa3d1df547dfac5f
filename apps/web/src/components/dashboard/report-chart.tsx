"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCents } from "~/lib/format";

export type ReportChartData = {
  title: string;
  /** What the values are: whole cents, a count, or a percent. */
  kind: "cents" | "count" | "percent";
  /** Periods left to right, or a ranking top to bottom. */
  layout: "time" | "ranking";
  points: Array<{ label: string; value: number }>;
};

const format = (kind: ReportChartData["kind"], value: number) =>
  kind === "cents" ? formatCents(value) : kind === "percent" ? `${value}%` : value.toLocaleString("en-US");

const short = (kind: ReportChartData["kind"], value: number) => {
  if (kind !== "cents") return kind === "percent" ? `${value}%` : value.toLocaleString("en-US");
  const dollars = value / 100;
  return Math.abs(dollars) >= 1000 ? `$${(dollars / 1000).toFixed(1)}k` : `$${Math.round(dollars)}`;
};

/**
 * A report's chart, drawn by Recharts (keyboard-navigable tooltips through its accessibility layer). The chart is
 * a picture of the table under it: the summary in the caption is what a screen reader hears, and the table and
 * the CSV download carry every figure.
 */
export function ReportChart({ chart }: { chart: ReportChartData }) {
  const { kind, points } = chart;
  const total = points.reduce((s, p) => s + p.value, 0);
  const best = points.reduce<(typeof points)[number] | null>(
    (b, p) => (!b || p.value > b.value ? p : b),
    null,
  );
  const summary =
    points.length === 0 || (total === 0 && kind !== "percent")
      ? `${chart.title}: nothing in this period.`
      : `${chart.title}: highest ${best!.label} with ${format(kind, best!.value)}` +
        (chart.layout === "time" && kind !== "percent" ? `; ${format(kind, total)} in total.` : ".");
  const ranking = chart.layout === "ranking";
  const height = ranking ? Math.max(160, points.length * 32 + 40) : 260;
  return (
    <figure className="flex flex-col gap-2" data-testid="report-chart">
      <div style={{ height }} className="w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={points}
            layout={ranking ? "vertical" : "horizontal"}
            margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
            accessibilityLayer
          >
            <CartesianGrid strokeDasharray="3 3" stroke="#e7e5e4" vertical={ranking} horizontal={!ranking} />
            {ranking ? (
              <>
                <XAxis type="number" tickFormatter={(v: number) => short(kind, v)} tick={{ fontSize: 12 }} />
                <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} />
              </>
            ) : (
              <>
                <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={16} />
                <YAxis tickFormatter={(v: number) => short(kind, v)} width={64} tick={{ fontSize: 12 }} />
              </>
            )}
            <Tooltip
              formatter={(value) => [format(kind, Number(value)), chart.title]}
              cursor={{ fill: "rgba(31, 122, 77, 0.08)" }}
            />
            <Bar
              dataKey="value"
              name={chart.title}
              fill="var(--color-brand)"
              radius={3}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-sm text-stone-600">{summary}</figcaption>
    </figure>
  );
}
