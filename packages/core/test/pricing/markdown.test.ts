import { describe, expect, it } from "vitest";
import {
  daysOfCover,
  expiryCutPercent,
  floorPriceCents,
  markdownPrice,
  slowMoverCutPercent,
} from "../../src/pricing/markdown";

describe("markdown rules (hand-computed)", () => {
  it("puts the margin floor at cost / (1 - margin), rounded up to a cent", () => {
    expect(floorPriceCents(1000, 3000)).toBe(1429); // 1000 / 0.7 = 1428.57
    expect(floorPriceCents(1000, 0)).toBe(1000);
    expect(floorPriceCents(0, 5000)).toBe(0);
    expect(floorPriceCents(999, 5000)).toBe(1998);
    expect(() => floorPriceCents(1000, 10_000)).toThrow(RangeError);
  });

  it("cuts more as a lot nears expiry, and not at all once expired or outside the window", () => {
    const window = 30;
    expect([31, 30, 16, 15, 8, 7, 0, -1].map((d) => expiryCutPercent(d, window))).toEqual([
      0, 10, 10, 20, 20, 30, 30, 0,
    ]);
  });

  it("measures cover at the recent rate, infinite without sales, and cuts past the threshold", () => {
    expect(daysOfCover(40, 20, 60)).toBe(120);
    expect(daysOfCover(40, 0, 60)).toBe(Number.POSITIVE_INFINITY);
    expect(daysOfCover(0, 0, 60)).toBe(0);
    expect([90, 91, 180, 181, Number.POSITIVE_INFINITY].map((c) => slowMoverCutPercent(c, 90))).toEqual([
      0, 10, 10, 20, 20,
    ]);
  });

  it("rounds the cut price down to 5 cents and never goes under the floor", () => {
    // 20% off $25.00 = $20.00; cost $10 at 30% margin allows down to $14.29.
    expect(
      markdownPrice({ priceCents: 2500, unitCostCents: 1000, marginFloorBp: 3000, cutPercent: 20 }),
    ).toEqual({ priceCents: 2000, floorPriceCents: 1429, heldAtFloor: false });
    // 30% off $19.99 = 1399.3 -> 1399 -> $13.95, under the floor: held at $14.29.
    expect(
      markdownPrice({ priceCents: 1999, unitCostCents: 1000, marginFloorBp: 3000, cutPercent: 30 }),
    ).toEqual({ priceCents: 1429, floorPriceCents: 1429, heldAtFloor: true });
    // 10% off $14.99 = $13.49 -> $13.45, floor $14.29 is under $14.99: held at the floor.
    expect(
      markdownPrice({ priceCents: 1499, unitCostCents: 1000, marginFloorBp: 3000, cutPercent: 10 })
        ?.priceCents,
    ).toBe(1429);
  });

  it("suggests nothing when the floor is at or above today's price, or there is no cut", () => {
    expect(
      markdownPrice({ priceCents: 1429, unitCostCents: 1000, marginFloorBp: 3000, cutPercent: 30 }),
    ).toBeNull();
    expect(
      markdownPrice({ priceCents: 1200, unitCostCents: 1000, marginFloorBp: 3000, cutPercent: 30 }),
    ).toBeNull();
    expect(
      markdownPrice({ priceCents: 2500, unitCostCents: 1000, marginFloorBp: 3000, cutPercent: 0 }),
    ).toBeNull();
  });
});
