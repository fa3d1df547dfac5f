/**
 * The RBAC matrix, enforced: every staff procedure in `appRouter` (found by walking the router, so procedures
 * added later are covered without touching this file) is called as every staff role. A role the product's
 * rules deny (the table in @cannasaas/auth/testing, written independently of rbac.ts)
 * must be refused with FORBIDDEN by the permission check itself; a role it allows must get past that check
 * (the call may still fail later, e.g. on the empty input, but never with the role refusal).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  createFixtureTenant,
  createTestKv,
  FIXTURE_ROLES,
  type FixtureTenant,
} from "@cannasaas/core/testing";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import { can, PERMISSIONS, type AuthDeps } from "@cannasaas/auth";
import { expectedCan } from "@cannasaas/auth/testing";
import { appRouter, createCaller, createTrpcContext } from "../src";
import type { ProcedureMeta } from "../src/trpc";

type AnyProcedure = { _def: { meta?: ProcedureMeta; type: "query" | "mutation" | "subscription" } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);
const staffProcedures = procedures.filter(([, p]) => p._def.meta?.permission);

let handle: DatabaseHandle;
let kvHandle: Awaited<ReturnType<typeof createTestKv>>;
let deps: AuthDeps;
let A: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  kvHandle = await createTestKv();
  deps = { db: handle.db, kv: kvHandle.kv, clock: () => new Date(), mail: createDevMailboxTransport() };
  A = await createFixtureTenant(handle.db, { tag: "rbac-a", passwordHash: "x" });
});
afterAll(async () => {
  await kvHandle?.close();
  await handle?.close();
});

async function callAs(role: (typeof FIXTURE_ROLES)[number], path: string) {
  const ctx = await createTrpcContext({
    deps,
    headers: new Headers({ host: "localhost:3000", "x-forwarded-for": "192.0.2.77" }),
    clientAddressSettings: { trustedProxyHops: 1, clientIpHeader: null },
    rootDomain: "localhost:3000",
    user: { id: A.staff[role].id, email: A.staff[role].email },
    activeOrganizationId: A.org.id,
  });
  const fn = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], createCaller(ctx)) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    await fn(undefined);
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
}

/** The refusals the staff tiers themselves give; any other error comes from later (input, domain rules). */
const isRoleRefusal = (error: TRPCError | null, role: string) =>
  error?.code === "FORBIDDEN" &&
  (error.message.startsWith(`Your role (${role}) does not allow this`) ||
    error.message === "Only the owner can do this.");

describe("RBAC over every procedure", () => {
  it("finds the staff procedures by their permission meta, each naming a real permission", () => {
    expect(staffProcedures.length).toBeGreaterThanOrEqual(20);
    for (const [path, p] of staffProcedures) {
      expect(Object.keys(PERMISSIONS), path).toContain(p._def.meta!.permission);
    }
    // The ones this suite must never lose sight of.
    const paths = staffProcedures.map(([path]) => path);
    for (const path of [
      "organization.updateProfile",
      "team.invite",
      "team.changeRole",
      "onboarding.launch",
    ]) {
      expect(paths).toContain(path);
    }
  });

  for (const [path, procedure] of staffProcedures) {
    const { permission, ownerOnly } = procedure._def.meta!;
    describe(`${path} (${permission}${ownerOnly ? ", owner only" : ""})`, () => {
      for (const role of FIXTURE_ROLES) {
        // Expected from the product's rules (auth's testing table), not from rbac.ts, which is under test here.
        const allowed = expectedCan(role, permission!) && (!ownerOnly || role === "owner");
        it(`${role}: ${allowed ? "allowed" : "FORBIDDEN"}`, async () => {
          const error = await callAs(role, path);
          if (allowed) {
            expect(isRoleRefusal(error, role), error?.message).toBe(false);
          } else {
            expect(error?.code).toBe("FORBIDDEN");
            expect(isRoleRefusal(error, role), error?.message).toBe(true);
          }
        });
      }
    });
  }

  // Shopper procedures carry no permission: staff on the dashboard host reach none of them, whatever the role.
  for (const path of [
    "shopperAccount.push.status",
    "shopperAccount.push.subscribe",
    "shopperAccount.push.unsubscribe",
    "shopperAccount.push.setMarketingConsent",
  ]) {
    it(`${path} is a shopper's own, refused to every staff role on the dashboard`, async () => {
      expect(staffProcedures.map(([p]) => p)).not.toContain(path);
      for (const role of FIXTURE_ROLES) expect((await callAs(role, path))?.code, role).toBe("NOT_FOUND");
    });
  }

  it("matches the table for the rules people ask about", () => {
    expect(can("budtender", "prices.write")).toBe(false);
    expect(can("budtender", "team.manage")).toBe(false);
    expect(can("driver", "orders.read")).toBe(false);
    expect(can("driver", "deliveries.own")).toBe(true);
    expect(can("admin", "billing.manage")).toBe(false);
  });
});
