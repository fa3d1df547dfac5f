import type { Frequency } from "../src";

export interface BacktestArgs {
  file: string;
  /** Columns whose values together name a series; empty when the file holds one series per value column. */
  series: string[];
  time: string;
  /** One or more value columns; each becomes its own series. */
  values: string[];
  frequency: Frequency;
  horizon: number;
  testPoints: number;
}

export const USAGE =
  "usage: pnpm forecast:backtest <file.csv> --series <column[,column]|-> --time <column> --value <column[,column]> --freq day|week|month --horizon 1 --test-points N";

const list = (text: string) =>
  text === "-"
    ? []
    : text
        .split(",")
        .map((c) => c.trim())
        .filter((c) => c.length > 0);

/** Parses the command line, or throws an Error whose message says what is wrong. */
export function parseBacktestArgs(argv: readonly string[]): BacktestArgs {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") continue;
    if (arg.startsWith("--")) {
      const value = argv[i + 1];
      if (value === undefined || (value.startsWith("--") && value !== "-"))
        throw new Error(`${arg} needs a value`);
      flags.set(arg.slice(2), value);
      i++;
    } else positional.push(arg);
  }
  if (positional.length !== 1) throw new Error("give exactly one CSV file");
  for (const required of ["series", "time", "value", "freq", "test-points"]) {
    if (!flags.has(required)) throw new Error(`--${required} is required`);
  }
  const frequency = flags.get("freq")!;
  if (frequency !== "day" && frequency !== "week" && frequency !== "month") {
    throw new Error(`--freq must be day, week or month, not "${frequency}"`);
  }
  const horizon = Number(flags.get("horizon") ?? "1");
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new Error("--horizon must be a whole number of at least 1");
  const testPoints = Number(flags.get("test-points"));
  if (!Number.isInteger(testPoints) || testPoints < 1)
    throw new Error("--test-points must be a whole number of at least 1");
  const values = list(flags.get("value")!);
  if (values.length === 0) throw new Error("--value needs at least one column");
  return {
    file: positional[0]!,
    series: list(flags.get("series")!),
    time: flags.get("time")!,
    values,
    frequency,
    horizon,
    testPoints,
  };
}
