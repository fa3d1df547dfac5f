import { describe, expect, it } from "vitest";
import {
  bpsOfCents,
  computeTaxes,
  DEFAULT_TAX_RATES,
  type TaxLineInput,
  type TaxRates,
} from "../../src/compliance/tax";

function rates(state: string, overrides: Partial<TaxRates> = {}): TaxRates {
  const base = DEFAULT_TAX_RATES[state];
  if (!base) throw new Error(`no default rates for ${state}`);
  return { ...base, ...overrides };
}

const line = (
  lineId: string,
  subtotalCents: number,
  kind: TaxLineInput["kind"] = "flower",
  thcBps: number | null = 2_000,
): TaxLineInput => ({
  lineId,
  subtotalCents,
  kind,
  thcBps,
});

describe("rounding", () => {
  it("rounds each tax half up to the cent", () => {
    expect(bpsOfCents(10, 500)).toBe(1); // 0.5 -> 1
    expect(bpsOfCents(9, 500)).toBe(0); // 0.45 -> 0
    expect(bpsOfCents(330, 1_500)).toBe(50); // 49.5 -> 50
    expect(bpsOfCents(329, 1_500)).toBe(49); // 49.35 -> 49
    expect(bpsOfCents(333, 1_500)).toBe(50); // 49.95 -> 50
    expect(bpsOfCents(0, 3_700)).toBe(0);
  });

  it("rejects fractional cents and rates finer than a hundredth of a basis point", () => {
    expect(() => bpsOfCents(10.5, 500)).toThrow(/cents/);
    expect(() => bpsOfCents(10, 500.125)).toThrow(/basis points/);
    expect(() => bpsOfCents(10, -1)).toThrow(/basis points/);
  });

  it("rounds per line, so order totals are the sums of the rounded lines", () => {
    // three 10-cent accessories at 5%: each 0.5 -> 1 cent, 3 in all (rounding the order would give 1.5 -> 2)
    const r = rates("CA", { salesBps: 500 });
    const result = computeTaxes(
      r,
      "adult_use",
      ["a", "b", "c"].map((id) => line(id, 10, "non_cannabis", null)),
    );
    expect(result.lines.map((l) => l.salesCents)).toEqual([1, 1, 1]);
    expect(result.salesCents).toBe(3);
  });
});

describe("totals", () => {
  it("equal the sum of the lines", () => {
    const r = rates("CA", { localCannabisBps: 1_000, salesBps: 1_025 });
    const result = computeTaxes(r, "adult_use", [
      line("flower", 4_599),
      line("vape", 3_333, "concentrate"),
      line("gummies", 1_999, "edible_solid", null),
      line("papers", 299, "non_cannabis", null),
    ]);
    const sum = (pick: (l: (typeof result.lines)[number]) => number) =>
      result.lines.reduce((t, l) => t + pick(l), 0);
    expect(result.exciseCents).toBe(sum((l) => l.exciseCents));
    expect(result.localCannabisCents).toBe(sum((l) => l.localCannabisCents));
    expect(result.salesCents).toBe(sum((l) => l.salesCents));
    expect(result.totalTaxCents).toBe(result.exciseCents + result.localCannabisCents + result.salesCents);
    for (const l of result.lines)
      expect(l.totalTaxCents).toBe(l.exciseCents + l.localCannabisCents + l.salesCents);
    // flower: local 459.9 -> 460; excise (4,599 + 460) * 15% = 758.85 -> 759;
    // sales (4,599 + 759 + 460) * 10.25% = 596.345 -> 596
    expect(result.lines[0]).toEqual({
      lineId: "flower",
      exciseCents: 759,
      localCannabisCents: 460,
      salesCents: 596,
      totalTaxCents: 1_815,
    });
  });

  it("is empty for an empty cart", () => {
    expect(computeTaxes(rates("WA"), "adult_use", [])).toEqual({
      lines: [],
      exciseCents: 0,
      localCannabisCents: 0,
      salesCents: 0,
      totalTaxCents: 0,
    });
  });

  it("has defaults for the nine states", () => {
    expect(Object.keys(DEFAULT_TAX_RATES).sort()).toEqual([
      "CA",
      "CO",
      "IL",
      "MA",
      "MI",
      "NV",
      "NY",
      "OR",
      "WA",
    ]);
  });
});
