import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { marketingCampaigns, marketingSegments } from "@cannasaas/db/schema";
import { recordAuditEvent } from "../audit/record";
import { calendarDayIn } from "../time";
import { audienceBatch, emailReachable, marketingMinimumAge, oldEnough, smsReachable } from "./audience";
import { loadMarketingStore, prepareMarketingEmail } from "./compose";
import { cappedCustomers, monthlyEmailLimit, messagesThisMonth } from "./limits";
import { mergeValuesFor } from "./merge";
import { compileSegmentRules, segmentRulesSchema } from "./segment-rules";
import { composeMarketingSms, planSms, smsNumberFor } from "./sms-compose";
import { smsTooLong } from "@cannasaas/validators";
import { writeMarketingMessages } from "./write-messages";
import { withinSendWindow } from "./window";

type Campaign = typeof marketingCampaigns.$inferSelect;
export type ExpandDeps = { db: Database; clock: () => Date; linkKey: string };
export type ExpandCounts = { queued: number; skipped: number; batches: number; finished: number };

export const messageKey = (campaignId: string, customerId: string) =>
  `campaign:${campaignId}:customer:${customerId}`;

/**
 * Writes the messages of one campaign, batch by batch in customer-id order, until the segment is exhausted or
 * `deadline` passes. Each batch commits its message rows, outbox rows, queue jobs, audit record and the cursor
 * together; a unique idempotency key per (campaign, customer) means a run that crashed, or two runs at once,
 * never write a second message for the same person.
 */
export async function expandCampaign(
  deps: ExpandDeps,
  campaign: Campaign,
  options: { batchSize: number; deadline?: Date },
): Promise<ExpandCounts> {
  const counts: ExpandCounts = { queued: 0, skipped: 0, batches: 0, finished: 0 };
  const store = await loadMarketingStore(deps.db, campaign.organizationId);
  const [segment] = await deps.db
    .select()
    .from(marketingSegments)
    .where(eq(marketingSegments.id, campaign.segmentId));
  const rules = segmentRulesSchema.parse(segment?.rules ?? { match: "all", groups: [] });
  // "Within N days" is anchored at the start of the send, so every batch tests the same instant.
  const sms = campaign.channel === "sms";
  const where = and(
    compileSegmentRules(rules, campaign.startedAt ?? deps.clock()),
    sms ? smsReachable : emailReachable,
  )!;
  const minimumAge = marketingMinimumAge(store.compliance);
  const limit = monthlyEmailLimit(store.plan);
  let cursor = campaign.cursorCustomerId;
  // Rendered once on the first recipient; each email then only fills in values and signed links.
  let compose: Awaited<ReturnType<typeof prepareMarketingEmail>> | null = null;

  for (;;) {
    if (options.deadline && deps.clock() >= options.deadline) break;
    if (!withinSendWindow(campaign, store.timeZone, deps.clock())) break;
    const batch = await audienceBatch(deps.db, campaign.organizationId, where, cursor, options.batchSize);
    if (batch.length === 0) {
      await deps.db
        .update(marketingCampaigns)
        .set({ status: "sent", finishedAt: deps.clock() })
        .where(and(eq(marketingCampaigns.id, campaign.id), eq(marketingCampaigns.status, "sending")));
      counts.finished++;
      break;
    }
    const now = deps.clock();
    const day = calendarDayIn(now, store.timeZone);
    const capped = await cappedCustomers(
      deps.db,
      campaign.organizationId,
      batch.map((r) => r.id),
      now,
      campaign.id,
    );
    let room = limit - (await messagesThisMonth(deps.db, campaign.organizationId, now, store.timeZone));

    const decided = batch.map((r) => {
      const number = sms ? smsNumberFor(r.phone) : null;
      const text =
        number && "to" in number
          ? composeMarketingSms(store.name, campaign, mergeValuesFor(r, store.name))
          : null;
      return { r, id: randomUUID(), number, text, skipReason: recipientSkip(r, number, text) };
    });
    function recipientSkip(
      r: (typeof batch)[number],
      number: ReturnType<typeof smsNumberFor> | null,
      text: string | null,
    ) {
      return number && "skip" in number
        ? number.skip
        : text && smsTooLong(text)
          ? "too_long"
          : !oldEnough(r.dateOfBirth, day, minimumAge)
            ? "under_age"
            : capped.has(r.id)
              ? "frequency_cap"
              : room-- <= 0
                ? "plan_limit"
                : null;
    }
    if (!sms && !compose && decided.some((d) => !d.skipReason)) {
      compose = await prepareMarketingEmail({
        store,
        campaign,
        storefrontOrigin: campaign.storefrontOrigin!,
        tracking: { baseUrl: campaign.trackingBaseUrl!, key: deps.linkKey },
      });
    }
    const planned = decided.map(({ r, id, skipReason, number, text }) => ({
      id,
      customerId: r.id,
      skipReason,
      ...(sms && !skipReason && number && "to" in number && text
        ? planSms(store, { to: number.to, timeZone: r.timeZone }, text, now)
        : {}),
      email:
        sms || skipReason || !compose
          ? null
          : compose({ values: mergeValuesFor(r, store.name), to: r.email, messageId: id }),
    }));
    const last = batch[batch.length - 1]!.id;

    const advanced = await deps.db.transaction(async (tx) => {
      // The campaign row is the batch's lock: a second runner waits here, then sees the moved cursor.
      const [current] = await tx
        .select({ cursor: marketingCampaigns.cursorCustomerId, status: marketingCampaigns.status })
        .from(marketingCampaigns)
        .where(eq(marketingCampaigns.id, campaign.id))
        .for("update");
      if (current?.status !== "sending" || current.cursor !== cursor) return false;
      const written = await writeMarketingMessages(tx, {
        organizationId: campaign.organizationId,
        source: { campaignId: campaign.id },
        channel: campaign.channel,
        topic: sms ? "marketing.campaign.sms" : "marketing.campaign",
        planned: planned.map((p) => ({
          ...p,
          idempotencyKey: messageKey(campaign.id, p.customerId),
        })),
        now,
      });
      await tx
        .update(marketingCampaigns)
        .set({ cursorCustomerId: last })
        .where(eq(marketingCampaigns.id, campaign.id));
      await recordAuditEvent(tx, {
        organizationId: campaign.organizationId,
        actor: { kind: "job", id: "marketing", label: "job:marketing" },
        action: "marketing.campaign.send_batch",
        resource: { type: "marketing_campaign", id: campaign.id },
        after: {
          queued: written.queued,
          skipped: written.skipped,
          customers: { from: batch[0]!.id, to: last },
        },
      });
      counts.queued += written.queued;
      counts.skipped += written.skipped;
      return true;
    });
    counts.batches++;
    if (!advanced) {
      // Another runner moved on (or the campaign was cancelled): continue from where the row now stands.
      const [fresh] = await deps.db
        .select()
        .from(marketingCampaigns)
        .where(eq(marketingCampaigns.id, campaign.id));
      if (fresh?.status !== "sending") break;
      cursor = fresh.cursorCustomerId;
      continue;
    }
    cursor = last;
  }
  return counts;
}
