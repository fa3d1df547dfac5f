import { sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
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
  return { campaign, results };
}
