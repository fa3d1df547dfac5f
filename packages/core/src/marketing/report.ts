import { sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import type { AbTally, AbVariant } from "@cannasaas/db/schema";
import { AB_METRIC_LABELS, abMetricValue, explainAbDecision, hasAbTest } from "./ab-test";
import { getCampaign } from "./campaigns";

/** Orders count toward a campaign when the customer placed them within this long after clicking its email. */
export const ATTRIBUTION_WINDOW_DAYS = 7;

/** Rows of `db.execute`: an array on postgres.js, `{ rows }` on PGlite. */
const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];

export type CampaignResults = {
  recipients: number;
  queued: number;
  skipped: Record<string, number>;
  sent: number;
  bounced: number;
  pending: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  attributedOrders: number;
  attributedRevenueCents: number;
};

/**
 * A campaign's results, read from its message rows, their outbox rows (delivery) and the clicking customers'
 * orders. An order is attributed when placed within 7 days after the customer's first click and not cancelled
 * or refunded (each campaign counts the orders that followed its own clicks).
 */
export async function campaignResults(db: DbOrTx, organizationId: string, campaignId: string) {
  const campaign = await getCampaign(db, organizationId, campaignId);
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
    select
      count(*)::int as recipients,
      count(*) filter (where m.status = 'queued')::int as queued,
      count(*) filter (where o.status = 'sent')::int as sent,
      count(*) filter (where o.status in ('dead', 'failed') and m.status = 'queued')::int as bounced,
      count(*) filter (where o.status = 'pending')::int as pending,
      count(m.opened_at)::int as opened,
      count(m.clicked_at)::int as clicked,
      count(m.unsubscribed_at)::int as unsubscribed
    from marketing_messages m
    left join outbox_messages o on o.id = m.outbox_id
    where m.organization_id = ${organizationId} and m.campaign_id = ${campaignId}`),
  );
  const skipped = rowsOf<{ reason: string; n: number }>(
    await db.execute(sql`
    select skip_reason as reason, count(*)::int as n from marketing_messages
    where organization_id = ${organizationId} and campaign_id = ${campaignId} and status = 'skipped'
    group by 1`),
  );
  const [attributed] = rowsOf<{ orders: number; revenue: number }>(
    await db.execute(sql`
    select count(*)::int as orders, coalesce(sum(o.total_cents), 0)::int as revenue
    from orders o
    where o.organization_id = ${organizationId}
      and o.status not in ('cancelled', 'refunded')
      and exists (
        select 1 from marketing_messages m
        where m.organization_id = ${organizationId} and m.campaign_id = ${campaignId}
          and m.customer_id = o.customer_id and m.clicked_at is not null
          and o.placed_at >= m.clicked_at
          and o.placed_at < m.clicked_at + make_interval(days => ${ATTRIBUTION_WINDOW_DAYS}))`),
  );
  const n = (key: string) => Number(row?.[key] ?? 0);
  const results: CampaignResults = {
    recipients: n("recipients"),
    queued: n("queued"),
    skipped: Object.fromEntries(skipped.map((s) => [s.reason, Number(s.n)])),
    sent: n("sent"),
    bounced: n("bounced"),
    pending: n("pending"),
    opened: n("opened"),
    clicked: n("clicked"),
    unsubscribed: n("unsubscribed"),
    attributedOrders: Number(attributed?.orders ?? 0),
    attributedRevenueCents: Number(attributed?.revenue ?? 0),
  };
  return { campaign, results, ab: await abReport(db, campaign) };
}

/** An A/B campaign's variants side by side, and the winner in words once chosen (null without a test). */
async function abReport(db: DbOrTx, campaign: Awaited<ReturnType<typeof getCampaign>>) {
  if (!hasAbTest(campaign) || !campaign.abMetric) return null;
  const variants = await campaignVariantResults(db, campaign.organizationId, campaign.id);
  return {
    metric: campaign.abMetric,
    metricLabel: AB_METRIC_LABELS[campaign.abMetric],
    sharePercent: campaign.abSharePercent,
    testHours: campaign.abTestHours,
    testEndsAt: campaign.abTestEndsAt,
    variants: {
      a: { ...variants.a, metricValue: abMetricValue(variants.a, campaign.abMetric) },
      b: { ...variants.b, metricValue: abMetricValue(variants.b, campaign.abMetric) },
    },
    winner: campaign.abWinner,
    decidedAt: campaign.abDecidedAt,
    explanation: campaign.abDecision
      ? explainAbDecision(campaign.abDecision, campaign.abMetric, campaign.abSharePercent)
      : null,
  };
}

export type VariantResults = AbTally & { revenueCents: number };

/**
 * Each A/B variant's results: messages sent (delivered by the outbox), opened, clicked, and attributed orders
 * and revenue. An email's orders count from its click, as for the whole campaign; a text has no tracked click,
 * so its orders count from when it was written (within the same 7 days). Each customer has one message per
 * campaign, so joining orders to messages counts every order once.
 */
export async function campaignVariantResults(
  db: DbOrTx,
  organizationId: string,
  campaignId: string,
): Promise<Record<AbVariant, VariantResults>> {
  const messages = rowsOf<{ variant: AbVariant; sent: number; opened: number; clicked: number }>(
    await db.execute(sql`
    select m.variant,
      count(*) filter (where o.status = 'sent')::int as sent,
      count(m.opened_at)::int as opened,
      count(m.clicked_at)::int as clicked
    from marketing_messages m
    left join outbox_messages o on o.id = m.outbox_id
    where m.organization_id = ${organizationId} and m.campaign_id = ${campaignId} and m.variant is not null
    group by 1`),
  );
  const orders = rowsOf<{ variant: AbVariant; orders: number; revenue: number }>(
    await db.execute(sql`
    select m.variant, count(*)::int as orders, coalesce(sum(o.total_cents), 0)::int as revenue
    from marketing_messages m
    join orders o on o.organization_id = m.organization_id and o.customer_id = m.customer_id
    cross join lateral (
      select case when m.channel = 'sms' then m.created_at else m.clicked_at end as since) a
    where m.organization_id = ${organizationId} and m.campaign_id = ${campaignId} and m.variant is not null
      and m.status = 'queued'
      and o.status not in ('cancelled', 'refunded')
      and a.since is not null and o.placed_at >= a.since
      and o.placed_at < a.since + make_interval(days => ${ATTRIBUTION_WINDOW_DAYS})
    group by 1`),
  );
  const of = (v: AbVariant): VariantResults => {
    const m = messages.find((r) => r.variant === v);
    const o = orders.find((r) => r.variant === v);
    return {
      sent: Number(m?.sent ?? 0),
      opened: Number(m?.opened ?? 0),
      clicked: Number(m?.clicked ?? 0),
      orders: Number(o?.orders ?? 0),
      revenueCents: Number(o?.revenue ?? 0),
    };
  };
  return { a: of("a"), b: of("b") };
}
