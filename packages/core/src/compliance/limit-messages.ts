import type { LimitRule, LimitUnit } from "./limit-types";
import { formatGramsUp, formatMl, formatThcMg } from "./units";

function formatAmount(unit: LimitUnit, amount: number): string {
  switch (unit) {
    case "mg":
    case "mg_equivalent":
      return formatGramsUp(amount);
    case "mg_thc":
      return formatThcMg(amount);
    case "ml":
      return formatMl(amount);
  }
}

export type ViolationMessageInput = {
  stateName: string;
  audience: string | undefined;
  rule: LimitRule;
  attempted: number;
  excess: number;
  includesEarlierPurchases: boolean;
};

/**
 * "California allows 28.5 g of flower, pre-rolls and other non-concentrated cannabis per day. Your cart plus
 * today's earlier purchases come to 31.5 g, 3.0 g over the limit."
 */
export function violationMessage(input: ViolationMessageInput): string {
  const { rule } = input;
  const who = input.audience ? `${input.audience} ` : "";
  const of = rule.unit === "mg_thc" ? "in" : "of";
  const per = rule.scope === "day" ? "per day" : "per transaction";
  const total = formatAmount(rule.unit, input.attempted);
  const attempted = rule.unit === "mg_equivalent" ? `the equivalent of ${total} of flower` : total;
  const subject = input.includesEarlierPurchases
    ? "Your cart plus today's earlier purchases come to"
    : "Your cart comes to";
  return (
    `${input.stateName} allows ${who}${rule.allowedText} ${of} ${rule.label} ${per}. ` +
    `${subject} ${attempted}, ${formatAmount(rule.unit, input.excess)} over the limit.`
  );
}
