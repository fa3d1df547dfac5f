import { describe, expect, it } from "vitest";
import type { PurchaserType } from "@cannasaas/db/enums";
import { computeTaxes, DEFAULT_TAX_RATES, type TaxLineInput, type TaxRates } from "../../src/compliance/tax";

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

/** [excise, local cannabis, sales, total] of a single line */
function taxesOf(r: TaxRates, purchaser: PurchaserType, input: TaxLineInput) {
  const { lines } = computeTaxes(r, purchaser, [input]);
  const [taxed] = lines;
  return [taxed?.exciseCents, taxed?.localCannabisCents, taxed?.salesCents, taxed?.totalTaxCents];
}

describe("per-state taxes on a $100.00 flower line", () => {
  it.each<[string, string, Partial<TaxRates>, PurchaserType, number[]]>([
    // CA: excise 10,000 * 15% = 1,500; sales (10,000 + 1,500 excise) * 7.25% = 833.75 -> 834
    ["CA adult-use", "CA", {}, "adult_use", [1_500, 0, 834, 2_334]],
    // CA with a 10% city tax passed on: local 1,000; excise (10,000 + 1,000) * 15% = 1,650;
    // sales (10,000 + 1,650 + 1,000) * 7.25% = 917.125 -> 917
    ["CA with a city tax", "CA", { localCannabisBps: 1_000 }, "adult_use", [1_650, 1_000, 917, 3_567]],
    // CA medical (MMIC holder): no sales tax, excise 1,500 still due
    ["CA medical", "CA", {}, "medical", [1_500, 0, 0, 1_500]],
    // CO: 15% retail marijuana sales tax = 1,500; the 2.9% state sales tax does not apply to retail marijuana
    ["CO adult-use", "CO", {}, "adult_use", [1_500, 0, 0, 1_500]],
    // CO with Denver-like local: 5.5% special = 550 and 4.81% local sales (cannabis rate override) = 481
    [
      "CO with local taxes",
      "CO",
      { localCannabisBps: 550, cannabisSalesBps: { adult_use: 481, medical: 771 } },
      "adult_use",
      [1_500, 550, 481, 2_531],
    ],
    // CO medical: no 15%, pays 2.9% state sales tax = 290
    ["CO medical", "CO", {}, "medical", [0, 0, 290, 290]],
    // MA: 10.75% excise 1,075 + 3% local 300 + 6.25% sales 625 = 2,000
    ["MA adult-use", "MA", { localCannabisBps: 300 }, "adult_use", [1_075, 300, 625, 2_000]],
    ["MA medical", "MA", { localCannabisBps: 300 }, "medical", [0, 0, 0, 0]],
    // MI: excise 1,000; sales (10,000 + 1,000) * 6% = 660
    ["MI adult-use", "MI", {}, "adult_use", [1_000, 0, 660, 1_660]],
    // MI medical: 6% sales only = 600
    ["MI medical", "MI", {}, "medical", [0, 0, 600, 600]],
    // WA (Seattle 10.35%): excise 37% = 3,700; sales 10,000 * 10.35% = 1,035 (not on the excise)
    ["WA adult-use", "WA", { salesBps: 1_035 }, "adult_use", [3_700, 0, 1_035, 4_735]],
    // WA medical at a store without the endorsement (or a product that is not DOH-compliant): taxed as anyone
    ["WA medical", "WA", { salesBps: 1_035 }, "medical", [3_700, 0, 1_035, 4_735]],
    // OR: 17% state 1,700 + 3% city 300
    ["OR adult-use", "OR", { localCannabisBps: 300 }, "adult_use", [1_700, 300, 0, 2_000]],
    ["OR medical", "OR", { localCannabisBps: 300 }, "medical", [0, 0, 0, 0]],
    // NV (Clark County 8.375%): excise 1,000; sales 10,000 * 8.375% = 837.5 -> 838
    ["NV adult-use", "NV", { salesBps: 837.5 }, "adult_use", [1_000, 0, 838, 1_838]],
    ["NV medical", "NV", { salesBps: 837.5 }, "medical", [0, 0, 838, 838]],
    // IL (flower 20% THC): 10% = 1,000; 6.25% ROT = 625; Chicago + Cook 6% cannabis ROT = 600
    ["IL adult-use", "IL", { localCannabisBps: 600 }, "adult_use", [1_000, 600, 625, 2_225]],
    // IL medical: 1% = 100 only
    ["IL medical", "IL", { localCannabisBps: 600 }, "medical", [0, 0, 100, 100]],
    // NY: 9% state 900 + 4% local 400; adult-use cannabis pays no sales tax
    ["NY adult-use", "NY", {}, "adult_use", [900, 400, 0, 1_300]],
    ["NY medical", "NY", {}, "medical", [0, 0, 0, 0]],
  ])("%s", (_name, state, overrides, purchaser, expected) => {
    expect(taxesOf(rates(state, overrides), purchaser, line("a", 10_000))).toEqual(expected);
  });
});

describe("accessories pay sales tax only", () => {
  it.each<[string, Partial<TaxRates>, number]>([
    ["CA", {}, 145], // 2,000 * 7.25% = 145
    ["CO", {}, 58], // 2,000 * 2.9% = 58: accessories are not retail marijuana
    ["MA", { localCannabisBps: 300 }, 125], // 2,000 * 6.25% = 125
    ["OR", { localCannabisBps: 300 }, 0], // no sales tax
    ["NY", { salesBps: 887.5 }, 178], // NYC 8.875%: 2,000 * 8.875% = 177.5 -> 178
  ])("%s", (state, overrides, sales) => {
    for (const purchaser of ["adult_use", "medical"] as const) {
      expect(taxesOf(rates(state, overrides), purchaser, line("acc", 2_000, "non_cannabis", null))).toEqual([
        0,
        0,
        sales,
        sales,
      ]);
    }
  });
});

describe("Illinois potency tiers", () => {
  const il = rates("IL", { salesBps: 0 });
  it.each<[string, TaxLineInput, number]>([
    ["flower at exactly 35% THC -> 10%", line("f", 10_000, "flower", 3_500), 1_000],
    ["flower at 35.01% THC -> 25%", line("f", 10_000, "flower", 3_501), 2_500],
    ["concentrate at 80% THC -> 25%", line("c", 10_000, "concentrate", 8_000), 2_500],
    ["vape cartridge at 30% THC -> 10%", line("c", 10_000, "concentrate", 3_000), 1_000],
    ["edible -> 20% whatever its potency", line("e", 10_000, "edible_solid", null), 2_000],
    ["drink -> 20%", line("d", 10_000, "edible_liquid", null), 2_000],
    ["topical -> 20% (infused)", line("t", 10_000, "topical", null), 2_000],
  ])("%s", (_name, input, excise) => {
    expect(taxesOf(il, "adult_use", input)[0]).toBe(excise);
  });

  it("refuses to guess when flower or concentrate potency is missing", () => {
    expect(() => computeTaxes(il, "adult_use", [line("f", 10_000, "flower", null)])).toThrow(
      /THC potency of line f/,
    );
  });

  it("needs no potency for a medical patient, who pays no Illinois excise", () => {
    expect(taxesOf(rates("IL"), "medical", line("f", 10_000, "flower", null))).toEqual([0, 0, 100, 100]);
  });

  it("uses the single excise rate when tiers are off", () => {
    expect(
      taxesOf(
        rates("IL", { ilPotencyTiers: false, exciseBps: 1_500 }),
        "adult_use",
        line("f", 10_000, "flower", 9_000),
      )[0],
    ).toBe(1_500);
  });
});
