import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  customDomainVerifications,
  organizations,
  outboxMessages,
  type EmailPayload,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import type { AuthDeps } from "../src/deps";
import { onPublicOrigin, sendMagicLink } from "../src/magic-link";

const ROOT = "cannasaas.test";
const PASSWORD_HASH = "unused";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
let deps: AuthDeps;
let store: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  deps = { db: handle.db, kv: kv.kv, clock: () => new Date(), mail: createDevMailboxTransport() };
  store = await createFixtureTenant(handle.db, { tag: "ml-store", passwordHash: PASSWORD_HASH });
  await handle.db
    .update(organizations)
    .set({ customDomain: "shop.ml-store.example" })
    .where(eq(organizations.id, store.org.id));
});

afterAll(async () => {
  await kv?.close();
  await handle?.close();
});

/** What Auth.js hands the sender: a link on the origin of the request it saw, whose host the client chose. */
function authJsCall(host: string, callbackUrl = `http://${host}/account`) {
  const url = `http://${host}/api/auth/callback/email?callbackUrl=${encodeURIComponent(callbackUrl)}&token=tok123&email=a%40b.test`;
  const request = new Request(`http://${host}/api/auth/signin/email`, { method: "POST", headers: { host } });
  return { identifier: "someone@example.test", url, request };
}

async function send(host: string, options: { scheme?: "http" | "https"; callbackUrl?: string } = {}) {
  const delivered: string[] = [];
  const id = await sendMagicLink(
    deps,
    { rootDomain: ROOT, publicScheme: options.scheme, deliverOutbox: (ids) => delivered.push(...ids) },
    authJsCall(host, options.callbackUrl),
  );
  expect(delivered).toEqual([id]);
  const [row] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return { row: row!, text: (row!.payload as EmailPayload).text, html: (row!.payload as EmailPayload).html };
}

describe("magic-link emails with a forged Host", () => {
  it.each(["evil.example", "evil.example:3000", "203.0.113.9", "203.0.113.9:443", "127.0.0.1:3000"])(
    "a request to %s links to the configured platform, never to that host",
    async (host) => {
      const { row, text, html } = await send(host);
      expect(row.organizationId).toBeNull();
      expect(text).toContain(`https://${ROOT}/api/auth/callback/email?`);
      expect(text).toContain("token=tok123");
      const forged = host.replace(/:\d+$/, "");
      expect(text).not.toContain(forged);
      expect(html ?? "").not.toContain(forged);
    },
  );

  it("a storefront request links to that store's subdomain, with the callback made relative", async () => {
    const { row, text } = await send(`ml-store.${ROOT}`, { callbackUrl: "https://evil.example/steal" });
    expect(row.organizationId).toBe(store.org.id);
    expect(text).toContain(`https://ml-store.${ROOT}/api/auth/callback/email?`);
    expect(text).toContain(`callbackUrl=${encodeURIComponent("/steal")}`);
    expect(text).not.toContain("evil.example");
  });

  it("a request on an unverified custom domain is no store's, and links to the platform", async () => {
    const { row, text } = await send("shop.ml-store.example");
    expect(row.organizationId).toBeNull();
    expect(text).toContain(`https://${ROOT}/api/auth/callback/email?`);
    expect(text).not.toContain("shop.ml-store.example");
  });

  it("a request on a verified custom domain picks the store but links to its subdomain", async () => {
    // DNS proof is what lets a domain serve; here it is recorded directly.
    await handle.db.insert(customDomainVerifications).values({
      organizationId: store.org.id,
      domain: "shop.ml-store.example",
      token: "t",
      cnameTarget: `ml-store.${ROOT}`,
      verifiedAt: new Date(),
    });
    await kv.kv.del("tenant:domain:shop.ml-store.example");
    const { row, text } = await send("shop.ml-store.example");
    expect(row.organizationId).toBe(store.org.id);
    expect(text).toContain(`https://ml-store.${ROOT}/api/auth/callback/email?`);
    expect(text).not.toContain("shop.ml-store.example");
  });

  it("uses PUBLIC_SCHEME when set", async () => {
    const { text } = await send("evil.example", { scheme: "http" });
    expect(text).toContain(`http://${ROOT}/api/auth/callback/email?`);
  });
});

describe("onPublicOrigin", () => {
  it("keeps path, token and a relative callback; drops any other origin", () => {
    expect(
      onPublicOrigin(
        "http://evil.example/api/auth/callback/email?token=t&callbackUrl=%2Fa",
        "https://x.test",
      ),
    ).toBe("https://x.test/api/auth/callback/email?token=t&callbackUrl=%2Fa");
    expect(
      onPublicOrigin("http://evil.example/cb?callbackUrl=%2F%2Fevil.example%2Fx", "https://x.test"),
    ).toBe("https://x.test/cb?callbackUrl=%2F");
    expect(onPublicOrigin("http://evil.example/cb?callbackUrl=not%20a%20url", "https://x.test")).toBe(
      "https://x.test/cb?callbackUrl=%2F",
    );
  });
});
