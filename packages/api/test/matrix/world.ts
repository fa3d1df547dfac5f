/** The shared world of the cross-tenant matrix: tenants A and B (launched), C (not launched), and callers. */
import { expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  customers,
  memberships,
  organizations,
  products,
  productVariants,
  users,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  createFixtureTenant,
  createTestKv,
  type FIXTURE_ROLES,
  type FixtureTenant,
} from "@cannasaas/core/testing";
import type {} from "@cannasaas/integrations/kv";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import { hashPassword, type AuthDeps } from "@cannasaas/auth";
import { createCaller, createTrpcContext, type SessionUser } from "../../src";
import { codeOf } from "../helpers";

export const ROOT = "localhost:3000";
export const PASSWORD = "matrix-password-1";

export const HOST = {
  a: "mx-a.localhost:3000",
  b: "mx-b.localhost:3000",
  /** Tenant C exists but has not launched its storefront. */
  c: "mx-c.localhost:3000",
  unknown: "nobody-here.localhost:3000",
  reserved: "api.localhost:3000",
  platform: "localhost:3000",
  nested: "x.mx-a.localhost:3000",
  unknownCustomDomain: "shop.example.com",
} as const;

/** Hosts that must never serve a storefront. */
export const NO_STOREFRONT = [
  HOST.c,
  HOST.unknown,
  HOST.reserved,
  HOST.platform,
  HOST.nested,
  HOST.unknownCustomDomain,
];
/** Hosts on which the dashboard must refuse to work. */
export const NOT_DASHBOARD = [HOST.a, HOST.b, HOST.c, HOST.unknown, HOST.reserved];

export let handle: DatabaseHandle;
export let kvHandle: Awaited<ReturnType<typeof createTestKv>>;
export let deps: AuthDeps;
export let A: FixtureTenant;
export let B: FixtureTenant;
export let C: FixtureTenant;
/** Staff at two organizations: viewer at A, admin at C. */
export let multi: SessionUser;
/** Outbox ids handed to `deliverOutbox`, i.e. what would be sent after commit. */
export const delivered: string[] = [];

export async function setupWorld() {
  handle = await createTestDatabase();
  kvHandle = await createTestKv();
  deps = {
    db: handle.db,
    kv: kvHandle.kv,
    clock: () => new Date(),
    mail: createDevMailboxTransport(),
    allowInsecureWebhookUrls: true,
  };
  const passwordHash = await hashPassword(PASSWORD);
  A = await createFixtureTenant(handle.db, { tag: "mx-a", passwordHash });
  B = await createFixtureTenant(handle.db, { tag: "mx-b", passwordHash });
  C = await createFixtureTenant(handle.db, { tag: "mx-c", passwordHash, launched: false });
  // The matrix places many orders as one shopper; the per-shopper caps are tested on their own.
  await handle.db
    .update(organizations)
    .set({
      compliance: sql`${organizations.compliance} || '{"openOrdersPerShopper": 1000, "reservedUnitsPerShopper": 100000}'::jsonb`,
    })
    .where(inArray(organizations.id, [A.org.id, B.org.id]));
  const [user] = await handle.db
    .insert(users)
    .values({ email: "multi@mx.test", name: "Multi Org", passwordHash, emailVerified: new Date() })
    .returning({ id: users.id, email: users.email });
  await handle.db.insert(memberships).values([
    { organizationId: A.org.id, userId: user!.id, role: "viewer" },
    { organizationId: C.org.id, userId: user!.id, role: "admin" },
  ]);
  multi = user!;
}

export async function teardownWorld() {
  await kvHandle?.close();
  await handle?.close();
}

let ipCounter = 0;
/** A fresh client address per call, so per-IP rate limits never couple unrelated tests. */
export const nextIp = () => `192.0.2.${(++ipCounter % 250) + 1}`;
export type As = { user?: SessionUser | null; org?: string | null; ip?: string; cartToken?: string };

/** A server-side caller with the context a request to `host` would get. */
export async function api(host: string, as: As = {}) {
  const ctx = await createTrpcContext({
    deps,
    headers: new Headers({ host, "x-forwarded-for": as.ip ?? nextIp() }),
    clientAddressSettings: { trustedProxyHops: 1, clientIpHeader: null },
    rootDomain: ROOT,
    user: as.user ?? null,
    activeOrganizationId: as.org ?? null,
    deliverOutbox: (ids) => delivered.push(...ids),
    cartToken: as.cartToken ?? null,
  });
  return createCaller(ctx);
}

export const staff = (t: FixtureTenant, role: (typeof FIXTURE_ROLES)[number]): SessionUser => ({
  id: t.staff[role].id,
  email: t.staff[role].email,
});
export const shopperOf = (t: FixtureTenant): SessionUser => ({
  id: t.shopper.userId,
  email: t.shopper.email,
});

export async function orgRow(id: string) {
  const [row] = await handle.db.select().from(organizations).where(eq(organizations.id, id));
  return row!;
}
export async function customerRow(organizationId: string, userId: string) {
  const [row] = await handle.db
    .select()
    .from(customers)
    .where(and(eq(customers.organizationId, organizationId), eq(customers.userId, userId)));
  return row;
}
export async function customerCount(organizationId: string) {
  return (
    await handle.db
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.organizationId, organizationId))
  ).length;
}

/**
 * The ids an organization owns right now. Entries add their own rows to the shared world, so an entry that checks
 * "only this organization's rows" compares against what the organization holds, not the fixture's first rows.
 */
export async function ownedIds(organizationId: string, kind: "products" | "variants" | "customers") {
  const table = { products, variants: productVariants, customers }[kind];
  const rows = await handle.db
    .select({ id: table.id })
    .from(table)
    .where(eq(table.organizationId, organizationId));
  return new Set(rows.map((r) => r.id));
}

export const signUpInput = (email: string, overrides: Record<string, unknown> = {}) => ({
  name: "Matrix Shopper",
  email,
  password: "a-long-enough-password",
  dateOfBirth: "1990-05-01",
  ...overrides,
});

/** Storefront procedures share one rule for hosts that are not a launched tenant. */
export function itRefusesOffStorefront(call: (host: string) => Promise<unknown>) {
  it.each(NO_STOREFRONT)("is NOT_FOUND on %s", async (host) => {
    expect(await codeOf(call(host))).toBe("NOT_FOUND");
  });
}
