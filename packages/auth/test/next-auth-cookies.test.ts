import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import type { AuthDeps } from "../src/deps";
import { createNextAuth } from "../src/next-auth";
import { mayHaveSession } from "../src/session-cookie";
import { hashPassword } from "../src/password";

const PASSWORD = "fixture-password-1";
const ROOT = "cannasaas.test";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
let deps: AuthDeps;
let store: FixtureTenant;

beforeAll(async () => {
  process.env.AUTH_SECRET ??= "cookie-test-secret-cookie-test-secret";
  handle = await createTestDatabase();
  kv = await createTestKv();
  deps = { db: handle.db, kv: kv.kv, clock: () => new Date(), mail: createDevMailboxTransport() };
  store = await createFixtureTenant(handle.db, {
    tag: "cookie-store",
    passwordHash: await hashPassword(PASSWORD),
  });
});
afterAll(async () => {
  await kv?.close();
  await handle?.close();
});

const authFor = (publicScheme: "http" | "https") =>
  createNextAuth({ getDeps: async () => deps, rootDomain: ROOT, publicScheme, deliverOutbox: () => {} });

const setCookies = (response: Response) => response.headers.getSetCookie();
const cookiePair = (header: string) => header.split(";")[0]!;

/**
 * Signs in with a password the way the browser does (CSRF cookie and token, then the credentials callback),
 * on a plain-http URL: what `next start` sees behind a proxy that terminates TLS.
 */
async function signIn(publicScheme: "http" | "https") {
  const { handlers } = authFor(publicScheme);
  const csrf = await handlers.GET(
    new NextRequest(`http://${ROOT}/api/auth/csrf`, { headers: { host: ROOT } }),
  );
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = setCookies(csrf);
  const callback = await handlers.POST(
    new NextRequest(`http://${ROOT}/api/auth/callback/credentials`, {
      method: "POST",
      headers: {
        host: ROOT,
        "content-type": "application/x-www-form-urlencoded",
        cookie: csrfCookies.map(cookiePair).join("; "),
      },
      body: new URLSearchParams({
        csrfToken,
        email: store.staff.owner.email,
        password: PASSWORD,
        callbackUrl: `https://${ROOT}/dashboard`,
      }),
    }),
  );
  return [...csrfCookies, ...setCookies(callback)];
}

describe("Auth.js cookies", () => {
  it("are all Secure (and prefixed) when the deployment is https, whatever scheme the request arrived on", async () => {
    const cookies = await signIn("https");
    const names = cookies.map((c) => cookiePair(c).split("=")[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        "__Host-authjs.csrf-token",
        "__Secure-authjs.callback-url",
        "__Secure-authjs.session-token",
      ]),
    );
    for (const cookie of cookies) {
      expect(cookie, cookie.split("=")[0]).toMatch(/;\s*Secure/i);
      expect(cookie, cookie.split("=")[0]).toMatch(/;\s*HttpOnly/i);
    }
  });

  it("are not Secure on a plain-http local deployment, so a laptop can sign in", async () => {
    const cookies = await signIn("http");
    expect(cookies.map((c) => cookiePair(c).split("=")[0])).toContain("authjs.session-token");
    for (const cookie of cookies) expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it("name the session cookie so a guest's request can be told from a signed-in one without Auth.js", async () => {
    for (const scheme of ["http", "https"] as const) {
      const cookies = await signIn(scheme);
      const session = cookies.map((c) => cookiePair(c).split("=")[0]!).filter((n) => n.includes("session"));
      expect(session.length, scheme).toBeGreaterThan(0);
      expect(mayHaveSession(session), scheme).toBe(true);
      // What a guest carries before signing in: the CSRF and callback cookies, and the store's own cookies.
      const guest = cookies.map((c) => cookiePair(c).split("=")[0]!).filter((n) => !n.includes("session"));
      expect(mayHaveSession([...guest, "cs_cart", "age_ok"]), scheme).toBe(false);
    }
    expect(mayHaveSession(["authjs.session-token.0", "authjs.session-token.1"])).toBe(true);
    expect(mayHaveSession(["xauthjs.session-token", "authjs.session-token-x"])).toBe(false);
  });
});
