import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { marketingMessages, type planEnum } from "@cannasaas/db/schema";
import { calendarDayIn, startOfDayIn } from "../time";

type Plan = (typeof planEnum.enumValues)[number];

/** Marketing messages (email, SMS and push together) a store may send per calendar month (its time zone), by plan. */
export const MONTHLY_MESSAGE_LIMITS: Record<Plan, number> = {
  starter: 2_000,
  professional: 25_000,
  enterprise: 250_000,
};
export const monthlyMessageLimit = (plan: Plan) => MONTHLY_MESSAGE_LIMITS[plan];

/** Marketing messages (any channel) one customer may get in any 7 days, all campaigns and automations together. */
export const FREQUENCY_CAP_PER_WEEK = 3;

/** The instant the store's current month began. */
export function monthStartIn(now: Date, timeZone: string) {
  return startOfDayIn(`${calendarDayIn(now, timeZone).slice(0, 7)}-01`, timeZone);
}

/** Messages queued this month, on every channel (skipped ones do not count against the plan). */
export async function messagesThisMonth(db: DbOrTx, organizationId: string, now: Date, timeZone: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(marketingMessages)
    .where(
      and(
        eq(marketingMessages.organizationId, organizationId),
        eq(marketingMessages.status, "queued"),
        gte(marketingMessages.createdAt, monthStartIn(now, timeZone)),
      ),
    );
  return row?.n ?? 0;
}

/**
 * Customers among `customerIds` who already got FREQUENCY_CAP_PER_WEEK marketing messages in the 7 days before
 * `now`, campaigns and automations together (a campaign's own earlier messages aside).
 */
export async function cappedCustomers(
  db: DbOrTx,
  organizationId: string,
  customerIds: string[],
  now: Date,
  exceptCampaignId?: string,
) {
  if (!customerIds.length) return new Set<string>();
  const rows = await db
    .select({ customerId: marketingMessages.customerId })
    .from(marketingMessages)
    .where(
      and(
        eq(marketingMessages.organizationId, organizationId),
        inArray(marketingMessages.customerId, customerIds),
        eq(marketingMessages.status, "queued"),
        exceptCampaignId
          ? sql`${marketingMessages.campaignId} is distinct from ${exceptCampaignId}`
          : undefined,
        gte(marketingMessages.createdAt, new Date(now.getTime() - 7 * 86_400_000)),
      ),
    )
    .groupBy(marketingMessages.customerId)
    .having(sql`count(*) >= ${FREQUENCY_CAP_PER_WEEK}`);
  return new Set(rows.map((r) => r.customerId));
}
