import { describe, expect, it } from "vitest";
import { reorderPlan } from "../src";

const flat = (perDay: number, days = 60) => new Array<number>(days).fill(perDay);

describe("reorder points and quantities", () => {
  it("covers lead time plus review period with z * sigma * sqrt(days) of safety stock", () => {
    // 10 a day, sd 3 a day, 5 days lead, 7 days review, 95% (z = 1.6449).
    const plan = reorderPlan({
      dailyMean: flat(10),
      dailySigma: 3,
      leadTimeDays: 5,
      reviewDays: 7,
      serviceLevel: 0.95,
      available: 40,
      onOrder: 0,
    });
    expect(plan.leadTimeDemand).toBe(50);
    expect(plan.coverDemand).toBe(120);
    // 1.6449 * 3 * sqrt(12) = 17.09 -> 18 units.
    expect(plan.safetyStock).toBe(18);
    // 50 + 1.6449 * 3 * sqrt(5) = 61.03 -> 62.
    expect(plan.reorderPoint).toBe(62);
    expect(plan.orderUpTo).toBe(138);
    expect(plan.quantity).toBe(98);
  });

  it("orders nothing while stock plus what is on order is above the reorder point", () => {
    const plan = reorderPlan({
      dailyMean: flat(10),
      dailySigma: 3,
      leadTimeDays: 5,
      reviewDays: 7,
      serviceLevel: 0.95,
      available: 30,
      onOrder: 60,
    });
    expect(plan.quantity).toBe(0);
  });

  it("rounds up to whole packs, and holds more safety stock for a higher service level", () => {
    const base = {
      dailyMean: flat(4),
      dailySigma: 2,
      leadTimeDays: 3,
      reviewDays: 7,
      available: 0,
      onOrder: 0,
    };
    const at90 = reorderPlan({ ...base, serviceLevel: 0.9, packSize: 12 });
    expect(at90.quantity % 12).toBe(0);
    expect(at90.quantity).toBeGreaterThanOrEqual(at90.orderUpTo);
    const at99 = reorderPlan({ ...base, serviceLevel: 0.99 });
    expect(at99.safetyStock).toBeGreaterThan(reorderPlan({ ...base, serviceLevel: 0.9 }).safetyStock);
  });

  it("treats a forecast error it cannot read as none, and refuses a forecast too short or a silly service level", () => {
    const base = { dailyMean: flat(1, 10), leadTimeDays: 3, reviewDays: 7, available: 0, onOrder: 0 };
    expect(reorderPlan({ ...base, dailySigma: NaN, serviceLevel: 0.95 }).safetyStock).toBe(0);
    expect(() => reorderPlan({ ...base, dailyMean: flat(1, 5), dailySigma: 1, serviceLevel: 0.95 })).toThrow(
      /covers 5 days/,
    );
    expect(() => reorderPlan({ ...base, dailySigma: 1, serviceLevel: 1 })).toThrow(/service level/);
  });
});
