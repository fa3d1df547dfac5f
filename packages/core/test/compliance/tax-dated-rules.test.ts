import { describe, expect, it } from "vitest";
import {
  computeTaxes,
  ROUNDING_BY_STATE,
  shareCents,
  STATE_TAX_SCHEDULES,
  stateTaxRatesOn,
  withLocalRates,
  type TaxLineInput,
} from "../../src/compliance/tax";

const flower = (lineId: string, subtotalCents: number, medicalCompliant = false): TaxLineInput => ({
  lineId,
  subtotalCents,
  kind: "flower",
  thcBps: 2_000,
  medicalCompliant,
});

const ratesOn = (state: string, day: string) => {
  const rates = stateTaxRatesOn(state, day);
  if (!rates) throw new Error(`no rules for ${state}`);
  return rates;
};

describe("rates are effective-dated: an order is taxed at the rate in force on its local day", () => {
  it.each([
    ["2025-06-30", 1_500],
    ["2025-07-01", 1_900],
    ["2025-09-30", 1_900],
    ["2025-10-01", 1_500],
    ["2026-12-06", 1_500],
  ])("California's excise on %s is %i bps", (day, bps) => {
    expect(ratesOn("CA", day).exciseBps).toBe(bps);
    // $100 of flower: the excise follows the date, and the sales tax is computed on price + excise.
    const { lines } = computeTaxes(ratesOn("CA", day), "adult_use", [flower("a", 10_000)]);
    expect(lines[0]!.exciseCents).toBe(bps);
  });

  it("every state's periods are in date order and the first one covers 2023", () => {
    for (const [state, periods] of Object.entries(STATE_TAX_SCHEDULES)) {
      expect(
        periods.map((p) => p.from),
        state,
      ).toEqual([...periods.map((p) => p.from)].sort());
      expect(periods[0]!.from <= "2023-01-01", state).toBe(true);
    }
  });

  it("an unknown state has no rules (checkout then refuses with a message)", () => {
    expect(stateTaxRatesOn("TX", "2026-01-01")).toBeNull();
  });

  it("documents the rounding method of every state it taxes", () => {
    expect(Object.keys(ROUNDING_BY_STATE).sort()).toEqual(Object.keys(STATE_TAX_SCHEDULES).sort());
  });
});

describe("California's bases", () => {
  it("charges the excise on the delivery fee, shared over the cannabis lines, and sales tax on the excise", () => {
    const rates = ratesOn("CA", "2026-01-10");
    const result = computeTaxes(
      rates,
      "adult_use",
      [
        flower("a", 3_000),
        flower("b", 1_000),
        { lineId: "papers", subtotalCents: 500, kind: "non_cannabis", thcBps: null },
      ],
      { deliveryFeeCents: 800 },
    );
    // The $8 fee is shared 3:1 over the cannabis lines (600 + 200), never onto the accessory.
    // a: excise (3,000 + 600) * 15% = 540; sales (3,000 + 540) * 7.25% = 256.65 -> 257
    // b: excise (1,000 + 200) * 15% = 180; sales (1,000 + 180) * 7.25% = 85.55 -> 86
    // papers: no excise; sales 500 * 7.25% = 36.25 -> 36
    expect(result.lines.map((l) => [l.exciseCents, l.salesCents])).toEqual([
      [540, 257],
      [180, 86],
      [0, 36],
    ]);
    expect(result.exciseCents).toBe(720);
  });

  it("without a delivery fee the excise is on the price (plus any passed-on local tax) alone", () => {
    const result = computeTaxes(ratesOn("CA", "2026-01-10"), "adult_use", [flower("a", 10_000)]);
    expect(result.exciseCents).toBe(1_500);
  });
});

describe("Washington medical card holders", () => {
  const seattle = (day: string) => withLocalRates(ratesOn("WA", day), { salesBps: 1_035 });
  it.each<[string, string, boolean, boolean, [number, number]]>([
    // [case, day, endorsed store, compliant product, [excise, sales]]
    ["endorsed store, compliant product, after SHB 1453", "2024-06-06", true, true, [0, 0]],
    ["endorsed store, compliant product, before SHB 1453", "2024-06-05", true, true, [3_700, 0]],
    ["endorsed store, product not compliant", "2025-01-01", true, false, [3_700, 1_035]],
    ["store without the endorsement", "2025-01-01", false, true, [3_700, 1_035]],
  ])("%s", (_case, day, endorsed, compliant, [excise, sales]) => {
    const { lines } = computeTaxes(seattle(day), "medical", [flower("a", 10_000, compliant)], {
      medicalEndorsedStore: endorsed,
    });
    expect([lines[0]!.exciseCents, lines[0]!.salesCents]).toEqual([excise, sales]);
  });

  it("adult-use shoppers pay the 37% whatever the store and product", () => {
    const { lines } = computeTaxes(seattle("2025-01-01"), "adult_use", [flower("a", 10_000, true)], {
      medicalEndorsedStore: true,
    });
    expect(lines[0]!.exciseCents).toBe(3_700);
  });
});

describe("New York", () => {
  it("charges the 9% state and 4% local retail taxes only; the 9% wholesale tax never reaches the receipt", () => {
    for (const day of ["2024-05-31", "2024-06-01"]) {
      const { lines } = computeTaxes(ratesOn("NY", day), "adult_use", [flower("a", 10_000)]);
      expect(lines[0]).toMatchObject({ exciseCents: 900, localCannabisCents: 400, salesCents: 0 });
    }
    expect(ratesOn("NY", "2024-05-31").licenseeWholesale).toBeUndefined();
    expect(ratesOn("NY", "2024-06-01").licenseeWholesale).toEqual({ bps: 900, retailShareBps: 7_500 });
  });
});

describe("a location's override keeps the state's rules", () => {
  it("replaces only the local rates; excise, exemptions and bases stay the state's", () => {
    const state = ratesOn("CA", "2026-01-10");
    // A row written before the rule may still carry an excise and exemptions of its own: they are ignored.
    const legacy = { salesBps: 925, localCannabisBps: 250, exciseBps: 0, medicalExempt: { sales: false } };
    const merged = withLocalRates(state, legacy);
    expect(merged).toEqual({ ...state, salesBps: 925, localCannabisBps: 250 });
    // A medical card holder in California still pays no sales tax at this location.
    const { lines } = computeTaxes(merged, "medical", [flower("a", 10_000)]);
    expect(lines[0]!.salesCents).toBe(0);
    expect(lines[0]!.exciseCents).toBeGreaterThan(0);
  });
});

describe("shareCents", () => {
  it.each([
    [800, [3_000, 1_000, 0], [600, 200, 0]],
    [1, [1, 1, 1], [1, 0, 0]],
    [100, [1, 1, 1], [34, 33, 33]],
    [0, [5, 5], [0, 0]],
    [700, [0, 0], [0, 0]],
  ])(
    "shares %i over %j as %j, always summing to the amount when there is weight",
    (cents, weights, shares) => {
      expect(shareCents(cents, weights)).toEqual(shares);
    },
  );
});
