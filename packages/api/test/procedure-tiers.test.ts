/**
 * The procedure tiers themselves, on a router built for the test: the dashboard's permission checks must be the
 * RBAC table (every role x every permission), the owner tier must admit owners only, and domain errors must keep
 * their codes.
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
import { DomainError, type DomainErrorCode } from "@cannasaas/core";
import { createLogger } from "@cannasaas/integrations/logger";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import { can, PERMISSIONS, type AuthDeps, type Permission } from "@cannasaas/auth";
import { createTrpcContext, type SessionUser } from "../src";
import {
  authedProcedure,
  createCallerFactory,
  createTRPCRouter,
  ownerProcedure,
  publicProcedure,
  shopperProcedure,
  staffProcedure,
  tenantProcedure,
} from "../src/trpc";
import { codeOf, trpcError } from "./helpers";

const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];
const DOMAIN_CODES: DomainErrorCode[] = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "TOO_MANY_REQUESTS",
  "PRECONDITION_FAILED",
];

const staffQuery = (p: Permission) =>
  staffProcedure(p).query(({ ctx }) => ({ organizationId: ctx.organizationId, role: ctx.role }));

const router = createTRPCRouter({
  permission: createTRPCRouter(
    Object.fromEntries(ALL_PERMISSIONS.map((p) => [p, staffQuery(p)])) as Record<
      Permission,
      ReturnType<typeof staffQuery>
    >,
  ),
  owner: ownerProcedure.query(({ ctx }) => ctx.organizationId),
  authed: authedProcedure.query(({ ctx }) => ctx.user.id),
  tenant: tenantProcedure.query(({ ctx }) => ctx.tenant.slug),
  shopper: shopperProcedure.query(({ ctx }) => ctx.customerId),
  fail: publicProcedure
    .input((raw: unknown) => raw as { code: DomainErrorCode | "crash" })
    .query(({ input }) => {
      if (input.code === "crash") throw new Error("database password is hunter2");
      throw new DomainError(input.code, `domain says ${input.code}`, { why: input.code });
    }),
});
const createCaller = createCallerFactory(router);

let handle: DatabaseHandle;
let kvHandle: Awaited<ReturnType<typeof createTestKv>>;
let deps: AuthDeps;
let A: FixtureTenant;
let B: FixtureTenant;
const logLines: string[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  kvHandle = await createTestKv();
  deps = {
    db: handle.db,
    kv: kvHandle.kv,
    clock: () => new Date(),
    mail: createDevMailboxTransport(),
    log: createLogger({ level: "info", destination: { write: (line: string) => logLines.push(line) } }),
  };
  A = await createFixtureTenant(handle.db, { tag: "tier-a", passwordHash: "x" });
  B = await createFixtureTenant(handle.db, { tag: "tier-b", passwordHash: "x" });
});
afterAll(async () => {
  await kvHandle?.close();
  await handle?.close();
});

async function call(host: string, user: SessionUser | null, org: string | null = null) {
  const ctx = await createTrpcContext({
    deps,
    headers: new Headers({ host, "x-request-id": "req-tiers" }),
    rootDomain: "localhost:3000",
    user,
    activeOrganizationId: org,
  });
  return createCaller(ctx);
}

describe("staffProcedure(permission)", () => {
  const rows = FIXTURE_ROLES.flatMap((role) => ALL_PERMISSIONS.map((p) => [role, p, can(role, p)] as const));
  it.each(rows)(
    "%s / %s: allowed = %s, exactly as the RBAC table says",
    async (role, permission, allowed) => {
      const caller = await call("localhost:3000", { id: A.staff[role].id }, A.org.id);
      const result = caller.permission[permission]();
      if (allowed) {
        await expect(result).resolves.toEqual({ organizationId: A.org.id, role });
      } else {
        const error = await trpcError(result);
        expect(error.code).toBe("FORBIDDEN");
        expect(error.message).toBe(`Your role (${role}) does not allow this. Ask an owner or admin.`);
      }
    },
  );

  it("never grants a permission in another organization, whatever the role", async () => {
    for (const role of FIXTURE_ROLES) {
      const caller = await call("localhost:3000", { id: A.staff[role].id }, B.org.id);
      expect(await codeOf(caller.permission["organization.read"]())).toBe("FORBIDDEN");
    }
  });
});

describe("ownerProcedure", () => {
  it.each(FIXTURE_ROLES)("%s", async (role) => {
    const caller = await call("localhost:3000", { id: A.staff[role].id }, A.org.id);
    if (role === "owner") await expect(caller.owner()).resolves.toBe(A.org.id);
    else expect(await codeOf(caller.owner())).toBe("FORBIDDEN");
  });

  it("refuses B's owner acting on A, and any owner off the platform host", async () => {
    expect(await codeOf((await call("localhost:3000", { id: B.staff.owner.id }, A.org.id)).owner())).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf((await call("tier-a.localhost:3000", { id: A.staff.owner.id }, A.org.id)).owner()),
    ).toBe("FORBIDDEN");
    expect(await codeOf((await call("localhost:3000", null, A.org.id)).owner())).toBe("UNAUTHORIZED");
  });
});

describe("tiers in order", () => {
  it("authed needs a user on any host; tenant needs a launched host; shopper needs both", async () => {
    expect(await codeOf((await call("localhost:3000", null)).authed())).toBe("UNAUTHORIZED");
    await expect((await call("tier-a.localhost:3000", { id: "u1" })).authed()).resolves.toBe("u1");
    expect(await codeOf((await call("localhost:3000", null)).tenant())).toBe("NOT_FOUND");
    await expect((await call("tier-b.localhost:3000", null)).tenant()).resolves.toBe("tier-b");
    // The host is checked before the session: off a storefront a signed-out caller gets NOT_FOUND, not UNAUTHORIZED.
    expect(await codeOf((await call("nobody.localhost:3000", null)).shopper())).toBe("NOT_FOUND");
    expect(await codeOf((await call("tier-a.localhost:3000", null)).shopper())).toBe("UNAUTHORIZED");
    await expect((await call("tier-a.localhost:3000", { id: A.shopper.userId })).shopper()).resolves.toBe(
      A.shopper.customerId,
    );
  });
});

describe("error mapping", () => {
  it.each(DOMAIN_CODES)("a DomainError %s keeps its code, message and cause", async (code) => {
    const error = await trpcError((await call("localhost:3000", null)).fail({ code }));
    expect(error).toBeInstanceOf(TRPCError);
    expect(error.code).toBe(code);
    expect(error.message).toBe(`domain says ${code}`);
    expect(error.cause).toBeInstanceOf(DomainError);
  });

  it("an unexpected error is INTERNAL_SERVER_ERROR and is logged with the request id and path", async () => {
    const before = logLines.length;
    const error = await trpcError((await call("localhost:3000", null)).fail({ code: "crash" }));
    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    const logged = logLines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({ requestId: "req-tiers", path: "fail", msg: "procedure failed", level: 50 }),
    ]);
  });

  it("does not log expected (domain) errors", async () => {
    const before = logLines.length;
    await trpcError((await call("localhost:3000", null)).fail({ code: "CONFLICT" }));
    expect(logLines.length).toBe(before);
  });
});
