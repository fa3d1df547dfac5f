import { formatCents } from "~/lib/format";

export type SalesPoint = { day: string; orders: number; salesCents: number };

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 16, right: 8, bottom: 28, left: 56 };

/**
 * Daily sales as an SVG bar chart: hand-written (no chart library to ship or keep building under Turbopack),
 * one labelled image for screen readers plus the figures as a list, each bar with its own tooltip.
 */
export function SalesChart({ points, title }: { points: SalesPoint[]; title: string }) {
  const max = Math.max(...points.map((p) => p.salesCents), 0);
  const top = niceCeiling(max);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(points.length, 1);
  const barW = Math.max(2, slot * 0.7);
  const total = points.reduce((sum, p) => sum + p.salesCents, 0);
  const best = points.reduce<SalesPoint | null>((b, p) => (!b || p.salesCents > b.salesCents ? p : b), null);
  const summary =
    total === 0
      ? `${title}: no completed sales in this period.`
      : `${title}: ${formatCents(total)} in total; best day ${best!.day} with ${formatCents(best!.salesCents)}.`;
  const labelEvery = points.length > 14 ? 5 : 2;

  return (
    <figure className="flex flex-col gap-2">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={summary}
        className="h-auto w-full"
        data-testid="sales-chart"
      >
        {[0, 0.5, 1].map((f) => {
          const y = PAD.top + plotH * (1 - f);
          return (
            <g key={f}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} className="stroke-stone-200" />
              <text x={PAD.left - 6} y={y + 4} textAnchor="end" className="fill-stone-500 text-[11px]">
                {shortDollars(top * f)}
              </text>
            </g>
          );
        })}
        {points.map((p, i) => {
          const h = top === 0 ? 0 : (p.salesCents / top) * plotH;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          return (
            <g key={p.day}>
              <rect
                x={x}
                y={PAD.top + plotH - h}
                width={barW}
                height={Math.max(h, p.salesCents > 0 ? 1 : 0)}
                rx={2}
                className="fill-brand"
              >
                <title>{`${p.day}: ${formatCents(p.salesCents)} from ${p.orders} order${p.orders === 1 ? "" : "s"}`}</title>
              </rect>
              {i % labelEvery === (points.length - 1) % labelEvery ? (
                <text
                  x={x + barW / 2}
                  y={HEIGHT - 8}
                  textAnchor="middle"
                  className="fill-stone-500 text-[11px]"
                >
                  {p.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="text-sm text-stone-600">{summary}</figcaption>
      <details className="text-sm">
        <summary className="min-h-11 cursor-pointer py-2 text-brand">Daily figures</summary>
        <ul className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3">
          {points.map((p) => (
            <li key={p.day} className="tabular-nums">
              {p.day}: {formatCents(p.salesCents)} ({p.orders})
            </li>
          ))}
        </ul>
      </details>
    </figure>
  );
}

/** A round axis maximum at or above the largest bar (in cents). */
function niceCeiling(cents: number) {
  if (cents <= 0) return 0;
  const magnitude = 10 ** Math.floor(Math.log10(cents));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= cents) return step * magnitude;
  return 10 * magnitude;
}

function shortDollars(cents: number) {
  const dollars = cents / 100;
  return dollars >= 1000
    ? `$${(dollars / 1000).toFixed(dollars % 1000 === 0 ? 0 : 1)}k`
    : `$${Math.round(dollars)}`;
}
