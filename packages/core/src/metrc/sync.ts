import { and, eq, inArray, lte, min, sql } from "drizzle-orm";
import { metrcSyncItems } from "@cannasaas/db/schema";
import { isMetrcError, type MetrcClient } from "@cannasaas/integrations/metrc";
import { PermanentFailure } from "../queue/backoff";
import type { HandlerResult } from "../queue/define";
import { defineQueue } from "../queue/define";
import { drainQueue } from "../queue/drain";
import { deferKey } from "../queue/manage";
import { hasFeature } from "../plans/features";
import { metrcClientForLocation, recordMetrcAuth } from "./credentials";
import { handle, type Attempt, type Outcome } from "./handlers";
import { realSleep, type MetrcDeps } from "./runtime";
import {
  METRC_QUEUE,
  markCancelled,
  markSent,
  recordFailure,
  releaseItem,
  type SyncItem,
} from "./sync-items";

export const METRC_MAX_ATTEMPTS = 8;

export type MetrcSyncOptions = {
  organizationId?: string;
  locationId?: string;
  /** Reports to take in this run (default 200). */
  limit?: number;
  /** Stops the run between reports; a call in flight when it fires leaves its report in flight (as if the process died). */
  signal?: AbortSignal;
  /** Calls per second per facility across all drains (KV window); 0 turns pacing off. Default 5. */
  callsPerSecond?: number;
  /** A 429 whose Retry-After is at most this long is waited out in the run; longer ones end the facility's turn. */
  maxInlineWaitMs?: number;
  /** Transport override for this run (tests simulate a crash after a request reached METRC). */
  fetch?: typeof fetch;
};

export type FacilitySyncResult = {
  organizationId: string;
  locationId: string;
  location: string;
  sent: number;
  failed: number;
  dead: number;
  waiting: number;
  /** Why the facility was not synced ("METRC not configured for ...", credentials refused, rate limited). */
  skipped: string | null;
  /** Age of the oldest report still waiting for this facility after the run, in seconds (0 when none). */
  lagSeconds: number;
};

export type MetrcSyncResult = {
  facilities: FacilitySyncResult[];
  sent: number;
  failed: number;
  dead: number;
  notConfigured: string[];
  aborted: boolean;
};

const NOT_CONFIGURED_RECHECK_MS = 15 * 60_000;
const cooldownKey = (locationId: string) => `metrc:cooldown:${locationId}`;

/** One facility's state for the length of a run: its client once credentials are open, or why it waits. */
type Facility = {
  summary: FacilitySyncResult;
  client: MetrcClient | null;
  /** Set when nothing more of this facility goes in this run. */
  heldUntil: Date | null;
  authChecked: boolean;
};
type Run = { options: MetrcSyncOptions; facilities: Map<string, Promise<Facility>>; notConfigured: string[] };
type RunDeps = MetrcDeps & { run: Run };

/**
 * The METRC queue: one job per sync item, keyed by facility (location), so reports of a facility go one at a
 * time and in the order they happened. The sync item is the domain record (status, ambiguity, METRC's id, the
 * error a person sees); the job holds the lease and the schedule. Auth and configuration problems hold the whole
 * facility (with the reason on every waiting item), 429 waits for Retry-After, 5xx/time-outs/garbled answers
 * back off with jitter and mark the item ambiguous (a receipt is then looked up before it is re-posted), and
 * after METRC_MAX_ATTEMPTS the item is dead-lettered for a person to retry.
 */
export const metrcQueue = defineQueue<{ itemId: string }, RunDeps>({
  name: METRC_QUEUE,
  description: "Sales, voids and package adjustments reported to METRC, in order per facility.",
  concurrency: 4,
  maxAttempts: METRC_MAX_ATTEMPTS,
  // Two calls (a look-up and a post) at the default 15 s time-out, with room to spare.
  leaseMs: 2 * 60_000 + 2 * 15_000,
  retryElsewhere:
    "Retry METRC reports from Compliance → METRC: a retry there first draws units sold without a package from lots received since.",
  handle: async (deps, job) => {
    const facility = await facilityFor(deps, job.organizationId!, job.key!);
    if (facility.heldUntil || !facility.client)
      return { retryAt: facility.heldUntil ?? deps.clock(), reason: facility.summary.skipped ?? undefined };
    // Taking the item: one still in flight was taken by a run that died, which may have reached METRC.
    const [item] = await deps.db
      .update(metrcSyncItems)
      .set({
        status: "in_flight",
        ambiguous: sql`${metrcSyncItems.ambiguous} or ${metrcSyncItems.status} = 'in_flight'`,
        lastAttemptAt: deps.clock(),
      })
      .where(
        and(
          eq(metrcSyncItems.id, job.payload.itemId),
          inArray(metrcSyncItems.status, ["pending", "failed", "in_flight"]),
        ),
      )
      .returning();
    if (!item) return; // sent, withdrawn or dead-lettered meanwhile
    return attemptItem(deps, facility, item);
  },
  onFailure: async (deps, job, outcome) => {
    await recordFailure(deps, job.payload.itemId, {
      message: outcome.error,
      attempts: job.attempts,
      dead: outcome.dead,
      nextAttemptAt: outcome.runAt,
    });
    const facility = await deps.run.facilities.get(job.key!);
    if (facility) facility.summary[outcome.dead ? "dead" : "failed"]++;
  },
});

/** Drains the METRC queue (all facilities, one organization's, or one location's), oldest report first. */
export async function runMetrcSync(
  deps: MetrcDeps,
  options: MetrcSyncOptions = {},
): Promise<MetrcSyncResult> {
  if (options.signal?.aborted) {
    return { facilities: [], sent: 0, failed: 0, dead: 0, notConfigured: [], aborted: true };
  }
  const run: Run = { options, facilities: new Map(), notConfigured: [] };
  await drainQueue({ ...deps, run }, metrcQueue, {
    limit: options.limit ?? 200,
    organizationId: options.organizationId,
    key: options.locationId,
    signal: options.signal,
  });
  const facilities: FacilitySyncResult[] = [];
  for (const pending of run.facilities.values()) {
    const { summary } = await pending;
    summary.lagSeconds = await facilityLagSeconds(deps, summary.organizationId, summary.locationId);
    facilities.push(summary);
  }
  const result: MetrcSyncResult = {
    facilities,
    sent: facilities.reduce((n, f) => n + f.sent, 0),
    failed: facilities.reduce((n, f) => n + f.failed, 0),
    dead: facilities.reduce((n, f) => n + f.dead, 0),
    notConfigured: run.notConfigured,
    aborted: options.signal?.aborted ?? false,
  };
  if (result.notConfigured.length)
    deps.log?.warn({ notConfigured: result.notConfigured }, "METRC sync skipped facilities");
  return result;
}

/** The facility's client for this run, opened once: the plan, a rate-limit cool-down and the credentials. */
function facilityFor(deps: RunDeps, organizationId: string, locationId: string) {
  let facility = deps.run.facilities.get(locationId);
  if (!facility) {
    facility = openFacility(deps, organizationId, locationId);
    deps.run.facilities.set(locationId, facility);
  }
  return facility;
}

async function openFacility(deps: RunDeps, organizationId: string, locationId: string): Promise<Facility> {
  const { options } = deps.run;
  const facility: Facility = {
    summary: {
      organizationId,
      locationId,
      location: "",
      sent: 0,
      failed: 0,
      dead: 0,
      waiting: 0,
      skipped: null,
      lagSeconds: 0,
    },
    client: null,
    heldUntil: null,
    authChecked: false,
  };
  const notConfigured = async (reason: string) => {
    await holdFacility(deps, facility, { organizationId, locationId }, reason, NOT_CONFIGURED_RECHECK_MS);
    deps.run.notConfigured.push(reason);
    return facility;
  };
  if (!(await hasFeature(deps, organizationId, "metrc_integration"))) {
    return notConfigured("METRC integration is not on this organization's plan; reports wait until it is.");
  }
  const cooldown = await deps.kv.get<string>(cooldownKey(locationId));
  if (cooldown && new Date(cooldown) > deps.clock()) {
    facility.summary.skipped = `METRC asked us to wait until ${cooldown} (rate limit).`;
    facility.heldUntil = new Date(cooldown);
    await deferKey(deps.db, METRC_QUEUE, locationId, facility.heldUntil);
    return facility;
  }
  const opened = await metrcClientForLocation(deps, organizationId, locationId, {
    signal: options.signal,
    fetch: pacing(deps, locationId, options, deps.sleep ?? realSleep),
  });
  facility.summary.location = opened.locationName;
  if (!opened.ok) return notConfigured(opened.reason);
  facility.client = opened.client;
  return facility;
}

/**
 * One report, start to end. A thrown error is an attempt that failed (the queue backs off or dead-letters it);
 * an answer with `retryAt` puts it back without counting an attempt (credentials, rate limit, waiting).
 */
async function attemptItem(deps: RunDeps, facility: Facility, item: SyncItem): Promise<HandlerResult> {
  const { organizationId, locationId } = item;
  const { options } = deps.run;
  const summary = facility.summary;
  const later = (ms: number) => new Date(deps.clock().getTime() + ms);
  for (let inlineWaits = 0; ;) {
    const attempt: Attempt = { wrote: false };
    let outcome: Outcome;
    try {
      outcome = await handle(deps, facility.client!, item, attempt);
    } catch (error) {
      // A run stopped during the call: the queue leaves the item in flight, to be looked up when it comes back.
      if (options.signal?.aborted) throw error;
      const ambiguous = item.ambiguous || (attempt.wrote && (!isMetrcError(error) || error.ambiguous));
      if (isMetrcError(error) && error.kind === "auth") {
        deps.log?.warn({ locationId, err: error.message }, "METRC refused the credentials");
        await recordMetrcAuth(deps, organizationId, locationId, error.message);
        await releaseItem(deps, item, later(NOT_CONFIGURED_RECHECK_MS), error.message, ambiguous);
        await holdFacility(deps, facility, item, error.message, NOT_CONFIGURED_RECHECK_MS);
        return { retryAt: facility.heldUntil!, reason: error.message };
      }
      if (isMetrcError(error) && error.kind === "rate_limited") {
        const waitMs = error.retryAfterMs ?? 60_000;
        if (waitMs <= (options.maxInlineWaitMs ?? 5_000) && inlineWaits < 3) {
          inlineWaits++;
          await (deps.sleep ?? realSleep)(waitMs);
          continue;
        }
        await deps.kv.set(cooldownKey(locationId), later(waitMs).toISOString(), {
          ttlSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
        });
        await releaseItem(deps, item, later(waitMs), error.message, ambiguous);
        summary.skipped = error.message;
        facility.heldUntil = later(waitMs);
        await deferKey(deps.db, METRC_QUEUE, locationId, facility.heldUntil);
        return { retryAt: facility.heldUntil, reason: error.message };
      }
      const message = error instanceof Error ? error.message : String(error);
      // Messages are built without keys (see MetrcError); the item id and kind are enough to find it.
      deps.log?.[isMetrcError(error) ? "warn" : "error"](
        { itemId: item.id, kind: item.kind, locationId, ambiguous, err: message },
        "METRC report failed",
      );
      if (ambiguous !== item.ambiguous)
        await deps.db.update(metrcSyncItems).set({ ambiguous }).where(eq(metrcSyncItems.id, item.id));
      if (isMetrcError(error) && !error.retryable) throw new PermanentFailure(message);
      throw error;
    }
    if (!facility.authChecked) {
      facility.authChecked = true;
      await recordMetrcAuth(deps, organizationId, locationId, null);
    }
    return settle(deps, item, outcome, summary);
  }
}

/**
 * Nothing more of the facility goes for `ms`: every waiting item gets the reason (without counting an attempt),
 * and the facility's jobs wait in the queue.
 */
async function holdFacility(
  deps: RunDeps,
  facility: Facility,
  at: Pick<SyncItem, "organizationId" | "locationId">,
  reason: string,
  ms: number,
) {
  const until = new Date(deps.clock().getTime() + ms);
  facility.summary.skipped = reason;
  facility.heldUntil = until;
  await deps.db
    .update(metrcSyncItems)
    .set({ lastError: reason, nextAttemptAt: until })
    .where(
      and(
        eq(metrcSyncItems.organizationId, at.organizationId),
        eq(metrcSyncItems.locationId, at.locationId),
        inArray(metrcSyncItems.status, ["pending", "failed"]),
        lte(metrcSyncItems.nextAttemptAt, until),
      ),
    );
  await deferKey(deps.db, METRC_QUEUE, at.locationId, until);
}

async function settle(
  deps: RunDeps,
  item: SyncItem,
  outcome: Outcome,
  summary: FacilitySyncResult,
): Promise<HandlerResult> {
  switch (outcome.type) {
    case "sent":
      await markSent(deps, item.id, { metrcId: outcome.metrcId, note: outcome.note });
      summary.sent++;
      return;
    case "cancelled":
      await markCancelled(deps, item.id, outcome.note);
      return;
    case "wait": {
      const retryAt = new Date(deps.clock().getTime() + outcome.ms);
      await releaseItem(deps, item, retryAt, outcome.note);
      summary.waiting++;
      return { retryAt, reason: outcome.note };
    }
    case "dead":
      throw new PermanentFailure(outcome.note);
  }
}

/** Spaces calls to one facility across every drain: a one-second KV window of `callsPerSecond`. */
function pacing(
  deps: MetrcDeps,
  locationId: string,
  options: MetrcSyncOptions,
  sleep: (ms: number) => Promise<void>,
) {
  const base = options.fetch ?? deps.metrc.fetch ?? fetch;
  const perSecond = options.callsPerSecond ?? 5;
  if (perSecond <= 0) return base;
  return (async (...args: Parameters<typeof fetch>) => {
    for (let i = 0; i < 20; i++) {
      const slot = await deps.kv.rateLimit(`metrc:calls:${locationId}`, perSecond, 1);
      if (slot.allowed) break;
      await sleep(Math.max(10, slot.resetAt.getTime() - Date.now()));
    }
    return base(...args);
  }) as typeof fetch;
}

/** Seconds since the oldest report that is still waiting for this facility was queued. */
export async function facilityLagSeconds(
  deps: Pick<MetrcDeps, "db" | "clock">,
  organizationId: string,
  locationId: string,
) {
  const [row] = await deps.db
    .select({ oldest: min(metrcSyncItems.createdAt) })
    .from(metrcSyncItems)
    .where(
      and(
        eq(metrcSyncItems.organizationId, organizationId),
        eq(metrcSyncItems.locationId, locationId),
        inArray(metrcSyncItems.status, ["pending", "in_flight", "failed", "dead"]),
      ),
    );
  if (!row?.oldest) return 0;
  return Math.max(0, Math.round((deps.clock().getTime() - new Date(row.oldest).getTime()) / 1000));
}
