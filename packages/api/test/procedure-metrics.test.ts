/** Every tRPC call is counted and timed per procedure, with its outcome, for /api/metrics. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createTestKv } from "@cannasaas/core/testing";
import { DomainError } from "@cannasaas/core";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import { metrics, renderMetrics } from "@cannasaas/integrations/observability";
import type { AuthDeps } from "@cannasaas/auth";
import { createTrpcContext } from "../src";
import { createCallerFactory, createTRPCRouter, publicProcedure } from "../src/trpc";

const router = createTRPCRouter({
  probe: createTRPCRouter({
    ok: publicProcedure.query(() => "fine"),
    refused: publicProcedure.query(() => {
      throw new DomainError("NOT_FOUND", "nothing here");
    }),
  }),
});

let handle: DatabaseHandle;
let kvHandle: Awaited<ReturnType<typeof createTestKv>>;
let deps: AuthDeps;

beforeAll(async () => {
  handle = await createTestDatabase();
  kvHandle = await createTestKv();
  deps = { db: handle.db, kv: kvHandle.kv, clock: () => new Date(), mail: createDevMailboxTransport() };
});
afterAll(async () => {
  await kvHandle?.close();
  await handle?.close();
});

const callsOf = async (procedure: string, outcome: string) =>
  (await metrics().procedureCalls.get()).values.find(
    (v) => v.labels.procedure === procedure && v.labels.outcome === outcome,
  )?.value ?? 0;

describe("procedure metrics", () => {
  it("counts calls per procedure by outcome and times each one", async () => {
    const ctx = await createTrpcContext({
      deps,
      headers: new Headers({ host: "localhost:3000" }),
      rootDomain: "localhost:3000",
      user: null,
      activeOrganizationId: null,
    });
    const caller = createCallerFactory(router)(ctx);
    await caller.probe.ok();
    await caller.probe.ok();
    await expect(caller.probe.refused()).rejects.toThrow("nothing here");

    expect(await callsOf("probe.ok", "ok")).toBe(2);
    expect(await callsOf("probe.refused", "NOT_FOUND")).toBe(1);
    const text = (await renderMetrics()).body;
    expect(text).toMatch(/cannasaas_trpc_call_duration_seconds_count\{procedure="probe.ok",type="query"\} 2/);
  });
});
