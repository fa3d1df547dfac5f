import { and, eq, inArray, lte, min } from "drizzle-orm";
import { metrcSyncItems } from "@cannasaas/db/schema";
import { isMetrcError, type MetrcClient } from "@cannasaas/integrations/metrc";
import { retryDelayMs } from "../outbox/email";
import { hasFeature } from "../plans/features";
import { metrcClientForLocation, recordMetrcAuth } from "./credentials";
import { handle, type Attempt, type Outcome } from "./handlers";
import { realSleep, type MetrcDeps } from "./runtime";
import {
  claimBatch,
  dueWhere,
  unclaim,
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
  /** Items per facility per run (default 200). */
  limit?: number;
  /** Stops the run between items; a call in flight when it fires leaves its item leased (as if the process died). */
  signal?: AbortSignal;
  maxAttempts?: number;
  leaseMs?: number;
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

/**
 * Drains the METRC queue, facility by facility, oldest first. Every failure is recorded on its item: auth and
 * configuration problems leave items waiting (with the reason), 429 waits for Retry-After, 5xx/time-outs/garbled
 * answers back off with jitter and mark the item ambiguous (a receipt is then looked up before it is re-posted),
 * and after `maxAttempts` the item is dead-lettered for a person to retry.
 */
export async function runMetrcSync(
  deps: MetrcDeps,
  options: MetrcSyncOptions = {},
): Promise<MetrcSyncResult> {
  const now = deps.clock();
  if (options.signal?.aborted) {
    return { facilities: [], sent: 0, failed: 0, dead: 0, notConfigured: [], aborted: true };
  }
  const facilities = await deps.db
    .selectDistinct({ organizationId: metrcSyncItems.organizationId, locationId: metrcSyncItems.locationId })
    .from(metrcSyncItems)
    .where(
      and(
        dueWhere(now),
        options.organizationId ? eq(metrcSyncItems.organizationId, options.organizationId) : undefined,
        options.locationId ? eq(metrcSyncItems.locationId, options.locationId) : undefined,
      ),
    );
  const result: MetrcSyncResult = {
    facilities: [],
    sent: 0,
    failed: 0,
    dead: 0,
    notConfigured: [],
    aborted: false,
  };
  for (const facility of facilities) {
    if (options.signal?.aborted) {
      result.aborted = true;
      break;
    }
    const outcome = await syncFacility(deps, facility.organizationId, facility.locationId, options);
    result.facilities.push(outcome.summary);
    result.sent += outcome.summary.sent;
    result.failed += outcome.summary.failed;
    result.dead += outcome.summary.dead;
    if (outcome.notConfigured) result.notConfigured.push(outcome.summary.skipped!);
    if (outcome.aborted) {
      result.aborted = true;
      break;
    }
  }
  if (result.notConfigured.length)
    deps.log?.warn({ notConfigured: result.notConfigured }, "METRC sync skipped facilities");
  return result;
}

async function syncFacility(
  deps: MetrcDeps,
  organizationId: string,
  locationId: string,
  options: MetrcSyncOptions,
) {
  const sleep = deps.sleep ?? realSleep;
  const random = deps.random ?? Math.random;
  const summary: FacilitySyncResult = {
    organizationId,
    locationId,
    location: "",
    sent: 0,
    failed: 0,
    dead: 0,
    waiting: 0,
    skipped: null,
    lagSeconds: 0,
  };
  const holdAll = async (reason: string, until: Date) => {
    summary.skipped = reason;
    await holdFacility(deps, { organizationId, locationId }, reason, until);
  };
  const finish = async (extra: { notConfigured?: boolean; aborted?: boolean } = {}) => {
    summary.lagSeconds = await facilityLagSeconds(deps, organizationId, locationId);
    return { summary, ...extra };
  };

  if (!(await hasFeature(deps, organizationId, "metrc_integration"))) {
    await holdAll(
      "METRC integration is not on this organization's plan; reports wait until it is.",
      new Date(deps.clock().getTime() + NOT_CONFIGURED_RECHECK_MS),
    );
    return finish({ notConfigured: true });
  }
  const cooldown = await deps.kv.get<string>(cooldownKey(locationId));
  if (cooldown && new Date(cooldown) > deps.clock()) {
    summary.skipped = `METRC asked us to wait until ${cooldown} (rate limit).`;
    return finish();
  }
  const pacedFetch = pacing(deps, locationId, options, sleep);
  const facility = await metrcClientForLocation(deps, organizationId, locationId, {
    signal: options.signal,
    fetch: pacedFetch,
  });
  summary.location = facility.locationName;
  if (!facility.ok) {
    await holdAll(facility.reason, new Date(deps.clock().getTime() + NOT_CONFIGURED_RECHECK_MS));
    return finish({ notConfigured: true });
  }

  const batchSize = 10;
  const leaseMs = (options.leaseMs ?? 2 * 60_000) + batchSize * 2 * (deps.metrc.timeoutMs ?? 15_000);
  const limit = options.limit ?? 200;
  let processed = 0;
  let authChecked = false;
  while (processed < limit) {
    const batch = await claimBatch(
      deps,
      { organizationId, locationId },
      Math.min(batchSize, limit - processed),
      leaseMs,
    );
    if (batch.length === 0) break;
    for (const [index, item] of batch.entries()) {
      processed++;
      const rest = () => batch.slice(index + 1);
      if (options.signal?.aborted) {
        await unclaim(deps, [item, ...rest()]);
        return finish({ aborted: true });
      }
      const step = await attemptItem(deps, facility.client, item, options, sleep, random, summary);
      if (step === "killed") {
        await unclaim(deps, rest());
        return finish({ aborted: true });
      }
      if (step === "stop") {
        await unclaim(deps, rest());
        return finish();
      }
      if (!authChecked && step === "ok") {
        authChecked = true;
        await recordMetrcAuth(deps, organizationId, locationId, null);
      }
    }
  }
  return finish();
}

/**
 * One item, start to end. "killed": the run was stopped during the call, so the item stays leased (its lease
 * expires and the next run treats it as ambiguous, as if the process had died). "stop": the facility's turn is
 * over (credentials refused, rate limited).
 */
async function attemptItem(
  deps: MetrcDeps,
  client: MetrcClient,
  item: SyncItem,
  options: MetrcSyncOptions,
  sleep: (ms: number) => Promise<void>,
  random: () => number,
  summary: FacilitySyncResult,
): Promise<"ok" | "failed" | "stop" | "killed"> {
  const { organizationId, locationId } = item;
  const maxAttempts = options.maxAttempts ?? METRC_MAX_ATTEMPTS;
  for (let inlineWaits = 0; ;) {
    const attempt: Attempt = { wrote: false };
    let outcome: Outcome;
    try {
      outcome = await handle(deps, client, item, attempt);
    } catch (error) {
      if (options.signal?.aborted) return "killed";
      const ambiguous = item.ambiguous || (attempt.wrote && (!isMetrcError(error) || error.ambiguous));
      const later = (ms: number) => new Date(deps.clock().getTime() + ms);
      if (isMetrcError(error) && error.kind === "auth") {
        deps.log?.warn({ locationId, err: error.message }, "METRC refused the credentials");
        await recordMetrcAuth(deps, organizationId, locationId, error.message);
        await releaseItem(deps, item, later(NOT_CONFIGURED_RECHECK_MS), error.message, ambiguous);
        await holdFacility(deps, item, error.message, later(NOT_CONFIGURED_RECHECK_MS));
        summary.skipped = error.message;
        return "stop";
      }
      if (isMetrcError(error) && error.kind === "rate_limited") {
        const waitMs = error.retryAfterMs ?? 60_000;
        if (waitMs <= (options.maxInlineWaitMs ?? 5_000) && inlineWaits < 3) {
          inlineWaits++;
          await sleep(waitMs);
          continue;
        }
        await deps.kv.set(cooldownKey(locationId), later(waitMs).toISOString(), {
          ttlSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
        });
        await releaseItem(deps, item, later(waitMs), error.message, ambiguous);
        summary.skipped = error.message;
        return "stop";
      }
      const retryable = !isMetrcError(error) || error.retryable;
      const attempts = item.attempts + 1;
      const dead = !retryable || attempts >= maxAttempts;
      const message = error instanceof Error ? error.message : String(error);
      // Messages are built without keys (see MetrcError); the item id and kind are enough to find it.
      deps.log?.[isMetrcError(error) ? "warn" : "error"](
        { itemId: item.id, kind: item.kind, locationId, attempts, dead, ambiguous, err: message },
        "METRC report failed",
      );
      await recordFailure(deps, item, {
        message: dead && retryable ? `${message} (gave up after ${attempts} attempts)` : message,
        ambiguous,
        dead,
        nextAttemptAt: later(retryDelayMs(attempts, random)),
      });
      if (dead) summary.dead++;
      else summary.failed++;
      return "failed";
    }
    await settle(deps, item, outcome, summary);
    return "ok";
  }
}

/** Every waiting item of the facility gets the reason it cannot go (without counting an attempt). */
async function holdFacility(
  deps: MetrcDeps,
  facility: Pick<SyncItem, "organizationId" | "locationId">,
  reason: string,
  until: Date,
) {
  await deps.db
    .update(metrcSyncItems)
    .set({ lastError: reason, nextAttemptAt: until })
    .where(
      and(
        eq(metrcSyncItems.organizationId, facility.organizationId),
        eq(metrcSyncItems.locationId, facility.locationId),
        inArray(metrcSyncItems.status, ["pending", "failed"]),
        lte(metrcSyncItems.nextAttemptAt, until),
      ),
    );
}

async function settle(deps: MetrcDeps, item: SyncItem, outcome: Outcome, summary: FacilitySyncResult) {
  switch (outcome.type) {
    case "sent":
      await markSent(deps, item.id, { metrcId: outcome.metrcId, note: outcome.note });
      summary.sent++;
      return;
    case "cancelled":
      await markCancelled(deps, item.id, outcome.note);
      return;
    case "wait":
      await releaseItem(deps, item, new Date(deps.clock().getTime() + outcome.ms), outcome.note);
      summary.waiting++;
      return;
    case "dead":
      await recordFailure(deps, item, {
        message: outcome.note,
        ambiguous: item.ambiguous,
        dead: true,
        nextAttemptAt: deps.clock(),
      });
      summary.dead++;
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
