import { and, desc, eq, ilike, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  customers,
  marketingAutomations,
  marketingCampaigns,
  marketingMessages,
  orders,
  outboxMessages,
  users,
} from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import { decodeCursor, encodeCursor, keysetPage } from "../pagination/keyset";
import { audienceQuery } from "./audience";
import { compileSegmentRules, favouriteCategorySql, type SegmentCondition } from "./segment-rules";

/** `%` and `_` typed in a search are literal characters, not patterns. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The customers page: newest first, keyset-paged, filtered by a search over name and email and by segment
 * conditions (all must hold). Per-customer figures come from the customer_sales rollup, not from orders.
 */
export async function listCustomers(
  db: DbOrTx,
  organizationId: string,
  input: { search?: string; filters: SegmentCondition[]; limit: number; cursor?: string },
  now: Date,
) {
  const position = decodeCursor(input.cursor);
  const term = input.search?.trim();
  const where = and(
    input.filters.length
      ? compileSegmentRules({ match: "all", groups: [{ match: "all", conditions: input.filters }] }, now)
      : undefined,
    term
      ? or(ilike(users.name, `%${likeEscape(term)}%`), ilike(users.email, `%${likeEscape(term)}%`))
      : undefined,
    position
      ? sql`(${customers.createdAt}, ${customers.id}) < (${position[0]}::timestamptz, ${position[1]}::uuid)`
      : undefined,
  );
  const rows = await audienceQuery(db, organizationId, where)
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(input.limit + 1);
  const page = keysetPage(rows, input.limit, (r) => encodeCursor(r.sortKey, r.id));
  return {
    ...page,
    items: page.items.map(({ dateOfBirth: _sealed, sortKey: _key, ...r }) => r),
  };
}

/** One customer's page: figures, consents, recent orders, favourite category and marketing messages received. */
export async function customerProfile(db: DbOrTx, organizationId: string, customerId: string) {
  const [row] = await audienceQuery(db, organizationId, eq(customers.id, customerId)).limit(1);
  if (!row) throw new DomainError("NOT_FOUND", "That customer does not exist.");
  const { dateOfBirth: _sealed, sortKey: _key, ...customer } = row;
  const [favourite] = await db
    .select({ category: favouriteCategorySql })
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.organizationId, organizationId)));
  const recentOrders = await db
    .select({
      id: orders.id,
      orderNumber: orders.orderNumber,
      status: orders.status,
      totalCents: orders.totalCents,
      placedAt: orders.placedAt,
    })
    .from(orders)
    .where(and(eq(orders.organizationId, organizationId), eq(orders.customerId, customerId)))
    .orderBy(desc(orders.placedAt))
    .limit(20);
  const messages = await db
    .select({
      id: marketingMessages.id,
      campaign: marketingCampaigns.name,
      automation: marketingAutomations.kind,
      channel: marketingMessages.channel,
      status: marketingMessages.status,
      skipReason: marketingMessages.skipReason,
      delivery: outboxMessages.status,
      createdAt: marketingMessages.createdAt,
      openedAt: marketingMessages.openedAt,
      clickedAt: marketingMessages.clickedAt,
      unsubscribedAt: marketingMessages.unsubscribedAt,
    })
    .from(marketingMessages)
    .leftJoin(marketingCampaigns, eq(marketingCampaigns.id, marketingMessages.campaignId))
    .leftJoin(marketingAutomations, eq(marketingAutomations.id, marketingMessages.automationId))
    .leftJoin(outboxMessages, eq(outboxMessages.id, marketingMessages.outboxId))
    .where(
      and(eq(marketingMessages.organizationId, organizationId), eq(marketingMessages.customerId, customerId)),
    )
    .orderBy(desc(marketingMessages.createdAt))
    .limit(50);
  return {
    customer: { ...customer, favouriteCategory: favourite?.category ?? null },
    recentOrders,
    messages,
  };
}
