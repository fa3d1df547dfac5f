import { describe, expect, it } from "vitest";
import { evaluatePurchaseLimits, type LimitContext, type LimitLine } from "../../src/compliance/limits";
import { concentrate, drink, edible, flower } from "./lines";

function messagesFor(ctx: LimitContext, cart: LimitLine[], earlier: LimitLine[] = []): string[] {
  const result = evaluatePurchaseLimits(ctx, cart, earlier);
  return result.ok ? [] : result.violations.map((violation) => violation.message);
}

const adult = (state: string): LimitContext => ({ state, purchaser: "adult_use", residency: "resident" });

describe("limit messages for shoppers", () => {
  it("name the limit, the allowed amount and the excess, counting earlier purchases", () => {
    // cart 6 x 3.5 g + earlier 3 x 3.5 g = 31.5 g against 28.5 g
    expect(messagesFor(adult("CA"), [flower(3_500, 6)], [flower(3_500, 3)])).toEqual([
      "California allows 28.5 g of flower, pre-rolls and other non-concentrated cannabis per day. " +
        "Your cart plus today's earlier purchases come to 31.5 g, 3.0 g over the limit.",
    ]);
  });

  it("speak of the cart alone when nothing earlier counts", () => {
    expect(messagesFor(adult("CA"), [concentrate(1_000, 9)])).toEqual([
      "California allows 8.0 g of concentrate, vapes and the concentrate in edibles and tinctures per day. " +
        "Your cart comes to 9.0 g, 1.0 g over the limit.",
    ]);
  });

  it("show ounces with grams and an equivalency in flower grams, rounding up so 1 mg over is visible", () => {
    expect(messagesFor(adult("CO"), [flower(28_350)])).toEqual([
      "Colorado allows 1 oz (28.35 g) of flower, or its equivalent in concentrate (8 g per ounce) and edibles " +
        "(800 mg THC per ounce) per day. Your cart comes to the equivalent of 28.4 g of flower, 0.1 g over the limit.",
    ]);
  });

  it("show THC limits in whole mg and name the audience", () => {
    expect(messagesFor(adult("IL"), [edible(100, 10_000, 3), drink(100, 355, 3)])).toEqual([
      "Illinois allows residents 500 mg THC in cannabis-infused products (edibles, drinks, tinctures) per day. " +
        "Your cart comes to 600 mg THC, 100 mg THC over the limit.",
    ]);
  });

  it("show volume limits in fluid ounces and ml, per transaction where the law says so", () => {
    expect(messagesFor(adult("WA"), [drink(10, 2_130)])).toEqual([
      "Washington allows 72 fl oz (2,129 ml) of liquid cannabis-infused products per transaction. " +
        "Your cart comes to 2,130 ml, 1 ml over the limit.",
    ]);
  });

  it("say when a limit is the medical one", () => {
    expect(messagesFor({ state: "CA", purchaser: "medical" }, [flower(28_000, 9)])).toEqual([
      "California allows medical patients 8 oz (226.80 g) of flower, pre-rolls and other non-concentrated " +
        "cannabis per day. Your cart comes to 252.0 g, 25.3 g over the limit.",
    ]);
  });

  it("show fractional ounces as the law writes them", () => {
    const [message] = messagesFor(adult("NV"), [concentrate(7_100)]);
    expect(message).toContain("Nevada allows 1/4 oz (7.09 g) of concentrated cannabis");
    expect(message).toContain("7.1 g, 0.1 g over the limit");
  });

  it("name the non-resident limits", () => {
    const [message] = messagesFor({ state: "IL", purchaser: "adult_use", residency: "non_resident" }, [
      flower(16_000),
    ]);
    expect(message).toBe(
      "Illinois allows non-residents 15.0 g of cannabis flower and pre-rolls per day. " +
        "Your cart comes to 16.0 g, 1.0 g over the limit.",
    );
  });
});
