/**
 * pnpm forecast:backtest <file.csv> --series <column> --time <column> --value <column> --freq day|week|month
 *   --horizon 1 --test-points N
 *
 * Rolling-origin backtest of every series in a CSV. The last line is
 * `median MAPE <model>% | naive <x>% | seasonal naive <y>% | series <k>`.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { evaluateSeries, median, regularize, type SeriesEvaluation } from "../src";
import { parseBacktestArgs, USAGE, type BacktestArgs } from "./backtest-args";
import { parseDateCell, parseNumberCell } from "./parse-csv-values";

function fail(message: string, showUsage = false): never {
  console.error(`forecast:backtest: ${message}`);
  if (showUsage) console.error(USAGE);
  process.exit(1);
}

function readRows(args: BacktestArgs): Record<string, string>[] {
  // pnpm runs scripts from the package folder; INIT_CWD is where the command was typed.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), args.file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    fail(`cannot read ${path}`);
  }
  const rows: Record<string, string>[] = parse(text, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    relax_column_count: true,
    trim: true,
  });
  if (rows.length === 0) fail(`${args.file} has no data rows`);
  const header = Object.keys(rows[0]!);
  for (const column of [...args.series, args.time, ...args.values]) {
    if (!header.includes(column))
      fail(`no column "${column}" in ${args.file}; columns are: ${header.join(", ")}`);
  }
  return rows;
}

/** Groups rows into series: one per distinct key of the series columns and per value column. */
function groupSeries(rows: Record<string, string>[], args: BacktestArgs) {
  const groups = new Map<string, { date: string; value: number }[]>();
  let unreadableDates = 0;
  for (const row of rows) {
    const date = parseDateCell(row[args.time] ?? "");
    if (!date) {
      unreadableDates++;
      continue;
    }
    const key = args.series.map((c) => row[c] ?? "").join(" / ");
    for (const column of args.values) {
      const name = args.values.length > 1 ? (key ? `${key} / ${column}` : column) : key || column;
      const list = groups.get(name) ?? [];
      list.push({ date, value: parseNumberCell(row[column]) });
      groups.set(name, list);
    }
  }
  if (unreadableDates > 0) console.log(`skipped ${unreadableDates} rows whose "${args.time}" is not a date`);
  return groups;
}

/** Weekly files may end their weeks on any weekday: use the one most rows fall on. */
function commonWeekday(groups: Map<string, { date: string }[]>): number {
  const counts = new Array<number>(7).fill(0);
  for (const list of groups.values())
    for (const { date } of list) counts[new Date(`${date}T00:00:00Z`).getUTCDay()]!++;
  return counts.indexOf(Math.max(...counts));
}

const pct = (v: number) => `${v.toFixed(2)}%`;

function main() {
  let args: BacktestArgs;
  try {
    args = parseBacktestArgs(process.argv.slice(2));
  } catch (error) {
    fail((error as Error).message, true);
  }
  const groups = groupSeries(readRows(args), args);
  const weekEndsOn = commonWeekday(groups);
  const results: SeriesEvaluation[] = [];
  for (const [name, observations] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const series = regularize(observations, args.frequency, weekEndsOn);
    if (!series) continue;
    if (series.droppedPartialWeek)
      console.log(`${name}: its last week is incomplete in the file and is left out`);
    const result = evaluateSeries(series.values, args.frequency, series.dateAt, args);
    if (!result.ok) {
      console.log(`${name}: skipped, ${result.reason}`);
      continue;
    }
    const e = result.evaluation;
    const chosen = Object.entries(e.chosen)
      .sort((a, b) => b[1] - a[1])
      .map(([method, count]) => `${method} x${count}`)
      .join(", ");
    const notes = [
      e.filled > 0 ? `${e.filled} missing periods interpolated` : "",
      `${e.measured} points measured`,
    ]
      .filter(Boolean)
      .join("; ");
    console.log(
      `${name}: model ${pct(e.model)} | naive ${pct(e.naive)} | seasonal naive ${pct(e.seasonalNaive)} | chose ${chosen} (${notes})`,
    );
    results.push(e);
  }
  if (results.length === 0) fail("no series could be backtested (see the reasons above)");
  const summary = (pick: (e: SeriesEvaluation) => number) => pct(median(results.map(pick)));
  console.log(
    `median MAPE ${summary((e) => e.model)} | naive ${summary((e) => e.naive)} | seasonal naive ${summary((e) => e.seasonalNaive)} | series ${results.length}`,
  );
}

main();
