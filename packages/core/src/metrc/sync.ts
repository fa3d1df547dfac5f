import { and, asc, eq, inArray, min } from "drizzle-orm";
import { metrcSyncItems } from "@cannasaas/db/schema";
import { isMetrcError } from "@cannasaas/integrations/metrc";
import { retryDelayMs } from "../outbox/email";
import { hasFeature } from "../plans/features";
import { metrcClientForLocation, recordMetrcAuth } from "./credentials";
import { handle, type Attempt, type Outcome } from "./handlers";
import { realSleep, type MetrcDeps } from "./runtime";
import {
  claimItem,
  dueWhere,
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
  const maxAttempts = options.maxAttempts ?? METRC_MAX_ATTEMPTS;
  const leaseMs = options.leaseMs ?? 2 * 60_000;
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
  const due = and(
    eq(metrcSyncItems.organizationId, organizationId),
    eq(metrcSyncItems.locationId, locationId),
    dueWhere(deps.clock()),
  );
  const holdAll = async (reason: string, until: Date) => {
    summary.skipped = reason;
    await deps.db
      .update(metrcSyncItems)
      .set({ lastError: reason, nextAttemptAt: until })
      .where(and(due, inArray(metrcSyncItems.status, ["pending", "failed"])));
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

  const candidates = await deps.db
    .select({ id: metrcSyncItems.id })
    .from(metrcSyncItems)
    .where(due)
    .orderBy(asc(metrcSyncItems.createdAt), asc(metrcSyncItems.id))
    .limit(options.limit ?? 200);

  let authChecked = false;
  for (const { id } of candidates) {
    if (options.signal?.aborted) return finish({ aborted: true });
    const item = await claimItem(deps, id, leaseMs);
    if (!item) continue; // another drain has it, or it was withdrawn
    let inlineWaits = 0;
    for (;;) {
      const attempt: Attempt = { wrote: false };
      let outcome: Outcome;
      try {
        outcome = await handle(deps, facility.client, item, attempt);
      } catch (error) {
        // A run that is being stopped leaves the item leased: its lease expires and the next run treats it as
        // ambiguous, exactly as if the process had died mid-call.
        if (options.signal?.aborted) return finish({ aborted: true });
        const ambiguous = item.ambiguous || (attempt.wrote && (!isMetrcError(error) || error.ambiguous));
        if (isMetrcError(error) && error.kind === "auth") {
          await recordMetrcAuth(deps, organizationId, locationId, error.message);
          await releaseItem(
            deps,
            item,
            new Date(deps.clock().getTime() + NOT_CONFIGURED_RECHECK_MS),
            error.message,
            ambiguous,
          );
          await holdAll(error.message, new Date(deps.clock().getTime() + NOT_CONFIGURED_RECHECK_MS));
          return finish();
        }
        if (isMetrcError(error) && error.kind === "rate_limited") {
          const waitMs = error.retryAfterMs ?? 60_000;
          if (waitMs <= (options.maxInlineWaitMs ?? 5_000) && inlineWaits < 3) {
            inlineWaits++;
            await sleep(waitMs);
            continue;
          }
          const until = new Date(deps.clock().getTime() + waitMs);
          await deps.kv.set(cooldownKey(locationId), until.toISOString(), {
            ttlSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
          });
          await releaseItem(deps, item, until, error.message, ambiguous);
          summary.skipped = error.message;
          return finish();
        }
        const retryable = !isMetrcError(error) || error.retryable;
        const attempts = item.attempts + 1;
        const dead = !retryable || attempts >= maxAttempts;
        const message = error instanceof Error ? error.message : String(error);
        if (!isMetrcError(error))
          deps.log?.error({ itemId: item.id, err: message }, "METRC sync item failed");
        await recordFailure(deps, item, {
          message: dead && retryable ? `${message} (gave up after ${attempts} attempts)` : message,
          ambiguous,
          dead,
          nextAttemptAt: new Date(deps.clock().getTime() + retryDelayMs(attempts, random)),
        });
        if (dead) summary.dead++;
        else summary.failed++;
        break;
      }
      if (!authChecked) {
        authChecked = true;
        await recordMetrcAuth(deps, organizationId, locationId, null);
      }
      await settle(deps, item, outcome, summary);
      break;
    }
  }
  return finish();
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
