"use client";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type ForecastChartData = {
  title: string;
  history: Array<{ day: string; units: number }>;
  forecast: Array<{ day: string; mean: number; lower: number; upper: number }>;
  intervalPercent: number;
};

/**
 * Recent daily sales, then the daily forecast with its prediction interval as a band, drawn by Recharts. The
 * caption is what a screen reader hears; the table under the chart carries every figure.
 */
export function ForecastChart({ chart }: { chart: ForecastChartData }) {
  const data = [
    ...chart.history.map((h) => ({ day: h.day.slice(5), sold: h.units })),
    ...chart.forecast.map((f) => ({
      day: f.day.slice(5),
      forecast: f.mean,
      band: [f.lower, f.upper] as [number, number],
    })),
  ];
  const total = chart.forecast.reduce((t, f) => t + f.mean, 0);
  const summary =
    chart.forecast.length === 0
      ? `${chart.title}: no forecast.`
      : `${chart.title}: about ${Math.round(total)} units over ${chart.forecast.length} days, from ${chart.forecast[0]!.day}; the band holds ${chart.intervalPercent}% of likely days.`;
  return (
    <figure className="flex flex-col gap-2" data-testid="forecast-chart">
      <div style={{ height: 280 }} className="w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" stroke="#e7e5e4" vertical={false} />
            <XAxis dataKey="day" tick={{ fontSize: 12 }} minTickGap={16} />
            <YAxis width={40} tick={{ fontSize: 12 }} allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Area
              dataKey="band"
              name={`${chart.intervalPercent}% interval`}
              stroke="none"
              fill="var(--color-brand)"
              fillOpacity={0.15}
              isAnimationActive={false}
            />
            <Line
              dataKey="sold"
              name="Sold"
              stroke="#57534e"
              dot={false}
              strokeWidth={2}
              isAnimationActive={false}
            />
            <Line
              dataKey="forecast"
              name="Forecast"
              stroke="var(--color-brand)"
              strokeDasharray="5 4"
              dot={false}
              strokeWidth={2}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-sm text-stone-600">{summary}</figcaption>
    </figure>
  );
}
