import { createHash } from "node:crypto";
import type { MarketingAbMetric } from "@cannasaas/db/enums";
import type { AbDecision, AbTally, AbVariant, marketingCampaigns } from "@cannasaas/db/schema";

type Campaign = typeof marketingCampaigns.$inferSelect;

export const AB_METRIC_LABELS: Record<MarketingAbMetric, string> = {
  open_rate: "open rate",
  click_rate: "click rate",
  orders_per_message: "attributed orders per message",
};

/**
 * A number from 0 to 9,999 that depends only on the campaign and the customer, so every run (a resumed one, a
 * second one racing it) puts a person in the same place of the split.
 */
export function abBucket(campaignId: string, customerId: string) {
  const digest = createHash("sha256").update(`${campaignId}:${customerId}`).digest();
  return Math.floor((digest.readUIntBE(0, 6) / 2 ** 48) * 10_000);
}

/**
 * The variant a customer tests: the first `sharePercent` of the buckets are in the test, their lower half gets
 * A and the upper half B; null for the rest of the segment, who get the winner later.
 */
export function abAssignment(campaignId: string, customerId: string, sharePercent: number): AbVariant | null {
  const bucket = abBucket(campaignId, customerId);
  if (bucket >= sharePercent * 100) return null;
  return bucket < sharePercent * 50 ? "a" : "b";
}

/** Whether the campaign carries an A/B test. */
export const hasAbTest = (
  c: Pick<Campaign, "abSharePercent" | "variantBody">,
): c is typeof c & { abSharePercent: number; variantBody: string } =>
  c.abSharePercent !== null && c.variantBody !== null;

/** What one variant sends: A is the campaign's own subject and body, B the variant's. */
export function variantContent(
  c: Pick<Campaign, "subject" | "body" | "couponCode" | "variantSubject" | "variantBody">,
  variant: AbVariant | null,
) {
  return variant === "b"
    ? { subject: c.variantSubject ?? c.subject, body: c.variantBody ?? c.body, couponCode: c.couponCode }
    : { subject: c.subject, body: c.body, couponCode: c.couponCode };
}

/** The metric as a fraction: hits over messages sent (no messages counts as 0 of 1, never a division by 0). */
export function abMetricFraction(tally: AbTally, metric: MarketingAbMetric) {
  const hits = metric === "open_rate" ? tally.opened : metric === "click_rate" ? tally.clicked : tally.orders;
  return tally.sent > 0 ? { hits, of: tally.sent } : { hits: 0, of: 1 };
}

/** The metric as a number (a rate from 0 to 1, or orders per message), for display. */
export function abMetricValue(tally: AbTally, metric: MarketingAbMetric) {
  const { hits, of } = abMetricFraction(tally, metric);
  return hits / of;
}

/**
 * The winner by the metric, compared as exact fractions (cross-multiplied, so no rounding decides). B must be
 * strictly better: a tie, including a test where nothing was sent or nobody responded, goes to A, the original.
 */
export function chooseAbWinner(decision: AbDecision, metric: MarketingAbMetric) {
  const a = abMetricFraction(decision.a, metric);
  const b = abMetricFraction(decision.b, metric);
  const left = a.hits * b.of;
  const right = b.hits * a.of;
  return { winner: right > left ? ("b" as const) : ("a" as const), tie: left === right };
}

function describe(tally: AbTally, metric: MarketingAbMetric) {
  const { hits, of } = abMetricFraction(tally, metric);
  if (metric === "orders_per_message") {
    return `${(hits / of).toFixed(2)} (${hits} order${hits === 1 ? "" : "s"} from ${tally.sent} sent)`;
  }
  return `${((hits / of) * 100).toFixed(1)}% (${hits} of ${tally.sent} sent)`;
}

/** The decision in plain words, for the report. */
export function explainAbDecision(
  decision: AbDecision,
  metric: MarketingAbMetric,
  sharePercent: number,
): string {
  const { winner, tie } = chooseAbWinner(decision, metric);
  const label = AB_METRIC_LABELS[metric];
  const rest = sharePercent < 100 ? ` The rest of the segment got ${winner.toUpperCase()}.` : "";
  if (tie) {
    return `A and B tied on ${label}: A ${describe(decision.a, metric)}, B ${describe(decision.b, metric)}. A tie goes to A, the original.${rest}`;
  }
  const loser: AbVariant = winner === "a" ? "b" : "a";
  return `${winner.toUpperCase()} won on ${label}: ${describe(decision[winner], metric)} against ${loser.toUpperCase()}'s ${describe(decision[loser], metric)}.${rest}`;
}
