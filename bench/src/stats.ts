/** Percentile by nearest rank over a sorted copy. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export type Summary = {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
};

export function summarize(latenciesMs: number[], errors: number, seconds: number): Summary {
  return {
    requests: latenciesMs.length,
    errors,
    seconds,
    rps: latenciesMs.length / seconds,
    p50: percentile(latenciesMs, 50),
    p95: percentile(latenciesMs, 95),
    p99: percentile(latenciesMs, 99),
  };
}

export function printTable(title: string, rows: Array<{ name: string } & Summary>, baseline?: Summary) {
  console.log(`\n${title}`);
  console.log(
    "scenario".padEnd(28),
    "req".padStart(7),
    "err".padStart(5),
    "req/s".padStart(8),
    "p50 ms".padStart(8),
    "p95 ms".padStart(8),
    "p99 ms".padStart(8),
    baseline ? "p50 vs static".padStart(14) : "",
    baseline ? "req/s vs static".padStart(16) : "",
  );
  for (const r of rows) {
    // Two significant digits: a cached page's p50 is a few hundredths of the static page's.
    const ratio = baseline ? `${Number((r.p50 / baseline.p50).toPrecision(2))}x`.padStart(14) : "";
    const share = baseline ? `${((100 * r.rps) / baseline.rps).toFixed(0)}%`.padStart(16) : "";
    console.log(
      r.name.padEnd(28),
      String(r.requests).padStart(7),
      String(r.errors).padStart(5),
      r.rps.toFixed(0).padStart(8),
      r.p50.toFixed(1).padStart(8),
      r.p95.toFixed(1).padStart(8),
      r.p99.toFixed(1).padStart(8),
      ratio,
      share,
    );
  }
}
