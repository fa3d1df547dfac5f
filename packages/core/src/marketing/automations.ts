import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { marketingAutomations } from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import {
  AUTOMATION_KIND_LIST,
  AUTOMATION_KINDS,
  PRODUCT_AUTOMATION_KINDS,
  type AutomationKind,
} from "./automation-kinds";
import { checkedCoupon } from "./campaigns";
import { loadMarketingStore } from "./compose";
import { checkCampaignContent } from "./content-check";
import { checkMergeFields } from "./merge";
import { ATTRIBUTION_WINDOW_DAYS } from "./report";
import { checkSmsLength } from "./sms-compose";

type Automation = typeof marketingAutomations.$inferSelect;

/** Rows of `db.execute`: an array on postgres.js, `{ rows }` on PGlite. */
const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];

export type AutomationResults = {
  sent: number;
  pending: number;
  skipped: number;
  opened: number;
  clicked: number;
  attributedOrders: number;
  attributedRevenueCents: number;
  lastSentAt: Date | null;
};

/** Every automation kind for the store: the saved one, or the default (off) where none is saved yet. */
export async function listAutomations(db: DbOrTx, organizationId: string) {
  const saved = await db
    .select()
    .from(marketingAutomations)
    .where(eq(marketingAutomations.organizationId, organizationId));
  const results = await automationResults(db, organizationId);
  return AUTOMATION_KIND_LIST.map((kind) => {
    const row = saved.find((s) => s.kind === kind);
    const def = AUTOMATION_KINDS[kind];
    return {
      kind,
      label: def.label,
      trigger: def.trigger,
      wait: def.wait,
      id: row?.id ?? null,
      enabled: row?.enabled ?? false,
      // Automations are saved by email or text only (validators); the column's type is shared with campaigns.
      channel: row?.channel === "sms" ? ("sms" as const) : ("email" as const),
      subject: row?.subject ?? def.subject,
      body: row?.body ?? def.body,
      couponCode: row?.couponCode ?? null,
      waitMinutes: row?.waitMinutes ?? def.defaultWaitMinutes,
      updatedAt: row?.updatedAt ?? null,
      warnings: checkCampaignContent(`${row?.subject ?? def.subject}\n${row?.body ?? def.body}`),
      results: (row && results.get(row.id)) ?? emptyResults(),
    };
  });
}

const emptyResults = (): AutomationResults => ({
  sent: 0,
  pending: 0,
  skipped: 0,
  opened: 0,
  clicked: 0,
  attributedOrders: 0,
  attributedRevenueCents: 0,
  lastSentAt: null,
});

export type AutomationInput = {
  kind: AutomationKind;
  /** Email when absent. */
  channel?: "email" | "sms";
  enabled: boolean;
  subject: string;
  body: string;
  couponCode?: string | null;
  waitMinutes: number;
};

/**
 * Saves (creating on first save) the store's automation of a kind. Turning one on needs a location (the
 * address every marketing email carries) and the links' origins, which come from configuration.
 */
export async function saveAutomation(
  db: DbOrTx,
  organizationId: string,
  input: AutomationInput,
  origins: { storefrontOrigin: string; trackingBaseUrl: string },
): Promise<{ before: Automation | null; after: Automation }> {
  const channel = input.channel ?? "email";
  const merge = { product: PRODUCT_AUTOMATION_KINDS.includes(input.kind) };
  if (channel === "email") {
    if (!input.subject.trim()) {
      throw new DomainError("BAD_REQUEST", "Write a subject.", { fields: { subject: "Write a subject." } });
    }
    checkMergeFields(input.subject, "subject", "subject", merge);
  }
  checkMergeFields(input.body, "body", "body", merge);
  const def = AUTOMATION_KINDS[input.kind];
  if (def.wait === "time_of_day" && input.waitMinutes >= 1440) {
    throw new DomainError("BAD_REQUEST", "Choose a time of day.", {
      fields: { waitMinutes: "A time between 00:00 and 23:59." },
    });
  }
  const store = await loadMarketingStore(db, organizationId);
  if (input.enabled && channel === "email" && !store.postalAddress) {
    throw new DomainError(
      "BAD_REQUEST",
      "Add a location first: marketing email must carry the store's address.",
    );
  }
  const couponCode = await checkedCoupon(db, organizationId, input.couponCode);
  if (channel === "sms") checkSmsLength(store.name, { body: input.body, couponCode });
  const [before] = await db
    .select()
    .from(marketingAutomations)
    .where(
      and(eq(marketingAutomations.organizationId, organizationId), eq(marketingAutomations.kind, input.kind)),
    );
  const values = {
    enabled: input.enabled,
    channel,
    subject: input.subject,
    body: input.body,
    couponCode,
    waitMinutes: input.waitMinutes,
    ...origins,
  };
  const [after] = await db
    .insert(marketingAutomations)
    .values({ organizationId, kind: input.kind, ...values })
    .onConflictDoUpdate({
      target: [marketingAutomations.organizationId, marketingAutomations.kind],
      set: { ...values, updatedAt: new Date() },
    })
    .returning();
  return { before: before ?? null, after: after! };
}

/**
 * Each automation's results: delivery from the outbox, engagement from the message rows, and orders placed
 * within 7 days after a click on one of its emails (not cancelled or refunded).
 */
export async function automationResults(db: DbOrTx, organizationId: string) {
  const rows = rowsOf<Record<string, unknown> & { automation_id: string }>(
    await db.execute(sql`
    select m.automation_id,
      count(*) filter (where o.status = 'sent')::int as sent,
      count(*) filter (where o.status = 'pending')::int as pending,
      count(*) filter (where m.status = 'skipped')::int as skipped,
      count(m.opened_at)::int as opened,
      count(m.clicked_at)::int as clicked,
      max(o.sent_at) as last_sent_at,
      (select count(*) from orders x where x.organization_id = ${organizationId}
        and x.status not in ('cancelled', 'refunded') and exists (
          select 1 from marketing_messages c where c.organization_id = ${organizationId}
            and c.automation_id = m.automation_id and c.customer_id = x.customer_id
            and c.clicked_at is not null and x.placed_at >= c.clicked_at
            and x.placed_at < c.clicked_at + make_interval(days => ${ATTRIBUTION_WINDOW_DAYS})))::int as orders,
      (select coalesce(sum(x.total_cents), 0) from orders x where x.organization_id = ${organizationId}
        and x.status not in ('cancelled', 'refunded') and exists (
          select 1 from marketing_messages c where c.organization_id = ${organizationId}
            and c.automation_id = m.automation_id and c.customer_id = x.customer_id
            and c.clicked_at is not null and x.placed_at >= c.clicked_at
            and x.placed_at < c.clicked_at + make_interval(days => ${ATTRIBUTION_WINDOW_DAYS})))::int as revenue
    from marketing_messages m
    left join outbox_messages o on o.id = m.outbox_id
    where m.organization_id = ${organizationId} and m.automation_id is not null
    group by m.automation_id`),
  );
  return new Map(
    rows.map((r) => [
      r.automation_id,
      {
        sent: Number(r.sent),
        pending: Number(r.pending),
        skipped: Number(r.skipped),
        opened: Number(r.opened),
        clicked: Number(r.clicked),
        attributedOrders: Number(r.orders),
        attributedRevenueCents: Number(r.revenue),
        lastSentAt: r.last_sent_at ? new Date(r.last_sent_at as string) : null,
      } satisfies AutomationResults,
    ]),
  );
}
