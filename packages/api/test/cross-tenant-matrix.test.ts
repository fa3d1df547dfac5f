/**
 * The cross-tenant matrix: every tRPC procedure, called as every kind of caller from every kind of host, must
 * see only what that caller may see. A procedure added to `appRouter` without an entry here fails the
 * completeness test at the bottom.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { and, eq, inArray } from "drizzle-orm";
import superjson from "superjson";
import { ZodError } from "zod";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  categories,
  customers,
  memberships,
  organizations,
  outboxMessages,
  users,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  createFixtureTenant,
  createTestKv,
  FIXTURE_ROLES,
  type FixtureTenant,
} from "@cannasaas/core/testing";
import type { KV } from "@cannasaas/integrations/kv";
import { createLogger } from "@cannasaas/integrations/logger";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import { hashPassword, verifyPassword, type AuthDeps } from "@cannasaas/auth";
import { appRouter, createCaller, createTrpcContext, type SessionUser } from "../src";
import { codeOf, outboxPayload, procedurePaths, rowCounts, tokenFrom, trpcError } from "./helpers";

const ROOT = "localhost:3000";
const PASSWORD = "matrix-password-1";

const HOST = {
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
const NO_STOREFRONT = [
  HOST.c,
  HOST.unknown,
  HOST.reserved,
  HOST.platform,
  HOST.nested,
  HOST.unknownCustomDomain,
];
/** Hosts on which the dashboard must refuse to work. */
const NOT_DASHBOARD = [HOST.a, HOST.b, HOST.c, HOST.unknown, HOST.reserved];

let handle: DatabaseHandle;
let kvHandle: Awaited<ReturnType<typeof createTestKv>>;
let deps: AuthDeps;
let A: FixtureTenant;
let B: FixtureTenant;
let C: FixtureTenant;
/** Staff at two organizations: viewer at A, admin at C. */
let multi: SessionUser;
/** Outbox ids handed to `deliverOutbox`, i.e. what would be sent after commit. */
const delivered: string[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  kvHandle = await createTestKv();
  deps = { db: handle.db, kv: kvHandle.kv, clock: () => new Date(), mail: createDevMailboxTransport() };
  const passwordHash = await hashPassword(PASSWORD);
  A = await createFixtureTenant(handle.db, { tag: "mx-a", passwordHash });
  B = await createFixtureTenant(handle.db, { tag: "mx-b", passwordHash });
  C = await createFixtureTenant(handle.db, { tag: "mx-c", passwordHash, launched: false });
  const [user] = await handle.db
    .insert(users)
    .values({ email: "multi@mx.test", name: "Multi Org", passwordHash, emailVerified: new Date() })
    .returning({ id: users.id, email: users.email });
  await handle.db.insert(memberships).values([
    { organizationId: A.org.id, userId: user!.id, role: "viewer" },
    { organizationId: C.org.id, userId: user!.id, role: "admin" },
  ]);
  multi = user!;
});
afterAll(async () => {
  await kvHandle?.close();
  await handle?.close();
});

let ipCounter = 0;
type As = { user?: SessionUser | null; org?: string | null; ip?: string };

/** A server-side caller with the context a request to `host` would get. */
async function api(host: string, as: As = {}) {
  const ctx = await createTrpcContext({
    deps,
    headers: new Headers({ host, "x-forwarded-for": as.ip ?? `192.0.2.${(++ipCounter % 250) + 1}` }),
    rootDomain: ROOT,
    user: as.user ?? null,
    activeOrganizationId: as.org ?? null,
    origin: `http://${host}`,
    deliverOutbox: (ids) => delivered.push(...ids),
  });
  return createCaller(ctx);
}

const staff = (t: FixtureTenant, role: (typeof FIXTURE_ROLES)[number]): SessionUser => ({
  id: t.staff[role].id,
  email: t.staff[role].email,
});
const shopperOf = (t: FixtureTenant): SessionUser => ({ id: t.shopper.userId, email: t.shopper.email });

async function orgRow(id: string) {
  const [row] = await handle.db.select().from(organizations).where(eq(organizations.id, id));
  return row!;
}
async function customerRow(organizationId: string, userId: string) {
  const [row] = await handle.db
    .select()
    .from(customers)
    .where(and(eq(customers.organizationId, organizationId), eq(customers.userId, userId)));
  return row;
}
async function customerCount(organizationId: string) {
  return (
    await handle.db
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.organizationId, organizationId))
  ).length;
}

const signUpInput = (email: string, overrides: Record<string, unknown> = {}) => ({
  name: "Matrix Shopper",
  email,
  password: "a-long-enough-password",
  dateOfBirth: "1990-05-01",
  ...overrides,
});

/** Storefront procedures share one rule for hosts that are not a launched tenant. */
function itRefusesOffStorefront(call: (host: string) => Promise<unknown>) {
  it.each(NO_STOREFRONT)("is NOT_FOUND on %s", async (host) => {
    expect(await codeOf(call(host))).toBe("NOT_FOUND");
  });
}

const matrix: Record<string, () => void> = {
  "storefront.tenant": () => {
    it("serves each launched tenant's own details on its own host only", async () => {
      const atA = await (await api(HOST.a)).storefront.tenant();
      expect(atA).toMatchObject({
        slug: "mx-a",
        name: (await orgRow(A.org.id)).name,
        state: "CA",
        medicalEnabled: false,
      });
      const atB = await (await api(HOST.b, { user: staff(A, "owner") })).storefront.tenant();
      expect(atB).toMatchObject({ slug: "mx-b", name: (await orgRow(B.org.id)).name });
    });
    itRefusesOffStorefront(async (host) => (await api(host)).storefront.tenant());
    it("hides an unlaunched store even from its own owner", async () => {
      expect(
        await codeOf((await api(HOST.c, { user: staff(C, "owner"), org: C.org.id })).storefront.tenant()),
      ).toBe("NOT_FOUND");
    });
  },

  "storefront.categories": () => {
    it("lists only the host tenant's categories and counts", async () => {
      for (const [host, t] of [
        [HOST.a, A],
        [HOST.b, B],
      ] as const) {
        const cats = await (await api(host, { user: shopperOf(t === A ? B : A) })).storefront.categories();
        const own = await handle.db
          .select({ id: categories.id })
          .from(categories)
          .where(eq(categories.organizationId, t.org.id));
        expect(cats.map((c) => c.id).sort()).toEqual(own.map((c) => c.id).sort());
        expect(cats.map((c) => [c.slug, c.productCount])).toEqual([
          ["flower", 2],
          ["edible", 1],
        ]);
      }
    });
    itRefusesOffStorefront(async (host) => (await api(host)).storefront.categories());
  },

  "storefront.products": () => {
    it("lists only the host tenant's products, whoever is signed in", async () => {
      const atA = await (await api(HOST.a, { user: staff(B, "owner") })).storefront.products({});
      expect(atA.total).toBe(3);
      expect(atA.products.map((p) => p.name).sort()).toEqual([
        "mx-a Blue Dream",
        "mx-a Gummies",
        "mx-a OG Kush",
      ]);
      const atB = await (await api(HOST.b, { user: shopperOf(A) })).storefront.products({ pageSize: 100 });
      expect(atB.products.map((p) => p.id).sort()).toEqual(B.products.map((p) => p.id).sort());
      expect(atB.products.every((p) => p.name.startsWith("mx-b "))).toBe(true);
    });
    it("filters by the host tenant's category", async () => {
      const edibles = await (await api(HOST.b)).storefront.products({ category: "edible" });
      expect(edibles.products.map((p) => p.name)).toEqual(["mx-b Gummies"]);
      const none = await (await api(HOST.a)).storefront.products({ category: "does-not-exist" });
      expect(none).toMatchObject({ total: 0, products: [] });
    });
    it("rejects out-of-range paging with BAD_REQUEST", async () => {
      expect(await codeOf((await api(HOST.a)).storefront.products({ pageSize: 1000 }))).toBe("BAD_REQUEST");
      expect(await codeOf((await api(HOST.a)).storefront.products({ category: "../etc" }))).toBe(
        "BAD_REQUEST",
      );
    });
    itRefusesOffStorefront(async (host) => (await api(host)).storefront.products({}));
  },

  "shopper.me": () => {
    it("requires sign-in", async () => {
      expect(await codeOf((await api(HOST.a)).shopper.me())).toBe("UNAUTHORIZED");
    });
    it("treats a session whose account was deleted as signed out", async () => {
      const ghost = { id: "00000000-0000-4000-8000-000000000000", email: "gone@example.test" };
      expect(await codeOf((await api(HOST.a, { user: ghost })).shopper.me())).toBe("UNAUTHORIZED");
    });
    it.each(NO_STOREFRONT)("is NOT_FOUND on %s and creates no customer there", async (host) => {
      const before = await customerCount(C.org.id);
      expect(await codeOf((await api(host, { user: shopperOf(A) })).shopper.me())).toBe("NOT_FOUND");
      expect(await customerCount(C.org.id)).toBe(before);
    });
    it("shows a shopper their own profile at their store", async () => {
      const me = await (await api(HOST.a, { user: shopperOf(A) })).shopper.me();
      expect(me).toMatchObject({
        customerId: A.shopper.customerId,
        email: A.shopper.email,
        name: "Adult Shopper",
      });
    });
    it("makes a shopper a separate customer at another store, with none of the first store's data", async () => {
      await handle.db
        .update(customers)
        .set({ isMedicalPatient: true, loyaltyMember: true, marketingSmsConsent: true })
        .where(eq(customers.id, A.shopper.customerId));
      const before = await customerCount(B.org.id);
      const atB = await (await api(HOST.b, { user: shopperOf(A) })).shopper.me();
      expect(atB.customerId).not.toBe(A.shopper.customerId);
      expect(atB).toMatchObject({
        email: A.shopper.email,
        isMedicalPatient: false,
        loyaltyMember: false,
        marketingSmsConsent: false,
        marketingEmailConsent: false,
      });
      expect(await customerCount(B.org.id)).toBe(before + 1);
      expect((await customerRow(B.org.id, A.shopper.userId))?.id).toBe(atB.customerId);
      // Asking again reuses that customer.
      expect((await (await api(HOST.b, { user: shopperOf(A) })).shopper.me()).customerId).toBe(
        atB.customerId,
      );
    });
    it("never shows one shopper another's profile", async () => {
      const bAtA = await (await api(HOST.a, { user: shopperOf(B) })).shopper.me();
      expect(bAtA.email).toBe(B.shopper.email);
      expect(bAtA.customerId).not.toBe(A.shopper.customerId);
      const minorAtA = await (await api(HOST.a, { user: { id: A.minor.userId } })).shopper.me();
      expect(minorAtA).toMatchObject({ customerId: A.minor.customerId, email: A.minor.email });
    });
  },

  "shopper.updatePreferences": () => {
    it("requires sign-in", async () => {
      expect(
        await codeOf((await api(HOST.a)).shopper.updatePreferences({ marketingEmailConsent: true })),
      ).toBe("UNAUTHORIZED");
    });
    it.each(NO_STOREFRONT)("is NOT_FOUND on %s", async (host) => {
      expect(
        await codeOf(
          (await api(host, { user: shopperOf(A) })).shopper.updatePreferences({
            marketingEmailConsent: true,
          }),
        ),
      ).toBe("NOT_FOUND");
    });
    it("changes only the caller's customer row at the host store", async () => {
      const user = shopperOf(B);
      const otherStoreBefore = await (await api(HOST.a, { user })).shopper.me(); // B's shopper is also a customer of A
      const bShopperBefore = await customerRow(B.org.id, A.shopper.userId);
      const result = await (
        await api(HOST.b, { user })
      ).shopper.updatePreferences({ marketingEmailConsent: true });
      expect(result).toEqual({ marketingEmailConsent: true, marketingSmsConsent: false });
      expect((await customerRow(B.org.id, B.shopper.userId))?.marketingEmailConsent).toBe(true);
      // The same person's customer row at A, and other shoppers at B, are untouched.
      expect((await customerRow(A.org.id, B.shopper.userId))?.marketingEmailConsent).toBe(
        otherStoreBefore.marketingEmailConsent,
      );
      expect((await customerRow(B.org.id, A.shopper.userId))?.marketingEmailConsent).toBe(
        bShopperBefore?.marketingEmailConsent,
      );
    });
    it("changes made by A's shopper on B's host change the B customer only, never A's row", async () => {
      const user = shopperOf(A);
      await handle.db
        .update(customers)
        .set({ marketingEmailConsent: false, marketingSmsConsent: true })
        .where(eq(customers.id, A.shopper.customerId));
      const homeBefore = await customerRow(A.org.id, A.shopper.userId);

      const atB = await (
        await api(HOST.b, { user })
      ).shopper.updatePreferences({
        marketingEmailConsent: true,
        marketingSmsConsent: false,
      });
      expect(atB).toEqual({ marketingEmailConsent: true, marketingSmsConsent: false });
      const bRow = await customerRow(B.org.id, A.shopper.userId);
      expect(bRow).toMatchObject({ marketingEmailConsent: true, marketingSmsConsent: false });
      expect(bRow?.id).not.toBe(A.shopper.customerId);

      expect(await customerRow(A.org.id, A.shopper.userId)).toEqual(homeBefore);
      const home = await (await api(HOST.a, { user })).shopper.me();
      expect(home).toMatchObject({
        customerId: A.shopper.customerId,
        marketingEmailConsent: false,
        marketingSmsConsent: true,
      });
    });
    it("accepts an empty change and returns the current preferences", async () => {
      const user = shopperOf(B);
      const current = await (await api(HOST.b, { user })).shopper.me();
      expect(await (await api(HOST.b, { user })).shopper.updatePreferences({})).toEqual({
        marketingEmailConsent: current.marketingEmailConsent,
        marketingSmsConsent: current.marketingSmsConsent,
      });
    });
    it("rejects a non-boolean with BAD_REQUEST", async () => {
      const caller = await api(HOST.a, { user: shopperOf(A) });
      expect(
        await codeOf(
          caller.shopper.updatePreferences({ marketingEmailConsent: "yes" as unknown as boolean }),
        ),
      ).toBe("BAD_REQUEST");
    });
  },

  "organization.memberships": () => {
    it.each([HOST.platform, HOST.a])("requires sign-in (%s)", async (host) => {
      expect(await codeOf((await api(host)).organization.memberships())).toBe("UNAUTHORIZED");
    });
    it("lists only the signed-in user's own organizations", async () => {
      const owner = await (
        await api(HOST.platform, { user: staff(A, "owner"), org: B.org.id })
      ).organization.memberships();
      expect(owner).toEqual([
        { organizationId: A.org.id, slug: "mx-a", name: (await orgRow(A.org.id)).name, role: "owner" },
      ]);
      const both = await (await api(HOST.platform, { user: multi })).organization.memberships();
      expect(both.map((m) => [m.organizationId, m.role]).sort()).toEqual(
        [
          [A.org.id, "viewer"],
          [C.org.id, "admin"],
        ].sort(),
      );
      expect(both.some((m) => m.organizationId === B.org.id)).toBe(false);
    });
    it("is empty for a shopper", async () => {
      expect(await (await api(HOST.platform, { user: shopperOf(A) })).organization.memberships()).toEqual([]);
    });
  },

  "organization.overview": () => {
    it("requires sign-in", async () => {
      expect(await codeOf((await api(HOST.platform, { org: A.org.id })).organization.overview())).toBe(
        "UNAUTHORIZED",
      );
    });
    it.each(FIXTURE_ROLES)("lets a %s see their own organization, and only it", async (role) => {
      const overview = await (
        await api(HOST.platform, { user: staff(A, role), org: A.org.id })
      ).organization.overview();
      expect(overview.organization).toMatchObject({ id: A.org.id, slug: "mx-a" });
      expect(overview.locations.map((l) => l.name).sort()).toEqual(["mx-a north", "mx-a south"]);
      expect(overview.team.map((m) => m.email).sort()).toEqual(
        [...FIXTURE_ROLES.map((r) => `${r}@mx-a.test`), multi.email].sort(),
      );
    });
    it.each(FIXTURE_ROLES)("refuses A's %s with B as the active organization", async (role) => {
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(A, role), org: B.org.id })).organization.overview(),
        ),
      ).toBe("FORBIDDEN");
    });
    it("needs an active organization", async () => {
      expect(
        await codeOf((await api(HOST.platform, { user: staff(A, "owner") })).organization.overview()),
      ).toBe("PRECONDITION_FAILED");
    });
    it.each(NOT_DASHBOARD)("is FORBIDDEN on %s even for the owner", async (host) => {
      expect(
        await codeOf((await api(host, { user: staff(A, "owner"), org: A.org.id })).organization.overview()),
      ).toBe("FORBIDDEN");
    });
    it("refuses a shopper, an unknown organization and a tampered organization cookie", async () => {
      expect(
        await codeOf(
          (await api(HOST.platform, { user: shopperOf(A), org: A.org.id })).organization.overview(),
        ),
      ).toBe("FORBIDDEN");
      const owner = staff(A, "owner");
      expect(
        await codeOf(
          (
            await api(HOST.platform, { user: owner, org: "00000000-0000-4000-8000-000000000000" })
          ).organization.overview(),
        ),
      ).toBe("FORBIDDEN");
      expect(
        await codeOf(
          (await api(HOST.platform, { user: owner, org: "not-a-uuid' or '1'='1" })).organization.overview(),
        ),
      ).toBe("FORBIDDEN");
    });
    it("follows the switcher for someone in two organizations", async () => {
      const atC = await (await api(HOST.platform, { user: multi, org: C.org.id })).organization.overview();
      expect(atC.organization.id).toBe(C.org.id);
      expect(atC.team.every((m) => m.email.endsWith("@mx-c.test") || m.email === multi.email)).toBe(true);
      const atA = await (await api(HOST.platform, { user: multi, org: A.org.id })).organization.overview();
      expect(atA.organization.id).toBe(A.org.id);
      expect(
        await codeOf((await api(HOST.platform, { user: multi, org: B.org.id })).organization.overview()),
      ).toBe("FORBIDDEN");
    });
  },

  "organization.updateProfile": () => {
    const ALLOWED = new Set(["owner", "admin"]);
    it.each(FIXTURE_ROLES)("role %s: only owner and admin may update", async (role) => {
      const before = await orgRow(A.org.id);
      const call = (
        await api(HOST.platform, { user: staff(A, role), org: A.org.id })
      ).organization.updateProfile({
        tagline: `set by ${role}`,
      });
      if (ALLOWED.has(role)) {
        await expect(call).resolves.toMatchObject({ id: A.org.id, branding: { tagline: `set by ${role}` } });
      } else {
        const error = await trpcError(call);
        expect(error.code).toBe("FORBIDDEN");
        expect(error.message).toContain(role);
        expect(await orgRow(A.org.id)).toEqual(before);
      }
    });
    it("refuses A's owner and admin with B as the active organization, and leaves B unchanged", async () => {
      const before = await orgRow(B.org.id);
      for (const role of ["owner", "admin"] as const) {
        const call = (
          await api(HOST.platform, { user: staff(A, role), org: B.org.id })
        ).organization.updateProfile({ name: "Hijacked" });
        expect(await codeOf(call)).toBe("FORBIDDEN");
      }
      expect(await orgRow(B.org.id)).toEqual(before);
    });
    it("needs an active organization, the platform host and a membership", async () => {
      const before = await orgRow(A.org.id);
      const owner = staff(A, "owner");
      expect(
        await codeOf(
          (await api(HOST.platform, { user: owner })).organization.updateProfile({ name: "No Org" }),
        ),
      ).toBe("PRECONDITION_FAILED");
      for (const host of NOT_DASHBOARD) {
        expect(
          await codeOf(
            (await api(host, { user: owner, org: A.org.id })).organization.updateProfile({
              name: "Wrong Host",
            }),
          ),
        ).toBe("FORBIDDEN");
      }
      expect(
        await codeOf(
          (await api(HOST.platform, { user: shopperOf(A), org: A.org.id })).organization.updateProfile({
            name: "Shopper",
          }),
        ),
      ).toBe("FORBIDDEN");
      expect(
        await codeOf(
          (await api(HOST.platform, { org: A.org.id })).organization.updateProfile({ name: "Anon" }),
        ),
      ).toBe("UNAUTHORIZED");
      expect(await orgRow(A.org.id)).toEqual(before);
    });
    it("changes A only, keeps the rest of the branding, and refreshes A's storefront at once", async () => {
      // Warm the tenant cache for both storefronts.
      const cachedA = await (await api(HOST.a)).storefront.tenant();
      const cachedB = await (await api(HOST.b)).storefront.tenant();
      const bBefore = await orgRow(B.org.id);

      const updated = await (
        await api(HOST.platform, { user: staff(A, "admin"), org: A.org.id })
      ).organization.updateProfile({
        name: "  Alpha Renamed  ",
        primaryColor: "#123456",
      });
      expect(updated).toMatchObject({
        id: A.org.id,
        name: "Alpha Renamed",
        branding: { primaryColor: "#123456", accentColor: cachedA.branding.accentColor },
      });
      expect(await orgRow(B.org.id)).toEqual(bBefore);
      expect((await (await api(HOST.a)).storefront.tenant()).name).toBe("Alpha Renamed");
      expect(await (await api(HOST.b)).storefront.tenant()).toEqual(cachedB);
    });
    it("rejects invalid values with a readable BAD_REQUEST", async () => {
      const caller = await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id });
      const error = await trpcError(caller.organization.updateProfile({ primaryColor: "green" }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toBe("Use a hex colour like #1f7a4d.");
    });
  },

  "account.signUp": () => {
    it("creates a customer of the host store only and queues the verification email", async () => {
      const before = {
        a: await customerCount(A.org.id),
        b: await customerCount(B.org.id),
        c: await customerCount(C.org.id),
      };
      const deliveredBefore = delivered.length;
      const result = await (await api(HOST.a)).account.signUp(signUpInput("New.Person@Example.test"));
      expect(result.message).toMatch(/check your email/i);

      const [user] = await handle.db.select().from(users).where(eq(users.email, "new.person@example.test"));
      const rows = await handle.db.select().from(customers).where(eq(customers.userId, user!.id));
      expect(rows.map((r) => r.organizationId)).toEqual([A.org.id]);
      expect({
        a: await customerCount(A.org.id),
        b: await customerCount(B.org.id),
        c: await customerCount(C.org.id),
      }).toEqual({
        ...before,
        a: before.a + 1,
      });

      const sent = delivered.slice(deliveredBefore);
      expect(sent).toHaveLength(1);
      const { row, payload } = await outboxPayload(handle.db, sent[0]!);
      expect(row.organizationId).toBe(A.org.id);
      expect(payload.to).toBe("new.person@example.test");
      expect(payload.text).toContain(`http://${HOST.a}/verify-email?token=`);
    });
    it("creates a customer of B when signing up on B's host", async () => {
      await (await api(HOST.b)).account.signUp(signUpInput("b-only@example.test"));
      const [user] = await handle.db.select().from(users).where(eq(users.email, "b-only@example.test"));
      const rows = await handle.db.select().from(customers).where(eq(customers.userId, user!.id));
      expect(rows.map((r) => r.organizationId)).toEqual([B.org.id]);
    });
    it.each(NO_STOREFRONT)("is NOT_FOUND on %s and writes nothing", async (host) => {
      const before = await rowCounts(handle.db);
      expect(
        await codeOf((await api(host)).account.signUp(signUpInput(`off-${ipCounter}@example.test`))),
      ).toBe("NOT_FOUND");
      expect(await rowCounts(handle.db)).toEqual(before);
    });
    it("refuses under-21s at an adult-use store and duplicates, writing nothing", async () => {
      const before = await rowCounts(handle.db);
      const young = await trpcError(
        (await api(HOST.a)).account.signUp(signUpInput("young@example.test", { dateOfBirth: "2010-01-01" })),
      );
      expect(young.code).toBe("FORBIDDEN");
      expect(young.message).toContain("21");
      const dup = await trpcError(
        (await api(HOST.b)).account.signUp(signUpInput(A.shopper.email.toUpperCase())),
      );
      expect(dup.code).toBe("CONFLICT");
      expect(await rowCounts(handle.db)).toEqual(before);
    });
    it("answers invalid input with BAD_REQUEST and the first problem in plain words", async () => {
      const before = await rowCounts(handle.db);
      const error = await trpcError(
        (await api(HOST.a)).account.signUp(
          signUpInput("not-an-email", { password: "short", dateOfBirth: "2001-02-30" }),
        ),
      );
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toBe("Enter a valid email address, like name@example.com.");
      expect(error.message).not.toMatch(/[[{"]/);
      expect(error.cause).toBeInstanceOf(ZodError);
      const dateOnly = await trpcError(
        (await api(HOST.a)).account.signUp(signUpInput("date@example.test", { dateOfBirth: "2001-02-30" })),
      );
      expect(dateOnly.message).toBe("That date of birth is not a real date.");
      expect(await rowCounts(handle.db)).toEqual(before);
    });
  },

  "account.verifyEmail": () => {
    it("works from any host, once", async () => {
      const before = delivered.length;
      await (await api(HOST.a)).account.signUp(signUpInput("verify-any-host@example.test"));
      const token = tokenFrom((await outboxPayload(handle.db, delivered[before]!)).payload, "/verify-email");
      // Opened on another store's host: the link still verifies the account.
      expect(await (await api(HOST.b)).account.verifyEmail({ token })).toEqual({ verified: true });
      const [user] = await handle.db
        .select()
        .from(users)
        .where(eq(users.email, "verify-any-host@example.test"));
      expect(user?.emailVerified).toBeInstanceOf(Date);
      const again = await trpcError((await api(HOST.platform)).account.verifyEmail({ token }));
      expect(again.code).toBe("BAD_REQUEST");
      expect(again.message).toMatch(/already been used/);
    });
    it.each([HOST.platform, HOST.reserved, HOST.c])("verifies from %s too", async (host) => {
      const before = delivered.length;
      const email = `verify-${host.split(".")[0]}@example.test`.replace(":", "-");
      await (await api(HOST.b)).account.signUp(signUpInput(email));
      const token = tokenFrom((await outboxPayload(handle.db, delivered[before]!)).payload, "/verify-email");
      expect(await (await api(host)).account.verifyEmail({ token })).toEqual({ verified: true });
    });
    it("refuses unknown and empty tokens with a readable BAD_REQUEST", async () => {
      const unknown = await trpcError((await api(HOST.a)).account.verifyEmail({ token: "x".repeat(43) }));
      expect(unknown.code).toBe("BAD_REQUEST");
      expect(unknown.message).toMatch(/not valid/);
      const empty = await trpcError((await api(HOST.a)).account.verifyEmail({ token: "" }));
      expect(empty).toMatchObject({ code: "BAD_REQUEST", message: "This verification link is incomplete." });
    });
  },

  "account.requestPasswordReset": () => {
    it.each([HOST.a, HOST.b, HOST.c, HOST.platform, HOST.reserved])(
      "on %s, answers the same for known and unknown emails; only a known one gets an email",
      async (host) => {
        const outboxBefore = (await rowCounts(handle.db)).outbox;
        const known = await (await api(host)).account.requestPasswordReset({ email: A.staff.viewer.email });
        expect((await rowCounts(handle.db)).outbox).toBe(outboxBefore + 1);
        const unknown = await (
          await api(host)
        ).account.requestPasswordReset({ email: "nobody-at-all@example.test" });
        expect((await rowCounts(handle.db)).outbox).toBe(outboxBefore + 1);
        expect(unknown).toEqual(known);
        expect(known.message).toBe("If an account exists for that email, a reset link is on its way.");
      },
    );
    it("links back to the store on a storefront and to the dashboard on the platform", async () => {
      const before = delivered.length;
      await (await api(HOST.a)).account.requestPasswordReset({ email: B.staff.driver.email });
      await (await api(HOST.platform)).account.requestPasswordReset({ email: B.staff.driver.email });
      const [store, platform] = await Promise.all(
        delivered.slice(before).map((id) => outboxPayload(handle.db, id)),
      );
      expect(store!.row.organizationId).toBe(A.org.id);
      expect(store!.payload.text).toContain(`http://${HOST.a}/reset-password?token=`);
      expect(platform!.row.organizationId).toBeNull();
      expect(platform!.payload.text).toContain(`http://${HOST.platform}/dashboard/reset-password?token=`);
    });
    it("limits requests per client address without revealing anything", async () => {
      const ip = "203.0.113.200";
      for (let i = 0; i < 10; i++) {
        await (await api(HOST.a, { ip })).account.requestPasswordReset({ email: `nobody-${i}@example.test` });
      }
      const outboxBefore = (await rowCounts(handle.db)).outbox;
      const limited = await (
        await api(HOST.a, { ip })
      ).account.requestPasswordReset({ email: A.staff.owner.email });
      expect(limited.message).toMatch(/too many requests/i);
      expect((await rowCounts(handle.db)).outbox).toBe(outboxBefore);
    });
    it("rejects a malformed email with a readable BAD_REQUEST", async () => {
      const error = await trpcError((await api(HOST.a)).account.requestPasswordReset({ email: "nope" }));
      expect(error).toMatchObject({
        code: "BAD_REQUEST",
        message: "Enter a valid email address, like name@example.com.",
      });
    });
  },

  "account.resetPassword": () => {
    it("resets from any host, once, and the new password is the one that works", async () => {
      const before = delivered.length;
      await (await api(HOST.a)).account.requestPasswordReset({ email: A.staff.budtender.email });
      const token = tokenFrom(
        (await outboxPayload(handle.db, delivered[before]!)).payload,
        "/reset-password",
      );
      expect(
        await (await api(HOST.b)).account.resetPassword({ token, password: "budtender-new-pass" }),
      ).toEqual({ reset: true });
      const [user] = await handle.db.select().from(users).where(eq(users.id, A.staff.budtender.id));
      expect(await verifyPassword(user!.passwordHash, "budtender-new-pass")).toBe(true);
      expect(await verifyPassword(user!.passwordHash, PASSWORD)).toBe(false);
      const again = await trpcError(
        (await api(HOST.platform)).account.resetPassword({ token, password: "yet-another-pass" }),
      );
      expect(again.code).toBe("BAD_REQUEST");
      expect(again.message).toMatch(/already been used/);
    });
    it("refuses an unknown token and a short password with readable messages", async () => {
      const unknown = await trpcError(
        (await api(HOST.a)).account.resetPassword({ token: "y".repeat(43), password: "long-enough-pass" }),
      );
      expect(unknown.code).toBe("BAD_REQUEST");
      expect(unknown.message).toMatch(/not valid/);
      const short = await trpcError(
        (await api(HOST.a)).account.resetPassword({ token: "y".repeat(43), password: "short" }),
      );
      expect(short).toMatchObject({
        code: "BAD_REQUEST",
        message: "Use at least 10 characters for your password.",
      });
    });
  },
};

for (const [path, define] of Object.entries(matrix)) describe(path, define);

describe("matrix completeness", () => {
  it("has an entry for every procedure in appRouter, and none for procedures that do not exist", () => {
    const walked = procedurePaths(appRouter._def.record).sort();
    expect(walked.length).toBeGreaterThan(0);
    // The flattened table tRPC keeps must agree with the nested record.
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(walked);
    expect(Object.keys(matrix).sort()).toEqual(walked);
  });
});

describe("tenant isolation at the data level", () => {
  it("never created a customer, email or change for the unlaunched tenant C", async () => {
    expect((await orgRow(C.org.id)).launchedAt).toBeNull();
    expect((await orgRow(C.org.id)).name).toBe("Store mx-c");
    const cCustomers = await handle.db.select().from(customers).where(eq(customers.organizationId, C.org.id));
    expect(cCustomers.map((c) => c.id).sort()).toEqual([C.shopper.customerId, C.minor.customerId].sort());
    const cMail = await handle.db
      .select()
      .from(outboxMessages)
      .where(inArray(outboxMessages.organizationId, [C.org.id]));
    expect(cMail).toEqual([]);
  });
});

/** One request through the fetch adapter, as the web app's /api/trpc route handles it. */
async function http(
  path: string,
  options: { host: string; input?: unknown; method?: "GET" | "POST"; deps?: AuthDeps; requestId?: string },
) {
  const method = options.method ?? "POST";
  const url = new URL(`http://${options.host}/api/trpc/${path}`);
  if (method === "GET")
    url.searchParams.set("input", JSON.stringify(superjson.serialize(options.input ?? {})));
  const request = new Request(url, {
    method,
    headers: {
      host: options.host,
      "content-type": "application/json",
      "x-request-id": options.requestId ?? `req-${++ipCounter}`,
      "x-forwarded-for": `192.0.2.${(++ipCounter % 250) + 1}`,
    },
    ...(method === "POST" ? { body: JSON.stringify({ json: options.input }) } : {}),
  });
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () =>
      createTrpcContext({
        deps: options.deps ?? deps,
        headers: request.headers,
        rootDomain: ROOT,
        user: null,
        activeOrganizationId: null,
        origin: url.origin,
      }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as HttpBody };
}
type HttpBody = {
  result?: { data: { json: unknown } };
  error?: { json: { message: string; code: number; data: Record<string, unknown> } };
};

describe("error shape", () => {
  it("through a server-side caller: invalid input is BAD_REQUEST with the first problem in plain words", async () => {
    const error = await trpcError(
      (await api(HOST.a)).account.signUp(
        signUpInput("bad", { name: "", password: "short", dateOfBirth: "abc" }),
      ),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Enter your name.");
  });

  it("over HTTP: invalid input is 400 with a readable message and one message per field", async () => {
    const { status, body, text } = await http("account.signUp", {
      host: HOST.a,
      input: signUpInput("bad", { name: "", password: "short", dateOfBirth: "abc" }),
    });
    expect(status).toBe(400);
    expect(body.error?.json.message).toBe("Enter your name.");
    expect(body.error?.json.data).toEqual({
      code: "BAD_REQUEST",
      httpStatus: 400,
      path: "account.signUp",
      fieldErrors: {
        name: "Enter your name.",
        email: "Enter a valid email address, like name@example.com.",
        password: "Use at least 10 characters for your password.",
        // The first problem with the field, as the forms show it (not the last).
        dateOfBirth: "Enter your date of birth as YYYY-MM-DD.",
      },
      details: null,
    });
    expect(text).not.toContain('"origin"'); // no zod issue dump
  });

  it("over HTTP: a domain error keeps its status, message and details, without a stack", async () => {
    const { status, body } = await http("account.signUp", {
      host: HOST.a,
      input: signUpInput("teen@example.test", { dateOfBirth: "2012-01-01" }),
    });
    expect(status).toBe(403);
    expect(body.error?.json.message).toContain("21");
    expect(body.error?.json.data).toMatchObject({
      code: "FORBIDDEN",
      fieldErrors: null,
      details: { field: "dateOfBirth" },
    });
    expect(body.error?.json.data).not.toHaveProperty("stack");

    const offStore = await http("account.signUp", {
      host: HOST.platform,
      input: signUpInput("platform@example.test"),
    });
    expect(offStore.status).toBe(404);
    expect(offStore.body.error?.json.data).toMatchObject({ code: "NOT_FOUND" });
  });

  it("over HTTP: an internal error shows a reference, never the cause or a stack, and is logged with the request id", async () => {
    // tRPC adds `data.stack` to its default shape whenever NODE_ENV is not "production" (so here, under test).
    expect(process.env.NODE_ENV).not.toBe("production");
    const lines: string[] = [];
    const log = createLogger({ level: "info", destination: { write: (line: string) => lines.push(line) } });
    const brokenKv: KV = {
      ...kvHandle.kv,
      rateLimit: async () => {
        throw new Error("connect ECONNREFUSED secret-redis.internal:6379");
      },
    };
    const { status, body, text } = await http("account.requestPasswordReset", {
      host: HOST.platform,
      input: { email: "someone@example.test" },
      deps: { ...deps, kv: brokenKv, log },
      requestId: "req-internal-1",
    });
    expect(status).toBe(500);
    expect(body.error?.json.message).toBe("Something went wrong on our side. Reference: req-internal-1.");
    expect(body.error?.json.data).toEqual({
      code: "INTERNAL_SERVER_ERROR",
      httpStatus: 500,
      path: "account.requestPasswordReset",
      fieldErrors: null,
      details: null,
    });
    expect(text).not.toMatch(/ECONNREFUSED|secret-redis|\bat .*\.ts:\d+|stack/);

    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        requestId: "req-internal-1",
        path: "account.requestPasswordReset",
        msg: "procedure failed",
      }),
    );
    expect(lines.join("\n")).toContain("ECONNREFUSED");
    expect(lines.join("\n")).not.toContain("someone@example.test");
  });

  it("over HTTP: a storefront query answers with the host tenant's data only", async () => {
    const { status, body } = await http("storefront.products", { host: HOST.b, method: "GET", input: {} });
    expect(status).toBe(200);
    const data = superjson.deserialize<{ products: { name: string }[] }>(body.result!.data as never);
    expect(data.products.map((p) => p.name).sort()).toEqual([
      "mx-b Blue Dream",
      "mx-b Gummies",
      "mx-b OG Kush",
    ]);
    const unlaunched = await http("storefront.products", { host: HOST.c, method: "GET", input: {} });
    expect(unlaunched.status).toBe(404);
  });
});
