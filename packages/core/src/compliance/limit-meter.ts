import { LIMIT_CITATIONS } from "./limit-citations";
import { formatGramsUp, formatMl, formatThcMg } from "./units";
import type { LimitContext, LimitLine, LimitUnit } from "./limit-types";
import { attemptedAmount, limitsForState, ruleSetFor, termTotals } from "./limits";

/** One limit as the cart shows it: how much of it today's earlier orders and this cart use. */
export type LimitGauge = {
  limitId: string;
  label: string;
  unit: LimitUnit;
  allowed: number;
  /** Used by the shopper's earlier orders today (0 for per-transaction limits). */
  earlier: number;
  /** Used by earlier orders and this cart together; over `allowed` means checkout will refuse. */
  used: number;
  scope: "day" | "transaction";
  /** The rule in plain words: "Colorado allows 1 oz of flower, or its equivalent ... per day." */
  rule: string;
  /** "4.0 g of 28.5 g" in the rule's unit. */
  usedText: string;
};

export type LimitMeter = { stateName: string; citation: string | null; gauges: LimitGauge[] };

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

/**
 * The state's limits that apply to this purchaser, each with what the cart and today's earlier orders use of
 * it, by the same arithmetic checkout enforces (`evaluatePurchaseLimits`). Throws, like checkout, when a line
 * lacks what its limit measures.
 */
export function purchaseLimitMeter(
  ctx: LimitContext,
  cart: LimitLine[],
  earlierToday: LimitLine[],
): LimitMeter {
  const limits = limitsForState(ctx.state);
  const ruleSet = ruleSetFor(limits, ctx);
  const who = ruleSet.audience ? `${ruleSet.audience} ` : "";
  const gauges = ruleSet.rules.map((rule): LimitGauge => {
    const earlierTotals = rule.scope === "day" ? termTotals(rule, earlierToday, limits.name) : [];
    const cartTotals = termTotals(rule, cart, limits.name);
    const earlier = attemptedAmount(rule, earlierTotals);
    const used = attemptedAmount(
      rule,
      cartTotals.map((t, i) => t + (earlierTotals[i] ?? 0)),
    );
    const of = rule.unit === "mg_thc" ? "in" : "of";
    const per = rule.scope === "day" ? "per day" : "per purchase";
    return {
      limitId: rule.id,
      label: rule.label,
      unit: rule.unit,
      allowed: rule.allowed,
      earlier,
      used,
      scope: rule.scope,
      rule: `${limits.name} allows ${who}${rule.allowedText} ${of} ${rule.label} ${per}.`,
      usedText: `${formatAmount(rule.unit, used)} of ${rule.allowedText}`,
    };
  });
  return {
    stateName: limits.name,
    citation: LIMIT_CITATIONS[ctx.state.trim().toUpperCase()] ?? null,
    gauges,
  };
}

/** For each limit the cart is over: the rule in plain words and what the cart comes to. */
export function limitWarnings(meter: LimitMeter): string[] {
  return meter.gauges
    .filter((g) => g.used > g.allowed)
    .map(
      (g) =>
        `${g.rule} Your cart${g.earlier > 0 ? " plus today's earlier orders" : ""} comes to ${formatAmount(g.unit, g.used)}, so checkout will refuse it until you remove some.`,
    );
}
