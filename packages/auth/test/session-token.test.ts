/**
 * Session versions, end to end at the token level: a JWT is minted as Auth.js mints it at sign-in (the jwt
 * callback, then `encode`), and each later request decodes it and runs the jwt callback again, as `auth()` does.
 * A null from the callback is what Auth.js treats as signed out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { decode, encode } from "next-auth/jwt";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { outboxMessages } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { changeMemberRole, endAllSessions, removeMember } from "@cannasaas/core";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import type { AuthDeps } from "../src/deps";
import { requestPasswordReset, resetPassword } from "../src/accounts";
import { sessionTokenCallbacks } from "../src/session-token";
import { tokenFromEmail } from "./helpers";

const SECRET = "test-secret-for-session-tokens-0123456789";
const SALT = "authjs.session-token";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
let deps: AuthDeps;
let T: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  deps = { db: handle.db, kv: kv.kv, clock: () => new Date(), mail: createDevMailboxTransport() };
  T = await createFixtureTenant(handle.db, { tag: "sessv", passwordHash: "x" });
});
afterAll(async () => {
  await kv?.close();
  await handle?.close();
});

/** Signs in: the cookie value Auth.js would set. */
async function signIn(userId: string) {
  const token = await sessionTokenCallbacks(deps).jwt({ token: {}, user: { id: userId } });
  expect(token).not.toBeNull();
  return encode({ token: token!, secret: SECRET, salt: SALT });
}

/** One request with that cookie: the signed-in user id, or null when the session has ended. */
async function request(cookie: string) {
  const payload = await decode({ token: cookie, secret: SECRET, salt: SALT });
  const token = await sessionTokenCallbacks(deps).jwt({ token: payload! });
  return token?.sub ?? null;
}

async function resetPasswordOf(email: string, password: string) {
  const { outboxIds } = await requestPasswordReset(deps, {
    email,
    organizationId: T.org.id,
    storeName: "Store sessv",
    resetPath: "/reset-password",
    baseUrl: "http://sessv.localhost:3000",
  });
  const [row] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, outboxIds[0]!));
  await resetPassword(deps, { token: tokenFromEmail(row!.payload, "/reset-password"), password });
}

const owner = () => ({ organizationId: T.org.id, userId: T.staff.owner.id, role: "owner" as const });

describe("session versions", () => {
  it("refuses a session minted before a password reset and accepts one minted after", async () => {
    const before = await signIn(T.shopper.userId);
    // Read once first, so the version is cached: the reset must not be hidden by the cache.
    expect(await request(before)).toBe(T.shopper.userId);

    await resetPasswordOf(T.shopper.email, "a-brand-new-password");

    expect(await request(before)).toBeNull();
    const after = await signIn(T.shopper.userId);
    expect(await request(after)).toBe(T.shopper.userId);
    expect(await request(after)).toBe(T.shopper.userId);
  });

  it("ends a staff member's sessions when they are removed, and nobody else's", async () => {
    const driver = await signIn(T.staff.driver.id);
    const viewer = await signIn(T.staff.viewer.id);
    expect(await request(driver)).toBe(T.staff.driver.id);

    await removeMember(deps, owner(), { userId: T.staff.driver.id });

    expect(await request(driver)).toBeNull();
    expect(await request(viewer)).toBe(T.staff.viewer.id);
  });

  it("ends a staff member's sessions when their role changes", async () => {
    const budtender = await signIn(T.staff.budtender.id);
    expect(await request(budtender)).toBe(T.staff.budtender.id);

    await changeMemberRole(deps, owner(), { userId: T.staff.budtender.id, role: "viewer" });

    expect(await request(budtender)).toBeNull();
    expect(await request(await signIn(T.staff.budtender.id))).toBe(T.staff.budtender.id);
  });

  it("signing out everywhere ends every session, the current one included", async () => {
    const phone = await signIn(T.staff.manager.id);
    const laptop = await signIn(T.staff.manager.id);
    expect(await request(phone)).toBe(T.staff.manager.id);
    expect(await request(laptop)).toBe(T.staff.manager.id);

    await endAllSessions(deps, T.staff.manager.id);

    expect(await request(phone)).toBeNull();
    expect(await request(laptop)).toBeNull();
    expect(await request(await signIn(T.staff.manager.id))).toBe(T.staff.manager.id);
  });

  it("treats a token from before versions existed as version 0, and refuses a deleted user's token", async () => {
    const legacy = await encode({ token: { sub: T.minor.userId }, secret: SECRET, salt: SALT });
    expect(await request(legacy)).toBe(T.minor.userId);
    await endAllSessions(deps, T.minor.userId);
    expect(await request(legacy)).toBeNull();

    const ghost = await encode({ token: { sub: crypto.randomUUID(), sv: 0 }, secret: SECRET, salt: SALT });
    expect(await request(ghost)).toBeNull();
  });
});
