import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { marketingCampaigns, marketingSegments } from "@cannasaas/db/schema";
import { recordAuditEvent } from "../audit/record";
import { calendarDayIn } from "../time";
import { audienceBatch, channelReachable, marketingMinimumAge, oldEnough } from "./audience";
import { loadMarketingStore, prepareMarketingEmail } from "./compose";
import { cappedCustomers, monthlyMessageLimit, messagesThisMonth } from "./limits";
import { mergeValuesFor } from "./merge";
import { compileSegmentRules, segmentRulesSchema } from "./segment-rules";
import { composeMarketingSms, planSms, smsNumberFor } from "./sms-compose";
import { pushTooLong, smsTooLong } from "@cannasaas/validators";
import { composeMarketingPush, planPush } from "./push-compose";
import { writeMarketingMessages } from "./write-messages";
import { withinSendWindow } from "./window";
import { decideAbWinner } from "./ab-decide";
import { abAssignment, hasAbTest, variantContent } from "./ab-test";
import type { AbVariant } from "@cannasaas/db/schema";

type Campaign = typeof marketingCampaigns.$inferSelect;
export type ExpandDeps = { db: Database; clock: () => Date; linkKey: string };
export type ExpandCounts = { queued: number; skipped: number; batches: number; finished: number };

/**
 * Who a batch writes to, and with which variant. Without a test: everyone, no variant. In a test's first pass:
 * the customers the split puts in the test, with their variant (the rest wait). After the winner is chosen: the
 * rest, with the winner (those in the test already have theirs).
 */
function variantFor(campaign: Campaign, customerId: string): { variant: AbVariant | null } | null {
  if (!hasAbTest(campaign)) return { variant: null };
  const tested = abAssignment(campaign.id, customerId, campaign.abSharePercent);
  if (!campaign.abWinner) return tested ? { variant: tested } : null;
  return tested ? null : { variant: campaign.abWinner };
}

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
  started: Campaign,
  options: { batchSize: number; deadline?: Date },
): Promise<ExpandCounts> {
  const counts: ExpandCounts = { queued: 0, skipped: 0, batches: 0, finished: 0 };
  let campaign = started;
  if (hasAbTest(campaign) && campaign.abTestEndsAt && !campaign.abWinner) {
    // The test's messages are all written: wait out the test, then choose the winner.
    if (deps.clock() < campaign.abTestEndsAt) return counts;
    const decided = await decideAbWinner(deps.db, campaign.id, deps.clock());
    if (decided?.status === "sent") counts.finished++;
    if (decided?.status !== "sending") return counts;
    campaign = decided;
  }
  const store = await loadMarketingStore(deps.db, campaign.organizationId);
  const [segment] = await deps.db
    .select()
    .from(marketingSegments)
    .where(eq(marketingSegments.id, campaign.segmentId));
  const rules = segmentRulesSchema.parse(segment?.rules ?? { match: "all", groups: [] });
  // "Within N days" is anchored at the start of the send, so every batch tests the same instant.
  const sms = campaign.channel === "sms";
  const push = campaign.channel === "push";
  const where = and(
    compileSegmentRules(rules, campaign.startedAt ?? deps.clock()),
    channelReachable(campaign.channel),
  )!;
  const minimumAge = marketingMinimumAge(store.compliance);
  const limit = monthlyMessageLimit(store.plan);
  let cursor = campaign.cursorCustomerId;
  // Rendered once per variant on its first recipient; each email then only fills in values and signed links.
  const composers = new Map<AbVariant | null, Awaited<ReturnType<typeof prepareMarketingEmail>>>();

  for (;;) {
    if (options.deadline && deps.clock() >= options.deadline) break;
    if (!withinSendWindow(campaign, store.timeZone, deps.clock())) break;
    const fetched = await audienceBatch(deps.db, campaign.organizationId, where, cursor, options.batchSize);
    if (fetched.length === 0) {
      if (hasAbTest(campaign) && !campaign.abWinner) {
        // The test's messages are written: the winner is chosen once the test period has passed.
        await deps.db
          .update(marketingCampaigns)
          .set({ abTestEndsAt: new Date(deps.clock().getTime() + campaign.abTestHours! * 3_600_000) })
          .where(
            and(
              eq(marketingCampaigns.id, campaign.id),
              eq(marketingCampaigns.status, "sending"),
              isNull(marketingCampaigns.abTestEndsAt),
            ),
          );
        break;
      }
      await deps.db
        .update(marketingCampaigns)
        .set({ status: "sent", finishedAt: deps.clock() })
        .where(and(eq(marketingCampaigns.id, campaign.id), eq(marketingCampaigns.status, "sending")));
      counts.finished++;
      break;
    }
    const batch = fetched.flatMap((r) => {
      const chosen = variantFor(campaign, r.id);
      return chosen ? [{ ...r, variant: chosen.variant }] : [];
    });
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
          ? composeMarketingSms(
              store.name,
              variantContent(campaign, r.variant),
              mergeValuesFor(r, store.name),
            )
          : null;
      const shown = push ? composeMarketingPush(campaign, mergeValuesFor(r, store.name)) : null;
      const tooLong = text
        ? Boolean(smsTooLong(text))
        : shown
          ? Boolean(pushTooLong(shown.title, shown.body))
          : false;
      return { r, id: randomUUID(), number, text, shown, skipReason: recipientSkip(r, number, tooLong) };
    });
    function recipientSkip(
      r: (typeof batch)[number],
      number: ReturnType<typeof smsNumberFor> | null,
      tooLong: boolean,
    ) {
      return number && "skip" in number
        ? number.skip
        : tooLong
          ? "too_long"
          : !oldEnough(r.dateOfBirth, day, minimumAge)
            ? "under_age"
            : capped.has(r.id)
              ? "frequency_cap"
              : room-- <= 0
                ? "plan_limit"
                : null;
    }
    for (const { r, skipReason } of decided) {
      if (sms || push || skipReason || composers.has(r.variant)) continue;
      composers.set(
        r.variant,
        await prepareMarketingEmail({
          store,
          campaign: variantContent(campaign, r.variant),
          storefrontOrigin: campaign.storefrontOrigin!,
          tracking: { baseUrl: campaign.trackingBaseUrl!, key: deps.linkKey },
        }),
      );
    }
    const planned = decided.map(({ r, id, skipReason, number, text, shown }) => {
      const compose = composers.get(r.variant);
      return {
        id,
        customerId: r.id,
        variant: r.variant,
        skipReason,
        ...(sms && !skipReason && number && "to" in number && text
          ? planSms(store, { to: number.to, timeZone: r.timeZone }, text, now)
          : {}),
        ...(push && !skipReason && shown
          ? planPush(
              {
                store,
                recipient: { customerId: r.id, timeZone: r.timeZone },
                shown,
                messageId: id,
                storefrontOrigin: campaign.storefrontOrigin!,
                tracking: { baseUrl: campaign.trackingBaseUrl!, key: deps.linkKey },
                tag: `campaign:${campaign.id}`,
              },
              now,
            )
          : {}),
        email:
          sms || push || skipReason || !compose
            ? null
            : compose({ values: mergeValuesFor(r, store.name), to: r.email, messageId: id }),
      };
    });
    // The cursor passes everyone fetched, including those this pass leaves to the other.
    const last = fetched[fetched.length - 1]!.id;

    const advanced = await deps.db.transaction(async (tx) => {
      // The campaign row is the batch's lock: a second runner waits here, then sees the moved cursor.
      const [current] = await tx
        .select({
          cursor: marketingCampaigns.cursorCustomerId,
          status: marketingCampaigns.status,
          abWinner: marketingCampaigns.abWinner,
        })
        .from(marketingCampaigns)
        .where(eq(marketingCampaigns.id, campaign.id))
        .for("update");
      // A winner chosen meanwhile restarted the cursor for the other pass: this batch belongs to neither.
      if (
        current?.status !== "sending" ||
        current.cursor !== cursor ||
        current.abWinner !== campaign.abWinner
      ) {
        return false;
      }
      const written = await writeMarketingMessages(tx, {
        organizationId: campaign.organizationId,
        source: { campaignId: campaign.id },
        channel: campaign.channel,
        topic: sms ? "marketing.campaign.sms" : push ? "marketing.campaign.push" : "marketing.campaign",
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
          customers: { from: fetched[0]!.id, to: last },
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
      if (fresh.abTestEndsAt && !fresh.abWinner) break; // the test is written and waits for its period
      campaign = fresh;
      cursor = fresh.cursorCustomerId;
      continue;
    }
    cursor = last;
  }
  return counts;
}
