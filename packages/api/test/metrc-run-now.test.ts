/**
 * "Sync now" and "Reconcile now" do the METRC jobs' work for one organization with no request transaction open:
 * every queue claim and every report METRC accepted is committed as the drain makes it, so another session
 * (the scheduled run) sees it at once and nothing METRC took is undone by a failure later in the request. The
 * work reaches no other organization's rows, and the call is still audited.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  auditEvents,
  metrcReconciliations,
  metrcSyncItems,
  organizations,
  queueJobs,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  createSecretBox,
  enqueue,
  invalidatePlanCache,
  metrcQueue,
  runMetrcSync,
  setMetrcCredentials,
  type MetrcRuntime,
} from "@cannasaas/core";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import { startMetrcMock, type MetrcMock } from "@cannasaas/integrations/testing";
import type { AuthDeps } from "@cannasaas/auth";
import { createCaller, createTrpcContext } from "../src";
import { createCallerFactory, createTRPCRouter, staffRunningJob } from "../src/trpc";
import { codeOf, observerOf } from "./helpers";

const ROOT = "localhost:3000";
const VENDOR_KEY = "vendor-key-run-now-01";
const USER_KEY = "user-key-run-now-0001wxyz";
const LICENSE = { a: "LIC-RUN-NOW-A", a2: "LIC-RUN-NOW-A2", b: "LIC-RUN-NOW-B" };
const LABEL = { a: "1A4FF0RUNNOWA00000000001", b: "1A4FF0RUNNOWB00000000001" };

let handle: DatabaseHandle;
let closeKv: () => Promise<void>;
let deps: AuthDeps;
let mock: MetrcMock;
let A: FixtureTenant;
let B: FixtureTenant;
/** Not the pool: a session of its own, from which the probe looks at what the pool's sessions committed. */
let observer: DatabaseHandle | null = null;

/** What the database showed another session at each METRC call. */
type Seen = { call: string; open: number | "blocked"; sentOfA: number | "blocked" };
const seen: Seen[] = [];

/**
 * Sessions of the pool holding a transaction open while a METRC call waits, as in calls-out.test.ts ("blocked"
 * on PGlite's one session). Another drain worker's claim may be under way at that moment; it ends on its own,
 * so a transaction still open after a second is one held across the call.
 */
async function openTransactions(): Promise<number | "blocked"> {
  if (observer) {
    const open = async () => {
      const [row] = await observer!.db.execute(sql`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()
          and backend_type = 'client backend' and xact_start is not null`);
      return (row as { n: number }).n;
    };
    let n = await open();
    for (let waited = 0; n > 0 && waited < 1_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      n = await open();
    }
    return n;
  }
  const answered = handle.db.execute(sql`select 1`).then(() => 0 as const);
  return Promise.race([answered, new Promise<"blocked">((r) => setTimeout(() => r("blocked"), 2_000))]);
}

/** A's reports in "sent" as another session sees them (committed only). */
async function committedSentOfA(): Promise<number | "blocked"> {
  const query = (db: DatabaseHandle["db"]) =>
    db
      .select({ n: count() })
      .from(metrcSyncItems)
      .where(and(eq(metrcSyncItems.organizationId, A.org.id), eq(metrcSyncItems.status, "sent")))
      .then(([row]) => row!.n);
  if (observer) return query(observer.db);
  return Promise.race([
    query(handle.db),
    new Promise<"blocked">((r) => setTimeout(() => r("blocked"), 2_000)),
  ]);
}

/** METRC's transport, looking at the database from outside before each call goes out. */
const probe: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  seen.push({
    call: `${init?.method ?? "GET"} ${url.pathname}`,
    open: await openTransactions(),
    sentOfA: await committedSentOfA(),
  });
  return fetch(input, init);
};

let metrc: MetrcRuntime;

/**
 * A METRC that takes each request (a receipt is applied) but answers only once the caller has given up on the
 * call: slower than any budget. Were no budget applied, the client's own time-out would end the call instead,
 * as a METRC failure, and the run would not say it was stopped.
 */
const answersLate: typeof fetch = async (input, init) => {
  const signal = init?.signal ?? undefined;
  await (await fetch(input, { ...init, signal: undefined })).arrayBuffer();
  await new Promise<void>((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
  throw signal?.reason ?? new DOMException("The operation was aborted.", "AbortError");
};
/** Long enough for a run to reach its first METRC call; METRC (answersLate) is slower still. */
const TINY_BUDGET_MS = 300;
const slowMetrc = () => ({ metrc: { ...metrc, fetch: answersLate, manualRunBudgetMs: TINY_BUDGET_MS } });

beforeAll(async () => {
  handle = await createTestDatabase();
  observer = await observerOf(handle);
  const kv = await createTestKv();
  closeKv = () => kv.close();
  mock = await startMetrcMock({
    vendorKey: VENDOR_KEY,
    users: { [USER_KEY]: [LICENSE.a, LICENSE.a2, LICENSE.b] },
    packages: {
      [LICENSE.a]: [{ Label: LABEL.a, Quantity: 100, UnitOfMeasureName: "Each" }],
      [LICENSE.b]: [{ Label: LABEL.b, Quantity: 100, UnitOfMeasureName: "Each" }],
    },
  });
  metrc = {
    vendorKey: VENDOR_KEY,
    box: createSecretBox([{ id: "k1", key: randomBytes(32) }]),
    baseUrlOverride: mock.url,
    // The probe's look at the database runs inside the client's time limit.
    timeoutMs: 10_000,
    fetch: probe,
  };
  deps = {
    db: handle.db,
    kv: kv.kv,
    clock: () => new Date(),
    mail: createDevMailboxTransport(),
    metrc,
  };
  A = await createFixtureTenant(handle.db, { tag: "run-now-a", passwordHash: "x" });
  B = await createFixtureTenant(handle.db, { tag: "run-now-b", passwordHash: "x" });
  await handle.db
    .update(organizations)
    .set({ plan: "enterprise" })
    .where(inArray(organizations.id, [A.org.id, B.org.id]));
  for (const [t, licenseNumber] of [
    [A, LICENSE.a],
    [B, LICENSE.b],
  ] as const) {
    await setMetrcCredentials({ ...deps, metrc }, t.org.id, null, {
      locationId: t.locations[0]!.id,
      userKey: USER_KEY,
      licenseNumber,
    });
  }
});
afterAll(async () => {
  await mock?.close();
  await observer?.close();
  await closeKv?.();
  await handle?.close();
});
beforeEach(() => {
  seen.length = 0;
});

/** The owner's caller; `world` replaces parts of the test's dependencies (METRC's transport, its budget). */
async function ownerOf(t: FixtureTenant, world: Partial<AuthDeps> = {}) {
  const ctx = await createTrpcContext({
    deps: { ...deps, ...world },
    headers: new Headers({ host: ROOT }),
    clientAddressSettings: { trustedProxyHops: 0, clientIpHeader: null },
    rootDomain: ROOT,
    user: { id: t.staff.owner.id, email: t.staff.owner.email },
    activeOrganizationId: t.org.id,
  });
  return { ctx, caller: createCaller(ctx) };
}

let receiptSeq = 0;

/** A sale waiting for METRC at the tenant's first location, queued as a completed order queues it. */
async function queuedReceipt(t: FixtureTenant) {
  const external = `RUN-NOW-${++receiptSeq}`;
  const [item] = await handle.db
    .insert(metrcSyncItems)
    .values({
      organizationId: t.org.id,
      locationId: t.locations[0]!.id,
      kind: "receipt",
      externalNumber: external,
      payload: {
        receipt: {
          SalesDateTime: "2026-05-01T11:00:00",
          SalesCustomerType: "Consumer",
          ExternalReceiptNumber: external,
          Transactions: [
            {
              PackageLabel: t === A ? LABEL.a : LABEL.b,
              Quantity: 1,
              UnitOfMeasure: "Each",
              TotalAmount: 25,
            },
          ],
        },
        missing: [],
      },
    })
    .returning();
  await enqueue(
    handle.db,
    metrcQueue.name,
    { itemId: item!.id },
    { organizationId: t.org.id, key: t.locations[0]!.id, dedupeKey: item!.id },
  );
  return item!;
}

async function stateOf(itemIds: string[]) {
  const items = await handle.db
    .select({ id: metrcSyncItems.id, status: metrcSyncItems.status })
    .from(metrcSyncItems)
    .where(inArray(metrcSyncItems.id, itemIds));
  const jobs = await handle.db
    .select({ state: queueJobs.state, attempts: queueJobs.attempts })
    .from(queueJobs)
    .where(and(eq(queueJobs.queue, metrcQueue.name), inArray(sql`${queueJobs.payload}->>'itemId'`, itemIds)));
  return { items: items.map((i) => i.status), jobs: jobs.map((j) => `${j.state}/${j.attempts}`) };
}

const auditOf = (organizationId: string, action: string) =>
  handle.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, action)));

describe("metrc.syncNow", () => {
  it("commits each report METRC accepts before the next call, holds no transaction across the calls and answers the counts", async () => {
    const mine = [await queuedReceipt(A), await queuedReceipt(A), await queuedReceipt(A)];
    const theirs = [await queuedReceipt(B), await queuedReceipt(B)];
    const { caller } = await ownerOf(A);

    const result = await caller.metrc.syncNow();

    expect(result).toMatchObject({ sent: 3, failed: 0, dead: 0, notConfigured: [], aborted: false });
    expect(result.facilities).toEqual([
      expect.objectContaining({ organizationId: A.org.id, locationId: A.locations[0]!.id, sent: 3 }),
    ]);
    // The n-th report goes out with the n-1 before it already committed as sent, seen from another session.
    const posts = seen.filter((s) => s.call === "POST /sales/v2/receipts");
    expect(posts.map((s) => s.sentOfA)).toEqual([0, 1, 2]);
    expect(seen.every((s) => s.open === 0)).toBe(true);
    expect(await stateOf(mine.map((i) => i.id))).toEqual({
      items: ["sent", "sent", "sent"],
      jobs: ["done/1", "done/1", "done/1"],
    });
    expect(
      mock
        .receipts(LICENSE.a)
        .map((r) => r.ExternalReceiptNumber)
        .sort(),
    ).toEqual(mine.map((i) => i.externalNumber).sort());

    // Another organization's queue is left alone, though its facility is configured and its reports are due.
    expect(await stateOf(theirs.map((i) => i.id))).toEqual({
      items: ["pending", "pending"],
      jobs: ["pending/0", "pending/0"],
    });
    expect(mock.receipts(LICENSE.b)).toEqual([]);

    const [record] = await auditOf(A.org.id, "metrc.syncNow");
    expect(record?.after).toMatchObject({ sent: 3 });
    expect(await auditOf(B.org.id, "metrc.syncNow")).toEqual([]);
  });

  it("keeps what METRC accepted when the request fails after the drain, so nothing is reported twice", async () => {
    const mine = [await queuedReceipt(A), await queuedReceipt(A)];
    const accepted = mock.stats.acceptedReceipts;
    // The last step of the request, its audit record, fails.
    await handle.exec(`
      create function refuse_sync_now_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'metrc.syncNow' then raise exception 'audit trail unavailable'; end if;
        return new;
      end $$;
      create trigger refuse_sync_now_audit before insert on audit_events
        for each row execute function refuse_sync_now_audit();`);
    try {
      const { caller } = await ownerOf(A);
      expect(await codeOf(caller.metrc.syncNow())).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      await handle.exec(`
        drop trigger refuse_sync_now_audit on audit_events;
        drop function refuse_sync_now_audit();`);
    }
    expect(mock.stats.acceptedReceipts).toBe(accepted + 2);
    expect(await stateOf(mine.map((i) => i.id))).toEqual({
      items: ["sent", "sent"],
      jobs: ["done/1", "done/1"],
    });

    // The scheduled run (platform-wide, on the pool) finds nothing of A's left to send.
    const cron = await runMetrcSync({ ...deps, metrc }, { callsPerSecond: 0 });
    expect(cron.facilities.filter((f) => f.organizationId === A.org.id).map((f) => f.sent)).toEqual([]);
    expect(mock.stats.duplicateReceipts).toBe(0);
  });

  it("stops on its budget when METRC is slow, keeps every unsent report queued, and the scheduled sync sends them once", async () => {
    const mine = [await queuedReceipt(A), await queuedReceipt(A), await queuedReceipt(A)];
    const ids = mine.map((i) => i.id);
    const { caller } = await ownerOf(A, slowMetrc());

    const result = await caller.metrc.syncNow();

    // Stopped, not failed: no report is counted against its attempts or dead-lettered.
    expect(result).toMatchObject({ aborted: true, sent: 0, failed: 0, dead: 0 });
    // Nothing lost: each report still waits, the one cut off mid-call in flight (to be looked up before a re-post).
    const stopped = await stateOf(ids);
    expect(stopped.items.filter((s) => s !== "pending" && s !== "in_flight")).toEqual([]);
    expect(stopped.jobs.filter((j) => !j.startsWith("pending/"))).toEqual([]);
    const [record] = (await auditOf(A.org.id, "metrc.syncNow")).filter(
      (r) => (r.after as { aborted?: boolean } | null)?.aborted,
    );
    expect(record?.after).toMatchObject({ aborted: true, sent: 0 });

    // The scheduled sync, once the cut-off report's lease has run out, sends every one of them, none twice.
    const later = new Date(Date.now() + 10 * 60_000);
    const cron = await runMetrcSync(
      { ...deps, metrc: { ...metrc, fetch }, clock: () => later },
      { callsPerSecond: 0 },
    );
    expect(cron.aborted).toBe(false);
    const sent = await stateOf(ids);
    expect(sent.items).toEqual(["sent", "sent", "sent"]);
    expect(sent.jobs.filter((j) => !j.startsWith("done/"))).toEqual([]);
    const external = mine.map((i) => i.externalNumber);
    expect(
      mock
        .receipts(LICENSE.a)
        .map((r) => r.ExternalReceiptNumber)
        .filter((n) => external.includes(n))
        .sort(),
    ).toEqual([...external].sort());
    expect(mock.stats.duplicateReceipts).toBe(0);
  });
});

describe("metrc.reconcileNow", () => {
  it("compares this organization's facilities with no transaction open while METRC answers, and keeps the run", async () => {
    const { caller } = await ownerOf(A);
    const results = await caller.metrc.reconcileNow();

    expect(results).toEqual([
      expect.objectContaining({
        organizationId: A.org.id,
        locationId: A.locations[0]!.id,
        status: "completed",
      }),
    ]);
    // METRC lists A's package, which A holds no lot of.
    expect(results[0]!.discrepancies).toBe(1);
    const calls = seen.filter((s) => s.call === "GET /packages/v2/active");
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((s) => s.open === 0)).toBe(true);

    const runs = await handle.db
      .select({ organizationId: metrcReconciliations.organizationId, status: metrcReconciliations.status })
      .from(metrcReconciliations);
    expect(runs).toEqual([{ organizationId: A.org.id, status: "completed" }]);
    expect(await auditOf(A.org.id, "metrc.reconcileNow")).toHaveLength(1);
  });

  it("stops on its budget when METRC is slow, names the locations it did not compare, and the next run starts with them", async () => {
    const [north, south] = A.locations as [FixtureTenant["locations"][0], FixtureTenant["locations"][0]];
    const answering = { metrc: { ...metrc, fetch } };
    // North has been compared before; south gets its credentials now and never has been.
    await (await ownerOf(A, answering)).caller.metrc.reconcileNow();
    await setMetrcCredentials({ ...deps, metrc }, A.org.id, null, {
      locationId: south.id,
      userKey: USER_KEY,
      licenseNumber: LICENSE.a2,
    });
    const runsOf = (locationId: string) =>
      handle.db
        .select({ status: metrcReconciliations.status, error: metrcReconciliations.error })
        .from(metrcReconciliations)
        .where(eq(metrcReconciliations.locationId, locationId));
    const northRuns = (await runsOf(north.id)).length;

    const first = await (await ownerOf(A, slowMetrc())).caller.metrc.reconcileNow();

    // South was never compared, so it goes first and is cut off; north is not reached. Both are named.
    expect(first.map((r) => [r.location, r.status])).toEqual([
      [south.name, "stopped"],
      [north.name, "stopped"],
    ]);
    expect(first[0]!.message).toMatch(/^Stopped at the time limit/);
    expect(first[0]!.reconciliationId).not.toBeNull();
    expect(first[1]).toMatchObject({ reconciliationId: null, message: "Not reached before the time limit." });
    // South's run is kept with the reason, not as a METRC failure; north got no run.
    expect(await runsOf(south.id)).toEqual([{ status: "failed", error: first[0]!.message }]);
    expect(await runsOf(north.id)).toHaveLength(northRuns);

    // Run again: north, now the least recently compared, goes first.
    const second = await (await ownerOf(A, slowMetrc())).caller.metrc.reconcileNow();
    expect(second.map((r) => [r.location, r.status])).toEqual([
      [north.name, "stopped"],
      [south.name, "stopped"],
    ]);

    // With METRC answering, one run compares both.
    const third = await (await ownerOf(A, answering)).caller.metrc.reconcileNow();
    expect(third.map((r) => [r.location, r.status]).sort()).toEqual(
      [
        [north.name, "completed"],
        [south.name, "completed"],
      ].sort(),
    );
  });

  it("still checks the plan", async () => {
    await handle.db.update(organizations).set({ plan: "professional" }).where(eq(organizations.id, A.org.id));
    try {
      await invalidatePlanCache(deps, A.org.id);
      const { caller } = await ownerOf(A);
      expect(await codeOf(caller.metrc.reconcileNow())).toBe("FORBIDDEN");
      expect(await codeOf(caller.metrc.syncNow())).toBe("FORBIDDEN");
      expect(seen).toEqual([]);
    } finally {
      await handle.db.update(organizations).set({ plan: "enterprise" }).where(eq(organizations.id, A.org.id));
      await invalidatePlanCache(deps, A.org.id);
    }
  });
});

describe("staffRunningJob", () => {
  const router = createTRPCRouter({
    peek: staffRunningJob("compliance.manage").mutation(async ({ ctx }) => {
      // No tenant filter on purpose: row-level security is what must stop it.
      const rows = await ctx.deps.db
        .select({ organizationId: metrcSyncItems.organizationId })
        .from(metrcSyncItems);
      const write = await ctx.deps.db
        .insert(metrcSyncItems)
        .values({
          organizationId: B.org.id,
          locationId: B.locations[0]!.id,
          kind: "adjustment",
          externalNumber: crypto.randomUUID(),
          payload: {},
        })
        .then(
          () => "written",
          (error: Error) => String(error.cause),
        );
      return { organizations: [...new Set(rows.map((r) => r.organizationId))], write };
    }),
  });

  it("hands the work a database that shows and takes this organization's rows only", async () => {
    const { ctx } = await ownerOf(A);
    const answer = await createCallerFactory(router)(ctx).peek();
    expect(answer.organizations).toEqual([A.org.id]);
    expect(answer.write).toMatch(/row-level security/);
    expect(await auditOf(A.org.id, "peek")).toHaveLength(1);
  });
});
