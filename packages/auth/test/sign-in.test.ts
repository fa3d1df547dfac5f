import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { customers, users } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import type { AuthDeps } from "../src/deps";
import { clientIp } from "../src/client-ip";
import { hashPassword } from "../src/password";
import {
  authenticateWithPassword,
  ensureCustomer,
  SIGN_IN_LIMIT,
  SignInError,
  signInMessages,
  type SignInFailure,
} from "../src/sign-in";

const PASSWORD = "fixture-password-1";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
let deps: AuthDeps;
let a: FixtureTenant;
let b: FixtureTenant;
let unverifiedEmail: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  deps = { db: handle.db, kv: kv.kv, clock: () => new Date(), mail: createDevMailboxTransport() };
  const passwordHash = await hashPassword(PASSWORD);
  a = await createFixtureTenant(handle.db, { tag: "signin-a", passwordHash });
  b = await createFixtureTenant(handle.db, { tag: "signin-b", passwordHash });
  unverifiedEmail = "unverified@signin.test";
  await handle.db
    .insert(users)
    .values({ email: unverifiedEmail, name: "Not Yet", passwordHash, emailVerified: null });
});
afterAll(async () => {
  await kv?.close();
  await handle?.close();
});

async function userByEmail(email: string) {
  const [row] = await handle.db.select().from(users).where(eq(users.email, email));
  return row;
}

let ipCounter = 0;
/** A fresh client address per call unless a test pins one, so the per-IP limit only bites where intended. */
const freshIp = () => `198.51.100.${++ipCounter}`;

async function failure(input: {
  email: string;
  password: string;
  ip?: string | null;
}): Promise<SignInFailure> {
  const error = await authenticateWithPassword(deps, { ip: freshIp(), ...input }).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof SignInError)) throw new Error(`expected a SignInError, got ${String(error)}`);
  expect(error.message).toBe(signInMessages[error.reason]);
  return error.reason;
}

describe("authenticateWithPassword", () => {
  it("signs in a verified user with the right password", async () => {
    const user = await authenticateWithPassword(deps, {
      email: a.staff.owner.email,
      password: PASSWORD,
      ip: freshIp(),
    });
    expect(user).toEqual({ id: a.staff.owner.id, email: a.staff.owner.email, name: "owner signin-a" });
  });

  it("refuses a wrong password and an unknown email with the same reason and message", async () => {
    expect(await failure({ email: a.staff.admin.email, password: "wrong-password" })).toBe(
      "invalid_credentials",
    );
    expect(await failure({ email: "nobody@signin.test", password: PASSWORD })).toBe("invalid_credentials");
    // An account without a password (magic-link only) is no different.
    await handle.db.insert(users).values({ email: "nopassword@signin.test", emailVerified: new Date() });
    expect(await failure({ email: "nopassword@signin.test", password: PASSWORD })).toBe(
      "invalid_credentials",
    );
  });

  it("asks an unverified user to confirm their email, but only once the password is right", async () => {
    expect(await failure({ email: unverifiedEmail, password: PASSWORD })).toBe("email_not_verified");
    // Without the right password the account's state is not revealed.
    expect(await failure({ email: unverifiedEmail, password: "wrong-password" })).toBe("invalid_credentials");
  });

  it("blocks the 6th attempt for one email within the window, even with the right password", async () => {
    const email = a.staff.manager.email;
    for (let i = 0; i < SIGN_IN_LIMIT; i++) {
      expect(await failure({ email, password: `wrong-${i}` })).toBe("invalid_credentials");
    }
    expect(await failure({ email, password: PASSWORD })).toBe("rate_limited");
    expect(await failure({ email, password: PASSWORD })).toBe("rate_limited");
    // Other accounts are unaffected.
    await expect(
      authenticateWithPassword(deps, { email: a.staff.viewer.email, password: PASSWORD, ip: freshIp() }),
    ).resolves.toMatchObject({ id: a.staff.viewer.id });
  });

  it("blocks a client address after 5 attempts across different emails", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < SIGN_IN_LIMIT; i++) {
      expect(await failure({ email: `spray-${i}@signin.test`, password: "guess", ip })).toBe(
        "invalid_credentials",
      );
    }
    // A 6th email with the right password, from the same address, is refused.
    expect(await failure({ email: b.staff.owner.email, password: PASSWORD, ip })).toBe("rate_limited");
    // The same account from another address works (its own counter was only touched once).
    await expect(
      authenticateWithPassword(deps, { email: b.staff.owner.email, password: PASSWORD, ip: freshIp() }),
    ).resolves.toMatchObject({ id: b.staff.owner.id });
  });

  it("locks out an attacker who rotates X-Forwarded-For when no proxy is trusted", async () => {
    const email = "spoofed@signin.test";
    const noProxy = { trustedProxyHops: 0, clientIpHeader: null };
    const spoofed = (i: number) =>
      new Request("http://localhost:3000/api/auth/callback/credentials", {
        headers: { "x-forwarded-for": `1.2.3.${i}`, "x-real-ip": `5.6.7.${i}` },
      });
    // The forged header changes nothing: the address is unknown, the same as with no header at all.
    expect(clientIp(spoofed(1), noProxy)).toBe(clientIp(new Request("http://localhost:3000/"), noProxy));
    for (let i = 0; i < SIGN_IN_LIMIT; i++) {
      expect(await failure({ email, password: `wrong-${i}`, ip: clientIp(spoofed(i), noProxy) })).toBe(
        "invalid_credentials",
      );
    }
    expect(await failure({ email, password: "guess", ip: clientIp(spoofed(99), noProxy) })).toBe(
      "rate_limited",
    );
  });

  it("with an unknown address, limits by account only, never one bucket shared by everyone", async () => {
    for (let i = 0; i < SIGN_IN_LIMIT + 2; i++) {
      await expect(
        authenticateWithPassword(deps, { email: `nobody-${i}@signin.test`, password: "guess", ip: null }),
      ).rejects.toMatchObject({ reason: "invalid_credentials" });
    }
    // Many failures against other accounts from unknown addresses do not lock this one out.
    await expect(
      authenticateWithPassword(deps, { email: a.staff.viewer.email, password: PASSWORD, ip: null }),
    ).resolves.toMatchObject({ id: a.staff.viewer.id });
  });

  it("with 1 trusted hop, counts the address the proxy saw, whatever the client prepends", async () => {
    const oneHop = { trustedProxyHops: 1, clientIpHeader: null };
    const via = (prepended: string) =>
      clientIp(
        new Request("http://localhost:3000/", {
          headers: { "x-forwarded-for": `${prepended}, 203.0.113.200` },
        }),
        oneHop,
      );
    for (let i = 0; i < SIGN_IN_LIMIT; i++) {
      expect(await failure({ email: `hop-${i}@signin.test`, password: "guess", ip: via(`1.2.3.${i}`) })).toBe(
        "invalid_credentials",
      );
    }
    expect(await failure({ email: b.staff.viewer.email, password: PASSWORD, ip: via("9.9.9.9") })).toBe(
      "rate_limited",
    );
  });

  it("resets the per-email counter after a successful sign-in", async () => {
    const email = b.staff.admin.email;
    for (let i = 0; i < SIGN_IN_LIMIT - 1; i++) {
      expect(await failure({ email, password: "wrong" })).toBe("invalid_credentials");
    }
    await expect(
      authenticateWithPassword(deps, { email, password: PASSWORD, ip: freshIp() }),
    ).resolves.toMatchObject({
      id: b.staff.admin.id,
    });
    // A fresh budget of 5: without the reset the 2nd of these would already be rate limited.
    for (let i = 0; i < SIGN_IN_LIMIT; i++) {
      expect(await failure({ email, password: "wrong" })).toBe("invalid_credentials");
    }
    expect(await failure({ email, password: PASSWORD })).toBe("rate_limited");
  });

  it("does not reset the per-email counter when the password is right but the email is unverified", async () => {
    const email = "unverified-2@signin.test";
    await handle.db
      .insert(users)
      .values({ email, passwordHash: (await userByEmail(unverifiedEmail))!.passwordHash });
    for (let i = 0; i < SIGN_IN_LIMIT; i++) {
      expect(await failure({ email, password: PASSWORD })).toBe("email_not_verified");
    }
    expect(await failure({ email, password: PASSWORD })).toBe("rate_limited");
  });

  it("counts attempts in the configured store", () => {
    // With TEST_REDIS_URL the limiter above ran on real Redis through the Upstash REST client.
    expect(kv.kv.kind).toBe(process.env.TEST_REDIS_URL ? "upstash" : "memory");
  });
});

describe("ensureCustomer", () => {
  it("creates one customer per dispensary for an account, and is idempotent", async () => {
    const userId = a.shopper.userId;
    expect(await ensureCustomer(deps, a.org.id, userId)).toBe(a.shopper.customerId);
    const atB = await ensureCustomer(deps, b.org.id, userId);
    expect(atB).not.toBe(a.shopper.customerId);
    const [again, concurrent] = await Promise.all([
      ensureCustomer(deps, b.org.id, userId),
      ensureCustomer(deps, b.org.id, userId),
    ]);
    expect(again).toBe(atB);
    expect(concurrent).toBe(atB);
    const rows = await handle.db.select().from(customers).where(eq(customers.userId, userId));
    expect(rows.map((r) => r.organizationId).sort()).toEqual([a.org.id, b.org.id].sort());
    const [bRow] = await handle.db
      .select()
      .from(customers)
      .where(and(eq(customers.organizationId, b.org.id), eq(customers.userId, userId)));
    expect(bRow).toMatchObject({
      marketingEmailConsent: false,
      marketingSmsConsent: false,
      isMedicalPatient: false,
    });
  });

  it("never recreates a customer for an erased account or a missing user", async () => {
    const [ghost] = await handle.db
      .insert(users)
      .values({ email: `erased-${crypto.randomUUID()}@invalid` })
      .returning({ id: users.id });
    expect(await ensureCustomer(deps, a.org.id, ghost!.id)).toBeNull();
    expect(await ensureCustomer(deps, a.org.id, crypto.randomUUID())).toBeNull();
    const rows = await handle.db.select().from(customers).where(eq(customers.userId, ghost!.id));
    expect(rows).toEqual([]);
  });
});
