import type { PromotionFormValues } from "@cannasaas/validators";

export type Kind = PromotionFormValues["rule"]["kind"];

export const KIND_LABELS: Record<Kind, string> = {
  percent_off: "Percent off",
  amount_off: "Amount off each item",
  fixed_price: "Fixed price",
  buy_x_get_y: "Buy X, get Y",
  bundle: "Mix-and-match bundle",
  spend_threshold: "Spend $X, save $Y",
  free_delivery: "Free delivery",
};

type RuleField = { name: string; label: string; optional?: boolean };

/** The inputs each kind asks for (money in dollars, percentages in percent; converted on submit). */
export const RULE_FIELDS: Record<Kind, RuleField[]> = {
  percent_off: [{ name: "percent", label: "Percent off" }],
  amount_off: [{ name: "amount", label: "Amount off ($)" }],
  fixed_price: [{ name: "price", label: "Deal price ($)" }],
  buy_x_get_y: [
    { name: "buy", label: "Buy (items)" },
    { name: "get", label: "Get (items)" },
    { name: "getPercent", label: "Discount on those (%; 100 = free)" },
  ],
  bundle: [
    { name: "quantity", label: "Items in the bundle" },
    { name: "price", label: "Bundle price ($)" },
  ],
  spend_threshold: [
    { name: "threshold", label: "Spend at least ($)" },
    { name: "reward", label: "Save ($)" },
  ],
  free_delivery: [],
};

const cents = (v: string) => Math.round(Number(v) * 100);
const bps = (v: string) => Math.round(Number(v) * 100);

/** The rule the procedure expects, from the form's text inputs (the server validates the numbers). */
export function ruleFrom(kind: Kind, get: (name: string) => string): PromotionFormValues["rule"] {
  switch (kind) {
    case "percent_off":
      return { kind, percentBps: bps(get("percent")) };
    case "amount_off":
      return { kind, amountCents: cents(get("amount")) };
    case "fixed_price":
      return { kind, priceCents: cents(get("price")) };
    case "buy_x_get_y":
      return {
        kind,
        buyQuantity: Number(get("buy")),
        getQuantity: Number(get("get")),
        getPercentBps: bps(get("getPercent") || "100"),
      };
    case "bundle":
      return { kind, quantity: Number(get("quantity")), priceCents: cents(get("price")) };
    case "spend_threshold":
      return {
        kind,
        thresholdCents: cents(get("threshold")),
        rewardCents: cents(get("reward")),
        rewardVariantId: null,
      };
    case "free_delivery":
      return { kind };
  }
}
