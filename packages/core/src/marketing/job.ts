import { and, asc, eq, lte } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import type { MailTransport } from "@cannasaas/integrations/mail";
import { createSmsProvider, type SmsProvider } from "@cannasaas/integrations/sms";
import { marketingCampaigns } from "@cannasaas/db/schema";
import { recordAuditEvent } from "../audit/record";
import { defineJob, type Counts } from "../jobs/define";
import { drainQueue } from "../queue/drain";
import { expandCampaign } from "./expand";
import { marketingLinkKey } from "./links";
import { marketingEmailQueue } from "./queue";
import { marketingSmsQueue } from "./sms-queue";
import { marketingPushQueue } from "./push-queue";
import type { PushSender } from "@cannasaas/integrations/push";
import { runAutomations } from "./run-automations";
import type { StoreLinks } from "../ai/guards/links";

/** Vercel stops a function at its time limit; the run stops taking new work before that. */
const RUN_BUDGET_MS = 50_000;

export type MarketingRunDeps = {
  db: Database;
  clock: () => Date;
  mail: MailTransport;
  /** Twilio or the dev mailbox, as the environment says, when not given. */
  sms?: SmsProvider;
  /** Web push with VAPID keys or the dev mailbox, as the environment says, when not given. */
  push?: PushSender;
  linkKey?: string;
  /** The product page's path, for the wishlist automations' button (the app's paths; core knows none). */
  links?: Pick<StoreLinks, "product">;
};

/**
 * One pass of the marketing job: starts campaigns whose time has come, writes their messages in batches
 * (resuming where a crashed run stopped), acts on the due triggers of enabled automations, then sends what is
 * queued. Safe to run twice at once.
 */
export async function runMarketing(
  deps: MarketingRunDeps,
  options: { batchSize?: number; deadline?: Date; sendLimit?: number; skipAutomations?: boolean } = {},
) {
  const now = deps.clock();
  const deadline = options.deadline ?? new Date(now.getTime() + RUN_BUDGET_MS);
  // Read only when a campaign is sending: a run with nothing to write needs no signing key.
  let linkKey = deps.linkKey;
  const byOrganization: Record<string, Counts> = {};
  const add = (org: string, key: string, n: number) => {
    const counts = (byOrganization[org] ??= {});
    counts[key] = (counts[key] ?? 0) + n;
  };

  await deps.db.transaction(async (tx) => {
    const started = await tx
      .update(marketingCampaigns)
      .set({ status: "sending", startedAt: now })
      .where(and(eq(marketingCampaigns.status, "scheduled"), lte(marketingCampaigns.scheduledAt, now)))
      .returning();
    for (const c of started) {
      add(c.organizationId, "started", 1);
      await recordAuditEvent(tx, {
        organizationId: c.organizationId,
        actor: { kind: "job", id: "marketing", label: "job:marketing" },
        action: "marketing.campaign.start",
        resource: { type: "marketing_campaign", id: c.id },
        after: { status: "sending" },
        at: now,
      });
    }
  });

  const sending = await deps.db
    .select()
    .from(marketingCampaigns)
    .where(eq(marketingCampaigns.status, "sending"))
    .orderBy(asc(marketingCampaigns.startedAt));
  for (const campaign of sending) {
    linkKey ??= marketingLinkKey();
    const counts = await expandCampaign({ db: deps.db, clock: deps.clock, linkKey }, campaign, {
      batchSize: options.batchSize ?? 500,
      deadline,
    });
    add(campaign.organizationId, "queued", counts.queued);
    add(campaign.organizationId, "skipped", counts.skipped);
    add(campaign.organizationId, "finished", counts.finished);
  }

  if (!options.skipAutomations) {
    const automated = await runAutomations(
      { db: deps.db, clock: deps.clock, linkKey: (linkKey ??= marketingLinkKey()), links: deps.links },
      { batchSize: options.batchSize ?? 500, deadline },
    );
    for (const [org, c] of Object.entries(automated)) {
      add(org, "automated", c.queued);
      add(org, "skipped", c.skipped);
    }
  }

  const drained = await drainQueue(deps, marketingEmailQueue, {
    limit: options.sendLimit ?? 5_000,
    deadline,
  });
  const texted = await drainQueue({ ...deps, sms: deps.sms ?? createSmsProvider() }, marketingSmsQueue, {
    limit: options.sendLimit ?? 5_000,
    deadline,
  });
  const pushed = await drainQueue(deps, marketingPushQueue, {
    limit: options.sendLimit ?? 5_000,
    deadline,
  });
  const totals: Counts = { started: 0, queued: 0, automated: 0, skipped: 0, finished: 0 };
  for (const counts of Object.values(byOrganization)) {
    for (const [k, n] of Object.entries(counts)) totals[k] = (totals[k] ?? 0) + n;
  }
  const counts: Counts = {
    ...totals,
    sent: drained.counts.sent ?? 0,
    withdrawn:
      (drained.counts.withdrawn ?? 0) + (texted.counts.withdrawn ?? 0) + (pushed.counts.withdrawn ?? 0),
    smsSent: texted.counts.sent ?? 0,
    pushSent: pushed.counts.sent ?? 0,
    failed: drained.failed + texted.failed + pushed.failed,
    dead: drained.dead + texted.dead + pushed.dead,
  };
  return { counts, byOrganization };
}

export const marketingJob = defineJob({
  name: "marketing",
  description:
    "Starts scheduled campaigns, runs automations (abandoned cart, win-back, ...), and sends their emails, texts and web pushes.",
  leaseMs: 5 * 60_000,
  run: (deps) => runMarketing(deps),
});

/** Re-exported for the dashboard's queue overview. */
export { marketingEmailQueue, marketingSmsQueue, marketingPushQueue };
