import type { PromotionFormValues } from "@cannasaas/validators";

export type Kind = PromotionFormValues["rule"]["kind"];
export const KINDS = [
  "percent_off",
  "amount_off",
  "fixed_price",
  "buy_x_get_y",
  "bundle",
  "spend_threshold",
  "free_delivery",
] as const satisfies readonly Kind[];

/** Every rule input's name; kinds share one where they mean the same ("price"). */
export const RULE_INPUT_NAMES = [
  "percent",
  "amount",
  "price",
  "buy",
  "get",
  "getPercent",
  "quantity",
  "threshold",
  "reward",
] as const;
export type RuleInputName = (typeof RULE_INPUT_NAMES)[number];

export const KIND_LABELS: Record<Kind, string> = {
  percent_off: "Percent off",
  amount_off: "Amount off each item",
  fixed_price: "Fixed price",
  buy_x_get_y: "Buy X, get Y",
  bundle: "Mix-and-match bundle",
  spend_threshold: "Spend $X, save $Y",
  free_delivery: "Free delivery",
};

type RuleField = { name: RuleInputName; label: string; optional?: boolean };

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

/** A typed number; NaN when empty or not a number, which the schema refuses as "Enter ...". */
const num = (v: string) => (v.trim() ? Number(v) : NaN);
const cents = (v: string) => Math.round(num(v) * 100);
const bps = (v: string) => Math.round(num(v) * 100);

/** The rule the procedure expects, from the form's text inputs (the schema checks the numbers). */
export function ruleFrom(kind: Kind, get: (name: RuleInputName) => string): PromotionFormValues["rule"] {
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
        buyQuantity: num(get("buy")),
        getQuantity: num(get("get")),
        getPercentBps: bps(get("getPercent") || "100"),
      };
    case "bundle":
      return { kind, quantity: num(get("quantity")), priceCents: cents(get("price")) };
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
