import type { PromotionRule } from "@cannasaas/db/schema";
import { dollars } from "./eligibility";

/** A deal's terms in a few words, for badges on the menu and in the dashboard: "Any 3 for $50.00". */
export function describeRule(rule: PromotionRule): string {
  switch (rule.kind) {
    case "percent_off":
      return `${rule.percentBps / 100}% off`;
    case "amount_off":
      return `${dollars(rule.amountCents)} off`;
    case "fixed_price":
      return `Now ${dollars(rule.priceCents)}`;
    case "buy_x_get_y":
      return rule.getPercentBps >= 10_000
        ? `Buy ${rule.buyQuantity}, get ${rule.getQuantity} free`
        : `Buy ${rule.buyQuantity}, get ${rule.getQuantity} ${rule.getPercentBps / 100}% off`;
    case "bundle":
      return `Any ${rule.quantity} for ${dollars(rule.priceCents)}`;
    case "spend_threshold":
      return rule.rewardVariantId
        ? `Spend ${dollars(rule.thresholdCents)}, get a free item`
        : `Spend ${dollars(rule.thresholdCents)}, save ${dollars(rule.rewardCents ?? 0)}`;
    case "free_delivery":
      return "Free delivery";
  }
}
