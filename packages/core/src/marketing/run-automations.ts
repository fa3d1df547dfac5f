import { randomUUID } from "node:crypto";
import type { StoreLinks } from "../ai/guards/links";
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { customers, marketingAutomations } from "@cannasaas/db/schema";
import { recordAuditEvent } from "../audit/record";
import { calendarDayIn } from "../time";
import { audienceQuery, marketingMinimumAge, oldEnough } from "./audience";
import { AUTOMATION_WINDOW } from "./automation-kinds";
import { automationMessageKey, dueTriggers } from "./automation-triggers";
import { loadMarketingStore, prepareMarketingEmail } from "./compose";
import { cappedCustomers, messagesThisMonth, monthlyMessageLimit } from "./limits";
import { mergeValuesFor } from "./merge";
import { withinSendWindow } from "./window";
import { writeMarketingMessages, type PlannedMessage } from "./write-messages";
import { composeMarketingSms, planSms, smsNumberFor } from "./sms-compose";
import { smsTooLong } from "@cannasaas/validators";

type Automation = typeof marketingAutomations.$inferSelect;
export type AutomationDeps = {
  db: Database;
  clock: () => Date;
  linkKey: string;
  /** Where a saved product's page is; without it the button goes to the store's home. */
  links?: Pick<StoreLinks, "product">;
};
export type AutomationCounts = { queued: number; skipped: number };

/**
 * Acts on an automation's due triggers, batch by batch, until none is left or `deadline` passes: each trigger
 * gets one message row (queued, or skipped with its reason), written with its outbox row and queue job in one
 * transaction. The idempotency key (automation, customer, trigger) makes two runs at once, or a run after a
 * crash, write nothing twice; there is no cursor to lose because the triggers are found again each time.
 */
export async function runAutomation(
  deps: AutomationDeps,
  automation: Automation,
  options: { batchSize: number; deadline?: Date },
): Promise<AutomationCounts> {
  const counts: AutomationCounts = { queued: 0, skipped: 0 };
  const store = await loadMarketingStore(deps.db, automation.organizationId);
  const sms = automation.channel === "sms";
  if (!sms && (!store.postalAddress || !automation.storefrontOrigin || !automation.trackingBaseUrl)) {
    return counts;
  }
  const minimumAge = marketingMinimumAge(store.compliance);
  const limit = monthlyMessageLimit(store.plan);
  const compose = sms
    ? null
    : await prepareMarketingEmail({
        store,
        campaign: automation,
        storefrontOrigin: automation.storefrontOrigin!,
        tracking: { baseUrl: automation.trackingBaseUrl!, key: deps.linkKey },
      });

  for (;;) {
    const now = deps.clock();
    if (options.deadline && now >= options.deadline) break;
    if (!withinSendWindow(AUTOMATION_WINDOW, store.timeZone, now)) break;
    const due = await dueTriggers(deps.db, automation, now, options.batchSize);
    if (!due.length) break;
    const ids = [...new Set(due.map((d) => d.customerId))];
    const people = new Map(
      (
        await audienceQuery(deps.db, automation.organizationId, inArray(customers.id, ids)).orderBy(
          customers.id,
        )
      ).map((p) => [p.id, p]),
    );
    const capped = await cappedCustomers(deps.db, automation.organizationId, ids, now);
    let room = limit - (await messagesThisMonth(deps.db, automation.organizationId, now, store.timeZone));
    const day = calendarDayIn(now, store.timeZone);

    const planned: PlannedMessage[] = [];
    for (const d of due) {
      const id = randomUUID();
      const person = people.get(d.customerId);
      const number = sms && person ? smsNumberFor(person.phone) : null;
      const text =
        person && number && "to" in number
          ? composeMarketingSms(store.name, automation, mergeValuesFor(person, store.name, d.product?.name))
          : null;
      const skipReason =
        !person || (sms && !person.smsConsent) || (!sms && !person.emailConsent)
          ? "no_consent"
          : number && "skip" in number
            ? number.skip
            : text && smsTooLong(text)
              ? "too_long"
              : !oldEnough(person.dateOfBirth, day, minimumAge)
                ? "under_age"
                : capped.has(d.customerId)
                  ? "frequency_cap"
                  : room-- <= 0
                    ? "plan_limit"
                    : null;
      const email =
        skipReason || !person || !compose
          ? null
          : compose({
              values: mergeValuesFor(person, store.name, d.product?.name),
              to: person.email,
              messageId: id,
              ...(d.product && deps.links ? { ctaPath: deps.links.product(d.product.slug) } : {}),
            });
      // One automated message per customer per batch: a second trigger of the same person (two carts) is
      // recorded as capped rather than sent in the same minute.
      if (!skipReason) capped.add(d.customerId);
      planned.push({
        id,
        customerId: d.customerId,
        idempotencyKey: automationMessageKey(automation.id, d.customerId, d.trigger),
        skipReason,
        email,
        ...(sms && !skipReason && number && "to" in number && text
          ? planSms(store, { to: number.to, timeZone: person!.timeZone }, text, now)
          : {}),
      });
    }

    const written = await deps.db.transaction(async (tx) => {
      const result = await writeMarketingMessages(tx, {
        organizationId: automation.organizationId,
        source: { automationId: automation.id },
        channel: automation.channel,
        topic: `marketing.automation.${automation.kind}`,
        planned,
        now,
      });
      if (result.queued + result.skipped > 0) {
        await recordAuditEvent(tx, {
          organizationId: automation.organizationId,
          actor: { kind: "job", id: "marketing", label: "job:marketing" },
          action: "marketing.automation.send_batch",
          resource: { type: "marketing_automation", id: automation.id },
          after: { kind: automation.kind, ...result },
        });
      }
      return result;
    });
    counts.queued += written.queued;
    counts.skipped += written.skipped;
    // Nothing new was written: another runner holds these triggers; leave them to it.
    if (written.queued + written.skipped === 0) break;
  }
  return counts;
}

/** Runs every enabled automation of every store (the marketing job's second step). */
export async function runAutomations(deps: AutomationDeps, options: { batchSize: number; deadline?: Date }) {
  const enabled = await deps.db
    .select()
    .from(marketingAutomations)
    .where(and(eq(marketingAutomations.enabled, true)));
  const byOrganization: Record<string, AutomationCounts> = {};
  for (const automation of enabled) {
    const counts = await runAutomation(deps, automation, options);
    const total = (byOrganization[automation.organizationId] ??= { queued: 0, skipped: 0 });
    total.queued += counts.queued;
    total.skipped += counts.skipped;
  }
  return byOrganization;
}
