import { describe, expect, it } from "vitest";
import {
  promotionFieldOf,
  promotionFormDefaults,
  promotionFormSchema,
  promotionPayload,
  type PromotionFieldValues,
} from "../src/app/(dashboard)/dashboard/(app)/promotions/form-values";

const values = (overrides: Partial<PromotionFieldValues> = {}): PromotionFieldValues => ({
  ...promotionFormDefaults(null, "America/Denver"),
  name: "Happy hour",
  percent: "20",
  ...overrides,
});
const errorsOf = (v: PromotionFieldValues) => {
  const result = promotionFormSchema.safeParse(v);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("promotion form values", () => {
  it("sends percent as basis points, hours as minutes, days as numbers and codes as a list", () => {
    const v = values({
      startTime: "16:00",
      endTime: "18:30",
      daysOfWeek: ["5", "1"],
      codes: "summer5, happy-hour",
      categorySlugs: ["flower"],
      minSubtotal: "25",
    });
    expect(errorsOf(v)).toEqual({});
    expect(promotionPayload(v)).toMatchObject({
      name: "Happy hour",
      description: null,
      rule: { kind: "percent_off", percentBps: 2000 },
      target: { categorySlugs: ["flower"], brandIds: [] },
      codes: ["summer5", "happy-hour"],
      daysOfWeek: [1, 5],
      startMinute: 960,
      endMinute: 1110,
      priority: 0,
      perOrderLimit: null,
      minSubtotalCents: 2500,
    });
  });

  it("puts each refusal under the field that was typed, in the server's words", () => {
    expect(errorsOf(values({ name: " ", percent: "150" }))).toEqual({
      name: "Name the promotion.",
      percent: "The percentage cannot be more than 100%.",
    });
    expect(errorsOf(values({ kind: "bundle", quantity: "1", price: "" }))).toEqual({
      quantity: "The bundle size must be at least 2.",
      price: "Enter the bundle price.",
    });
    expect(errorsOf(values({ kind: "spend_threshold", threshold: "50", reward: "60" }))).toEqual({
      reward: "The reward must be less than the spend threshold.",
    });
    expect(errorsOf(values({ startTime: "16:00" }))).toEqual({
      endTime: "Give both a start and an end hour.",
    });
    expect(errorsOf(values({ perCustomerLimit: "3", totalLimit: "2" }))).toEqual({
      perCustomerLimit: "The per-customer limit cannot be more than the total limit.",
    });
    expect(errorsOf(values({ codes: "ok-code, x" }))).toEqual({
      codes: "A code is 3 to 32 letters, digits or dashes.",
    });
  });

  it("maps the server's field names onto the form's", () => {
    expect(promotionFieldOf(["rule", "priceCents"])).toBe("price");
    expect(promotionFieldOf(["audience", "tierIds", 0])).toBe("tierIds");
    expect(promotionFieldOf(["minSubtotalCents"])).toBe("minSubtotal");
    expect(promotionFieldOf(["promotion"])).toBeNull();
  });

  it("opens an edited promotion with its values as typed", () => {
    const defaults = promotionFormDefaults(
      {
        name: "Bundle",
        description: null,
        rule: { kind: "bundle", quantity: 3, priceCents: 2500 },
        target: {
          categorySlugs: ["pre-roll"],
          brandIds: [],
          strainTypes: [],
          productIds: [],
          variantIds: [],
        },
        audience: { menus: [], locationIds: [], tierIds: [], customerSegments: [] },
        codes: ["TRIO"],
        stacking: "exclusive",
        priority: 5,
        firstOrderOnly: false,
        startsAt: null,
        endsAt: null,
        daysOfWeek: [6, 7],
        startMinute: null,
        endMinute: null,
        perOrderLimit: 2,
        perCustomerLimit: null,
        totalLimit: null,
        minSubtotalCents: null,
      } as unknown as Parameters<typeof promotionFormDefaults>[0],
      "America/Denver",
    );
    expect(defaults).toMatchObject({
      kind: "bundle",
      quantity: "3",
      price: "25.00",
      codes: "TRIO",
      priority: "5",
    });
    expect(defaults.daysOfWeek).toEqual(["6", "7"]);
    expect(errorsOf(defaults)).toEqual({});
  });
});
