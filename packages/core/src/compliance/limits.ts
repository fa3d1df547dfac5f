import { violationMessage } from "./limit-messages";
import type {
  LimitContext,
  LimitLine,
  LimitMeasure,
  LimitProductKind,
  LimitResult,
  LimitRule,
  LimitRuleSet,
  LimitViolation,
  StateLimits,
} from "./limit-types";
import { STATE_LIMITS } from "./limits-table";

export type {
  LimitContext,
  LimitLine,
  LimitProductKind,
  LimitResult,
  LimitViolation,
  PurchaserType,
} from "./limit-types";

export function supportedLimitStates(): string[] {
  return Object.keys(STATE_LIMITS).sort();
}

export function limitsForState(state: string): StateLimits {
  const limits = STATE_LIMITS[state.trim().toUpperCase()];
  if (!limits) throw new Error(`No purchase limits are configured for state "${state}".`);
  return limits;
}

export function ruleSetFor(limits: StateLimits, ctx: LimitContext): LimitRuleSet {
  if (ctx.purchaser === "medical") {
    if (!limits.youngMedical) return limits.medical;
    if (ctx.age === undefined || !Number.isSafeInteger(ctx.age) || ctx.age < 0) {
      throw new Error(`Cannot check ${limits.name} purchase limits for a patient without their age.`);
    }
    return ctx.age < limits.youngMedical.underAge ? limits.youngMedical.rules : limits.medical;
  }
  if (limits.nonResidentAdultUse && ctx.residency !== "resident") return limits.nonResidentAdultUse;
  return limits.adultUse;
}

const FIELD_FOR_MEASURE: Record<LimitMeasure, string> = {
  cannabis_mg: "cannabis weight",
  thc_mg: "THC content",
  product_mg: "net product weight",
  volume_ml: "net volume",
  concentrate_in_product_mg: "concentrate weight or THC content",
};

function perUnitAmount(line: LimitLine, measure: LimitMeasure): number | null {
  switch (measure) {
    case "cannabis_mg":
      return line.cannabisWeightMg;
    case "thc_mg":
      return line.thcMg;
    case "product_mg":
      return line.netWeightMg;
    case "volume_ml":
      return line.netVolumeMl;
    case "concentrate_in_product_mg":
      return line.cannabisWeightMg ?? line.thcMg;
  }
}

function lineAmount(line: LimitLine, measure: LimitMeasure, stateName: string): number {
  const perUnit = perUnitAmount(line, measure);
  if (perUnit === null) {
    throw new Error(
      `Cannot check ${stateName} purchase limits: a ${line.kind} line has no ${FIELD_FOR_MEASURE[measure]}.`,
    );
  }
  const amount = perUnit * line.quantity;
  if (![line.quantity, perUnit, amount].every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new Error(
      `Cannot check ${stateName} purchase limits: quantities and amounts must be whole and non-negative.`,
    );
  }
  return amount;
}

/** Per term of the rule, the summed amount of the lines it counts. */
export function termTotals(rule: LimitRule, lines: readonly LimitLine[], stateName: string): number[] {
  return rule.terms.map((term) =>
    lines
      .filter((line) => term.kinds.includes(line.kind))
      .reduce((sum, line) => sum + lineAmount(line, term.measure, stateName), 0),
  );
}

/**
 * The share of the limit used, expressed in the rule's unit and rounded up: allowed * sum(total / capacity).
 * Exact in BigInt over the product of the capacities, so a mix that is exactly at an equivalency limit passes
 * and one that is 1 mg over fails. For a plain limit this is simply the summed amount.
 */
export function attemptedAmount(rule: LimitRule, totals: readonly number[]): number {
  const capacities = rule.terms.map((term) => BigInt(term.capacity));
  const common = capacities.reduce((product, capacity) => product * capacity, 1n);
  const used = capacities.reduce(
    (sum, capacity, i) => sum + BigInt(totals[i] ?? 0) * (common / capacity),
    0n,
  );
  const scaled = used * BigInt(rule.allowed);
  const rounded = scaled / common + (scaled % common === 0n ? 0n : 1n);
  return Number(rounded);
}

export function evaluatePurchaseLimits(
  ctx: LimitContext,
  cart: LimitLine[],
  alreadyPurchasedToday: LimitLine[],
): LimitResult {
  const limits = limitsForState(ctx.state);
  const ruleSet = ruleSetFor(limits, ctx);
  const violations: LimitViolation[] = [];
  for (const rule of ruleSet.rules) {
    const cartTotals = termTotals(rule, cart, limits.name);
    const earlierTotals = rule.scope === "day" ? termTotals(rule, alreadyPurchasedToday, limits.name) : [];
    const totals = cartTotals.map((total, i) => total + (earlierTotals[i] ?? 0));
    const attempted = attemptedAmount(rule, totals);
    if (attempted <= rule.allowed) continue;
    const excess = attempted - rule.allowed;
    const includesEarlierPurchases = earlierTotals.some((total) => total > 0);
    violations.push({
      limitId: rule.id,
      label: rule.label,
      unit: rule.unit,
      allowed: rule.allowed,
      attempted,
      excess,
      message: violationMessage({
        stateName: limits.name,
        audience: ruleSet.audience,
        rule,
        attempted,
        excess,
        includesEarlierPurchases,
      }),
    });
  }
  return violations.length === 0 ? { ok: true } : { ok: false, violations };
}

const KIND_BY_CATEGORY: Readonly<Record<string, LimitProductKind>> = {
  flower: "flower",
  "pre-roll": "flower",
  preroll: "flower",
  vape: "concentrate",
  concentrate: "concentrate",
  edible: "edible_solid",
  tincture: "edible_liquid",
  beverage: "edible_liquid",
  drink: "edible_liquid",
  topical: "topical",
  accessory: "non_cannabis",
  accessories: "non_cannabis",
};

/**
 * Maps a catalog category slug (singular or plural) to how purchase limits count it. An unknown category
 * throws rather than defaulting, since a default would either block sales or let cannabis escape the limits.
 */
export function categoryToLimitKind(category: string): LimitProductKind {
  const slug = category.trim().toLowerCase();
  const kind = KIND_BY_CATEGORY[slug] ?? KIND_BY_CATEGORY[slug.replace(/s$/, "")];
  if (!kind) throw new Error(`Unknown product category "${category}" for purchase limits.`);
  return kind;
}
