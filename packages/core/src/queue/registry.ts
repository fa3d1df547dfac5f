import type { DbOrTx } from "@cannasaas/db/client";
import { and, eq } from "drizzle-orm";
import { queueJobs } from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import { metrcQueue } from "../metrc/sync";
import { emailQueue } from "../outbox/email";
import { pushQueue } from "../push/queue";
import { marketingEmailQueue } from "../marketing/queue";
import { marketingSmsQueue } from "../marketing/sms-queue";
import { marketingPushQueue } from "../marketing/push-queue";
import { webhookDeliveryQueue, webhookEventQueue } from "../webhooks/drain";
import { queueOverview, retryDeadJob } from "./manage";

/**
 * Every queue, for the dashboard's overview. To add one: write it with `defineQueue` beside its domain code,
 * enqueue with `enqueue(tx, name, payload, options)` in the transaction of the change, add it here, and drain it
 * from a scheduled job with `drainQueue`.
 */
export const QUEUES = [
  emailQueue,
  pushQueue,
  webhookEventQueue,
  webhookDeliveryQueue,
  metrcQueue,
  marketingEmailQueue,
  marketingSmsQueue,
  marketingPushQueue,
] as const;

export const queueNames = () => QUEUES.map((q) => q.name);

/** The dashboard's view of every queue for one organization (see queueOverview). */
export async function organizationQueues(db: DbOrTx, organizationId: string, now: Date) {
  const overview = await queueOverview(db, organizationId, { now, queues: queueNames() });
  const definition = (name: string) => QUEUES.find((q) => q.name === name);
  return {
    queues: overview.queues.map((q) => ({ ...q, description: definition(q.queue)?.description ?? "" })),
    deadLetters: overview.deadLetters.map((d) => ({
      ...d,
      retryElsewhere: definition(d.queue)?.retryElsewhere ?? null,
    })),
  };
}

/** A person retries one of their organization's dead letters, unless its queue is retried elsewhere. */
export async function retryDeadLetter(db: DbOrTx, organizationId: string, jobId: string, now: Date) {
  const [job] = await db
    .select({ queue: queueJobs.queue })
    .from(queueJobs)
    .where(and(eq(queueJobs.id, jobId), eq(queueJobs.organizationId, organizationId)));
  const elsewhere = QUEUES.find((q) => q.name === job?.queue)?.retryElsewhere;
  if (elsewhere) throw new DomainError("CONFLICT", elsewhere);
  return retryDeadJob(db, organizationId, jobId, now);
}
