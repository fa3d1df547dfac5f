import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { ZodError } from "zod";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { customers, outboxMessages, users, userTokens } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { DomainError, openPersonal, resolveTenant, type Tenant } from "@cannasaas/core";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import type { AuthDeps } from "../src/deps";
import {
  registerShopper,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  verifyEmail,
  type ShopperSignUp,
} from "../src/accounts";
import { hashPassword, verifyPassword } from "../src/password";
import { TOKEN_TTL_MS } from "../src/tokens";
import { authRowCounts, domainError, tokenFromEmail } from "./helpers";

/** 06:30 UTC on 1 March 2026 is still 28 February in Los Angeles, where the fixture stores are. */
const NOW = new Date("2026-03-01T06:30:00Z");
const PASSWORD = "fixture-password-1";
const BASE_URL = "http://shop.localhost:3000";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
let deps: AuthDeps;
let adultUse: FixtureTenant;
let medical: FixtureTenant;
let adultUseTenant: Tenant;
let medicalTenant: Tenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  deps = { db: handle.db, kv: kv.kv, clock: () => NOW, mail: createDevMailboxTransport() };
  const passwordHash = await hashPassword(PASSWORD);
  adultUse = await createFixtureTenant(handle.db, { tag: "acct-rec", passwordHash });
  medical = await createFixtureTenant(handle.db, { tag: "acct-med", passwordHash, medicalEnabled: true });
  adultUseTenant = (await resolveTenant(deps, "acct-rec"))!;
  medicalTenant = (await resolveTenant(deps, "acct-med"))!;
});
afterAll(async () => {
  await kv?.close();
  await handle?.close();
});

const signUp = (overrides: Partial<ShopperSignUp> = {}): ShopperSignUp => ({
  name: "Pat Shopper",
  email: `pat-${Math.random().toString(36).slice(2, 8)}@example.test`,
  password: "a-long-enough-password",
  dateOfBirth: "1990-05-01",
  ...overrides,
});

async function outboxRow(id: string) {
  const [row] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row!;
}

async function userByEmail(email: string) {
  const [row] = await handle.db.select().from(users).where(eq(users.email, email));
  return row;
}

describe("registerShopper", () => {
  it("creates the user, a customer of that tenant only, a verification token and the email", async () => {
    const result = await registerShopper(
      deps,
      adultUseTenant,
      signUp({ email: "  New.Shopper@Example.TEST ", marketingEmailConsent: true }),
      {
        baseUrl: BASE_URL,
      },
    );
    const user = await userByEmail("new.shopper@example.test");
    expect(user).toMatchObject({
      id: result.userId,
      name: "Pat Shopper",
      emailVerified: null,
    });
    // The date of birth is sealed at rest and opens to what was given.
    expect(user!.dateOfBirth).toMatch(/^v1\./);
    expect(openPersonal(user!.dateOfBirth)).toBe("1990-05-01");
    expect(user!.passwordHash?.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(user!.passwordHash, "a-long-enough-password")).toBe(true);

    const customerRows = await handle.db.select().from(customers).where(eq(customers.userId, result.userId!));
    expect(customerRows).toHaveLength(1);
    expect(customerRows[0]).toMatchObject({ organizationId: adultUse.org.id, marketingEmailConsent: true });

    const tokens = await handle.db.select().from(userTokens).where(eq(userTokens.userId, result.userId!));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ kind: "verify_email", organizationId: adultUse.org.id, usedAt: null });
    expect(tokens[0]!.expiresAt.getTime()).toBe(NOW.getTime() + TOKEN_TTL_MS.verify_email);

    expect(result.outboxIds).toHaveLength(1);
    const mail = await outboxRow(result.outboxIds[0]!);
    expect(mail).toMatchObject({
      organizationId: adultUse.org.id,
      channel: "email",
      topic: "auth.verify_email",
      status: "pending",
    });
    expect(mail.payload).toMatchObject({ to: "new.shopper@example.test" });
    const payload = mail.payload as { text: string; subject: string };
    expect(payload.subject).toContain("Store acct-rec");
    expect(payload.text).toContain(`${BASE_URL}/verify-email?token=`);
    // The emailed token is the one stored (hashed).
    const raw = tokenFromEmail(mail.payload, "/verify-email");
    expect(tokens[0]!.tokenHash).toBe(createHash("sha256").update(raw).digest("hex"));
  });

  it("refuses an under-21 shopper at an adult-use store, naming the age, and writes nothing", async () => {
    const before = await authRowCounts(handle.db);
    const error = await domainError(
      registerShopper(deps, adultUseTenant, signUp({ dateOfBirth: "2006-01-01" }), { baseUrl: BASE_URL }),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toContain("21");
    expect(error.details).toEqual({ field: "dateOfBirth" });
    expect(await authRowCounts(handle.db)).toEqual(before);
  });

  it("decides the 21st birthday on the store's local date, not UTC", async () => {
    // Turns 21 on 1 March 2026; in Los Angeles it is still 28 February.
    const tooSoon = await domainError(
      registerShopper(deps, adultUseTenant, signUp({ dateOfBirth: "2005-03-01" }), { baseUrl: BASE_URL }),
    );
    expect(tooSoon.code).toBe("FORBIDDEN");
    // Turned 21 on 28 February (local today): accepted.
    await expect(
      registerShopper(deps, adultUseTenant, signUp({ dateOfBirth: "2005-02-28" }), { baseUrl: BASE_URL }),
    ).resolves.toMatchObject({ outboxIds: [expect.any(String)] });
  });

  it("accepts 18-20 year olds at a store with a medical program, but not 17 year olds", async () => {
    const nineteen = signUp({ dateOfBirth: "2007-01-15" });
    const result = await registerShopper(deps, medicalTenant, nineteen, { baseUrl: BASE_URL });
    const [customer] = await handle.db.select().from(customers).where(eq(customers.userId, result.userId!));
    expect(customer?.organizationId).toBe(medical.org.id);

    // Exactly 18 on the local day.
    await expect(
      registerShopper(deps, medicalTenant, signUp({ dateOfBirth: "2008-02-28" }), { baseUrl: BASE_URL }),
    ).resolves.toBeTruthy();

    const before = await authRowCounts(handle.db);
    for (const dateOfBirth of ["2008-06-01", "2008-03-01"]) {
      const error = await domainError(
        registerShopper(deps, medicalTenant, signUp({ dateOfBirth }), { baseUrl: BASE_URL }),
      );
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toContain("18");
    }
    expect(await authRowCounts(handle.db)).toEqual(before);
    // The same 19 year old is refused at the adult-use store.
    const error = await domainError(
      registerShopper(deps, adultUseTenant, signUp({ dateOfBirth: "2007-01-15" }), { baseUrl: BASE_URL }),
    );
    expect(error.code).toBe("FORBIDDEN");
  });

  it("answers a used email (any case, any store) like a new one, emailing the account's owner instead", async () => {
    const email = "dup@example.test";
    await registerShopper(deps, adultUseTenant, signUp({ email }), { baseUrl: BASE_URL });
    for (const [tenant, variant] of [
      [adultUseTenant, email],
      [adultUseTenant, "DUP@Example.test"],
      [medicalTenant, email], // another store: still one account per email
      [adultUseTenant, adultUse.shopper.email], // an existing fixture account
    ] as const) {
      const before = await authRowCounts(handle.db);
      const result = await registerShopper(deps, tenant, signUp({ email: variant }), { baseUrl: BASE_URL });
      expect(result.userId).toBeNull();
      expect(result.outboxIds).toHaveLength(1);
      // Only the note is written: no user, customer or token.
      expect(await authRowCounts(handle.db)).toEqual({ ...before, outbox: before.outbox + 1 });
      const mail = await outboxRow(result.outboxIds[0]!);
      expect(mail).toMatchObject({ organizationId: tenant.id, topic: "auth.account_exists" });
      const payload = mail.payload as { to: string; subject: string; text: string };
      expect(payload.to).toBe(variant.toLowerCase());
      expect(payload.subject).toBe(`You already have an account for ${tenant.name}`);
      expect(payload.text).toContain(`${BASE_URL}/sign-in`);
      expect(payload.text).toContain(`${BASE_URL}/forgot-password`);
    }
  });

  it("lets only one of two simultaneous sign-ups with the same email create the account", async () => {
    const input = signUp();
    const before = await authRowCounts(handle.db);
    const results = await Promise.all([
      registerShopper(deps, adultUseTenant, input, { baseUrl: BASE_URL }),
      registerShopper(
        deps,
        adultUseTenant,
        { ...input, email: input.email.toUpperCase() },
        { baseUrl: BASE_URL },
      ),
    ]);
    expect(results.filter((r) => r.userId !== null)).toHaveLength(1);
    const after = await authRowCounts(handle.db);
    expect(after.users - before.users).toBe(1);
    expect(after.customers - before.customers).toBe(1);
    expect(after.outbox - before.outbox).toBe(2);
  });

  it("rejects invalid input with a validation error and writes nothing", async () => {
    const before = await authRowCounts(handle.db);
    const invalid: ShopperSignUp[] = [
      signUp({ email: "not-an-email" }),
      signUp({ email: "" }),
      signUp({ password: "short" }),
      signUp({ password: "x".repeat(129) }),
      signUp({ name: "   " }),
      signUp({ dateOfBirth: "2001-02-30" }),
      signUp({ dateOfBirth: "2001-02-29" }),
      signUp({ dateOfBirth: "1990-13-01" }),
      signUp({ dateOfBirth: "01/05/1990" }),
      signUp({ dateOfBirth: "1850-01-01" }),
      signUp({ dateOfBirth: "" }),
    ];
    for (const input of invalid) {
      const error = await registerShopper(deps, adultUseTenant, input, { baseUrl: BASE_URL }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(
        error instanceof ZodError || error instanceof DomainError,
        `input ${JSON.stringify(input)}`,
      ).toBe(true);
      if (error instanceof DomainError) expect(error.code).toBe("BAD_REQUEST");
    }
    // A date of birth in the future is a valid date but not a plausible one.
    const future = await domainError(
      registerShopper(deps, adultUseTenant, signUp({ dateOfBirth: "2030-01-01" }), { baseUrl: BASE_URL }),
    );
    expect(future.code).toBe("BAD_REQUEST");
    expect(await authRowCounts(handle.db)).toEqual(before);
  });
});

describe("verifyEmail", () => {
  it("marks the email verified, and the link works once", async () => {
    const email = "verify-me@example.test";
    const { outboxIds, userId } = await registerShopper(deps, adultUseTenant, signUp({ email }), {
      baseUrl: BASE_URL,
    });
    const token = tokenFromEmail((await outboxRow(outboxIds[0]!)).payload, "/verify-email");

    await expect(verifyEmail(deps, token)).resolves.toEqual({ userId });
    expect((await userByEmail(email))?.emailVerified?.getTime()).toBe(NOW.getTime());

    const again = await domainError(verifyEmail(deps, token));
    expect(again.details).toEqual({ reason: "used" });
    expect((await userByEmail(email))?.emailVerified?.getTime()).toBe(NOW.getTime());
  });

  it("refuses an expired link and a made-up one without verifying anyone", async () => {
    const email = "late@example.test";
    const { outboxIds } = await registerShopper(deps, adultUseTenant, signUp({ email }), {
      baseUrl: BASE_URL,
    });
    const token = tokenFromEmail((await outboxRow(outboxIds[0]!)).payload, "/verify-email");
    const later = { ...deps, clock: () => new Date(NOW.getTime() + TOKEN_TTL_MS.verify_email + 1_000) };
    expect((await domainError(verifyEmail(later, token))).details).toEqual({ reason: "expired" });
    expect((await domainError(verifyEmail(deps, "made-up-token-value-000000000000"))).details).toEqual({
      reason: "unknown",
    });
    expect((await userByEmail(email))?.emailVerified).toBeNull();
  });

  it("resends a verification link only to an existing, unverified account", async () => {
    const email = "resend@example.test";
    await registerShopper(deps, adultUseTenant, signUp({ email }), { baseUrl: BASE_URL });
    const input = { organizationId: adultUse.org.id, storeName: "Store acct-rec", baseUrl: BASE_URL };
    const { outboxIds } = await resendVerification(deps, { ...input, email });
    expect(outboxIds).toHaveLength(1);
    const token = tokenFromEmail((await outboxRow(outboxIds[0]!)).payload, "/verify-email");
    await verifyEmail(deps, token);

    const before = await authRowCounts(handle.db);
    expect(await resendVerification(deps, { ...input, email })).toEqual({ outboxIds: [] });
    expect(await resendVerification(deps, { ...input, email: "nobody@example.test" })).toEqual({
      outboxIds: [],
    });
    expect(await authRowCounts(handle.db)).toEqual(before);
  });
});

describe("password reset", () => {
  const resetInput = (email: string) => ({
    email,
    organizationId: adultUse.org.id,
    storeName: "Store acct-rec",
    resetPath: "/reset-password",
    baseUrl: BASE_URL,
  });

  it("writes nothing and returns no email for an unknown address", async () => {
    const before = await authRowCounts(handle.db);
    expect(await requestPasswordReset(deps, resetInput("nobody-here@example.test"))).toEqual({
      outboxIds: [],
    });
    expect(await authRowCounts(handle.db)).toEqual(before);
  });

  it("emails one reset link to a known address", async () => {
    const before = await authRowCounts(handle.db);
    const { outboxIds } = await requestPasswordReset(deps, resetInput(adultUse.staff.viewer.email));
    expect(outboxIds).toHaveLength(1);
    const mail = await outboxRow(outboxIds[0]!);
    expect(mail).toMatchObject({
      topic: "auth.reset_password",
      organizationId: adultUse.org.id,
      payload: { to: adultUse.staff.viewer.email },
    });
    expect((mail.payload as { text: string }).text).toContain(`${BASE_URL}/reset-password?token=`);
    const after = await authRowCounts(handle.db);
    expect(after).toEqual({ ...before, outbox: before.outbox + 1, tokens: before.tokens + 1 });
  });

  it("changes the password, invalidates every other reset link, and refuses reuse", async () => {
    const email = adultUse.shopper.email;
    const first = await requestPasswordReset(deps, resetInput(email));
    const second = await requestPasswordReset(deps, resetInput(email));
    const firstToken = tokenFromEmail((await outboxRow(first.outboxIds[0]!)).payload, "/reset-password");
    const secondToken = tokenFromEmail((await outboxRow(second.outboxIds[0]!)).payload, "/reset-password");
    const oldHash = (await userByEmail(email))!.passwordHash;

    await expect(
      resetPassword(deps, { token: secondToken, password: "brand-new-password" }),
    ).resolves.toEqual({
      userId: adultUse.shopper.userId,
    });
    const newHash = (await userByEmail(email))!.passwordHash;
    expect(newHash).not.toBe(oldHash);
    expect(await verifyPassword(newHash, PASSWORD)).toBe(false);
    expect(await verifyPassword(newHash, "brand-new-password")).toBe(true);

    // The older, still unexpired link was invalidated by the reset.
    expect(
      (await domainError(resetPassword(deps, { token: firstToken, password: "another-password-1" }))).details,
    ).toEqual({
      reason: "used",
    });
    // The link that was used cannot be used again.
    expect(
      (await domainError(resetPassword(deps, { token: secondToken, password: "another-password-2" })))
        .details,
    ).toEqual({
      reason: "used",
    });
    expect((await userByEmail(email))!.passwordHash).toBe(newHash);
    const open = await handle.db
      .select()
      .from(userTokens)
      .where(and(eq(userTokens.userId, adultUse.shopper.userId), eq(userTokens.kind, "reset_password")));
    expect(open.every((t) => t.usedAt !== null)).toBe(true);
  });

  it("does not touch other accounts' reset links", async () => {
    const mine = await requestPasswordReset(deps, resetInput(adultUse.staff.driver.email));
    const theirs = await requestPasswordReset(deps, resetInput(adultUse.staff.budtender.email));
    const myToken = tokenFromEmail((await outboxRow(mine.outboxIds[0]!)).payload, "/reset-password");
    const theirToken = tokenFromEmail((await outboxRow(theirs.outboxIds[0]!)).payload, "/reset-password");
    await resetPassword(deps, { token: myToken, password: "drivers-new-password" });
    await expect(
      resetPassword(deps, { token: theirToken, password: "budtenders-new-password" }),
    ).resolves.toEqual({
      userId: adultUse.staff.budtender.id,
    });
  });

  it("refuses an expired reset link and leaves the password alone", async () => {
    const email = adultUse.staff.manager.email;
    const { outboxIds } = await requestPasswordReset(deps, resetInput(email));
    const token = tokenFromEmail((await outboxRow(outboxIds[0]!)).payload, "/reset-password");
    const before = (await userByEmail(email))!.passwordHash;
    const later = { ...deps, clock: () => new Date(NOW.getTime() + TOKEN_TTL_MS.reset_password + 1_000) };
    expect(
      (await domainError(resetPassword(later, { token, password: "too-late-password" }))).details,
    ).toEqual({
      reason: "expired",
    });
    expect((await userByEmail(email))!.passwordHash).toBe(before);
  });

  it("counts a completed reset as proof of the email address", async () => {
    const email = "unverified-reset@example.test";
    await registerShopper(deps, adultUseTenant, signUp({ email }), { baseUrl: BASE_URL });
    const { outboxIds } = await requestPasswordReset(deps, resetInput(email));
    const token = tokenFromEmail((await outboxRow(outboxIds[0]!)).payload, "/reset-password");
    await resetPassword(deps, { token, password: "verified-by-reset" });
    expect((await userByEmail(email))?.emailVerified?.getTime()).toBe(NOW.getTime());
  });

  it("does not accept a verification link as a reset link", async () => {
    const email = "cross-kind@example.test";
    const { outboxIds } = await registerShopper(deps, adultUseTenant, signUp({ email }), {
      baseUrl: BASE_URL,
    });
    const verifyToken = tokenFromEmail((await outboxRow(outboxIds[0]!)).payload, "/verify-email");
    const before = (await userByEmail(email))!.passwordHash;
    expect(
      (await domainError(resetPassword(deps, { token: verifyToken, password: "hijacked-password" }))).details,
    ).toEqual({
      reason: "unknown",
    });
    expect((await userByEmail(email))!.passwordHash).toBe(before);
    // The verification link itself still works afterwards.
    const [owner] = await handle.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    await expect(verifyEmail(deps, verifyToken)).resolves.toEqual({ userId: owner!.id });
  });
});
