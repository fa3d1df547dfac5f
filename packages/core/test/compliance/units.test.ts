import { describe, expect, it } from "vitest";
import {
  ceilDiv,
  floorDiv,
  fluidOuncesToMl,
  formatGrams,
  formatGramsUp,
  formatOunces,
  groupThousands,
  ouncesToMg,
} from "../../src/compliance/units";

describe("unit conversions", () => {
  it.each([
    // n/d oz * 28,349.523125 mg, rounded down
    [1, 1, 28_349],
    [2, 1, 56_699],
    [5, 2, 70_873],
    [3, 1, 85_048],
    [8, 1, 226_796],
    [16, 1, 453_592],
    [1, 4, 7_087],
  ])("%i/%i oz -> %i mg", (numerator, denominator, mg) => {
    expect(ouncesToMg(numerator, denominator)).toBe(mg);
  });

  it("converts fluid ounces to ml, rounded down (72 x 29.5735295625 = 2,129.29)", () => {
    expect(fluidOuncesToMl(72)).toBe(2_129);
    expect(fluidOuncesToMl(216)).toBe(6_387);
  });

  it("divides integers without fractions", () => {
    expect(floorDiv(7, 2)).toBe(3);
    expect(ceilDiv(7, 2)).toBe(4);
    expect(ceilDiv(8, 2)).toBe(4);
    expect(() => floorDiv(1, 0)).toThrow();
    expect(() => floorDiv(1.5, 1)).toThrow();
  });
});

describe("formatting", () => {
  it("formats grams half-up or up, with thousands separators", () => {
    expect(formatGrams(28_500)).toBe("28.5 g");
    expect(formatGrams(28_549)).toBe("28.5 g");
    expect(formatGrams(28_550)).toBe("28.6 g");
    expect(formatGramsUp(1)).toBe("0.1 g");
    expect(formatGramsUp(3_000)).toBe("3.0 g");
    expect(formatGramsUp(1_360_777)).toBe("1,360.8 g");
    expect(groupThousands(1_234_567)).toBe("1,234,567");
  });

  it("formats ounces with grams", () => {
    expect(formatOunces(1)).toBe("1 oz (28.35 g)");
    expect(formatOunces(5, 2)).toBe("2.5 oz (70.87 g)");
    expect(formatOunces(1, 4)).toBe("1/4 oz (7.09 g)");
  });
});
