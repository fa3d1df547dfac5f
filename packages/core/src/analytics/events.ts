import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@cannasaas/db/client";
import { ANALYTICS_EVENT_TYPES, analyticsEvents, organizations, products } from "@cannasaas/db/schema";
import { addDays } from "../time";
import { calendarDayIn, dayWindowIn } from "../time";

/** A beacon's body may be at most this many bytes and carry at most 20 events. */
export const BEACON_MAX_BYTES = 8_192;

/**
 * One storefront event as the browser sends it. Nothing personal: a random session id made per browser tab, the
 * page path (the query string is dropped, it may carry search terms or tokens) and, for product events, the
 * product. The time is the server's, so a client cannot place events in the past.
 */
export const storefrontEventSchema = z.object({
  type: z.enum(ANALYTICS_EVENT_TYPES),
  sessionId: z.uuid(),
  path: z.string().max(300).optional(),
  productId: z.uuid().optional(),
});
export const storefrontBeaconSchema = z.object({ events: z.array(storefrontEventSchema).min(1).max(20) });
export type StorefrontEvent = z.infer<typeof storefrontEventSchema>;

/** Crawlers and previewers announce themselves; their page views are not shoppers'. */
const BOT =
  /bot|crawl|spider|slurp|preview|facebookexternalhit|headless|lighthouse|curl|wget|python-requests/i;
export const isLikelyBot = (userAgent: string | null) => !userAgent || BOT.test(userAgent);

/** Keeps only the path: no query, no fragment, no host. */
const cleanPath = (path: string | undefined) => (path ? path.split(/[?#]/)[0]!.slice(0, 200) || "/" : null);

/** Stores a beacon's events for one storefront; product ids of other organizations are dropped, not stored. */
export async function recordStorefrontEvents(
  db: DbOrTx,
  organizationId: string,
  events: StorefrontEvent[],
  now: Date,
) {
  const productIds = [...new Set(events.flatMap((e) => (e.productId ? [e.productId] : [])))];
  const known = productIds.length
    ? new Set(
        (
          await db
            .select({ id: products.id })
            .from(products)
            .where(and(eq(products.organizationId, organizationId), inArray(products.id, productIds)))
        ).map((p) => p.id),
      )
    : new Set<string>();
  await db.insert(analyticsEvents).values(
    events.map((e) => ({
      organizationId,
      sessionId: e.sessionId,
      type: e.type,
      path: cleanPath(e.path),
      productId: e.productId && known.has(e.productId) ? e.productId : null,
      occurredAt: now,
    })),
  );
  return events.length;
}

/**
 * Rolls the raw events of the last `days` store days (today included) into per-day counts of events and
 * distinct sessions by type, replacing those days' rows, so re-running is harmless and late beacons are
 * counted on the next run. Raw events older than `keepDays` are deleted.
 */
export async function rollUpAnalyticsEvents(
  db: DbOrTx,
  { now, days = 3, keepDays = 90 }: { now: Date; days?: number; keepDays?: number },
) {
  const orgs = await db
    .select({ id: organizations.id, timeZone: organizations.timeZone })
    .from(organizations);
  const byOrganization: Record<string, { days: number }> = {};
  for (const org of orgs) {
    const today = calendarDayIn(now, org.timeZone);
    const first = addDays(today, -(days - 1));
    const start = dayWindowIn(first, org.timeZone).start;
    const end = dayWindowIn(today, org.timeZone).end;
    const day = sql`(${analyticsEvents.occurredAt} at time zone ${org.timeZone}::text)::date`;
    await db.execute(sql`delete from analytics_daily where organization_id = ${org.id}
      and day between ${first}::date and ${today}::date`);
    const inserted = await db.execute(sql`
      insert into analytics_daily (organization_id, day, type, events, sessions)
      select ${org.id}, ${day}, ${analyticsEvents.type}, count(*), count(distinct ${analyticsEvents.sessionId})
      from ${analyticsEvents}
      where ${analyticsEvents.organizationId} = ${org.id}
        and ${analyticsEvents.occurredAt} >= ${start.toISOString()}::timestamptz
        and ${analyticsEvents.occurredAt} < ${end.toISOString()}::timestamptz
      group by 2, 3
      returning day`);
    const count = Array.isArray(inserted)
      ? inserted.length
      : ((inserted as { rows?: unknown[] }).rows?.length ?? 0);
    if (count > 0) byOrganization[org.id] = { days: count };
    await db
      .delete(analyticsEvents)
      .where(
        and(
          eq(analyticsEvents.organizationId, org.id),
          lt(analyticsEvents.occurredAt, dayWindowIn(addDays(today, -keepDays), org.timeZone).start),
        ),
      );
  }
  return byOrganization;
}

/**
 * The conversion funnel over store days [from, to]: distinct sessions that viewed a page, a product, added to
 * the cart, started checkout and placed an order (sessions summed over days: a session spanning midnight counts
 * on both days).
 */
export async function funnelReport(db: DbOrTx, organizationId: string, range: { from: string; to: string }) {
  const rows = await db.execute(sql`
    select type, coalesce(sum(sessions), 0)::int as sessions, coalesce(sum(events), 0)::int as events
    from analytics_daily
    where organization_id = ${organizationId} and day between ${range.from}::date and ${range.to}::date
    group by type`);
  const list = (Array.isArray(rows) ? rows : ((rows as { rows: unknown[] }).rows ?? [])) as Array<{
    type: string;
    sessions: number;
    events: number;
  }>;
  const of = (t: string) => list.find((r) => r.type === t) ?? { sessions: 0, events: 0 };
  const top = Number(of("page_view").sessions);
  return ANALYTICS_EVENT_TYPES.map((type) => {
    const sessions = Number(of(type).sessions);
    return {
      type,
      sessions,
      events: Number(of(type).events),
      percentOfVisits: top === 0 ? null : Math.round((sessions / top) * 1000) / 10,
    };
  });
}
