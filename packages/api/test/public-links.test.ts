/**
 * Links in emails and the URLs handed to Stripe come from configuration (ROOT_DOMAIN, PUBLIC_SCHEME), never
 * from the request's Host header: a forged Host (any name, or an IP literal, which counts as the platform)
 * must not end up in a link whose token works on the real site.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { organizations } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import type { BillingContext } from "@cannasaas/core";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { createStripeBilling } from "@cannasaas/integrations/billing/stripe";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import { startStripeStandIn, type StripeStandIn } from "@cannasaas/integrations/testing";
import { hashPassword, type AuthDeps } from "@cannasaas/auth";
import { createCaller, createTrpcContext, type SessionUser } from "../src";
import { outboxPayload } from "./helpers";

const ROOT = "cannasaas.test";
const PLATFORM = `https://${ROOT}`;
const KEY = "sk_test_links";
const PRICES = { starter: "price_l_starter", professional: "price_l_pro", enterprise: "price_l_ent" };
/** Hosts an attacker may send: unknown names (with and without port) and IPv4 literals (the platform). */
const FORGED = ["evil.example", "evil.example:3000", "203.0.113.9", "203.0.113.9:8080"];
/** Forged hosts on which staff procedures run (IP literals count as the platform). */
const FORGED_PLATFORM = ["203.0.113.9", "203.0.113.9:8080"];

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
let deps: AuthDeps;
let store: FixtureTenant;
let standIn: StripeStandIn;
let billing: BillingContext;
const delivered: string[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  deps = {
    db: handle.db,
    kv: kv.kv,
    clock: () => new Date(),
    mail: createDevMailboxTransport(),
  };
  store = await createFixtureTenant(handle.db, {
    tag: "links-a",
    passwordHash: await hashPassword("links-password-1"),
  });
  await handle.db
    .update(organizations)
    .set({ customDomain: "shop.links-a.example" })
    .where(eq(organizations.id, store.org.id));
  standIn = await startStripeStandIn({ secretKey: KEY });
  billing = {
    provider: createStripeBilling({
      secretKey: KEY,
      webhookSecret: "whsec_links",
      prices: PRICES,
      apiBase: standIn.url,
    }),
    operatorEmails: [],
    ownersActAsOperators: false,
  };
});

afterAll(async () => {
  await standIn?.close();
  await kv?.close();
  await handle?.close();
});

let ip = 0;
async function api(host: string, as: { user?: SessionUser; org?: string; scheme?: "http" | "https" } = {}) {
  const ctx = await createTrpcContext({
    deps: { ...deps, billing },
    headers: new Headers({ host, "x-forwarded-for": `198.51.100.${(++ip % 250) + 1}` }),
    rootDomain: ROOT,
    user: as.user ?? null,
    activeOrganizationId: as.org ?? null,
    publicScheme: as.scheme,
    deliverOutbox: (ids) => delivered.push(...ids),
  });
  return createCaller(ctx);
}

const owner = () => ({
  user: { id: store.staff.owner.id, email: store.staff.owner.email },
  org: store.org.id,
});

async function lastEmailText(before: number) {
  expect(delivered.length).toBe(before + 1);
  return (await outboxPayload(handle.db, delivered.at(-1)!)).payload;
}

function expectNoForgedHost(text: string, host: string) {
  expect(text).not.toContain(host.replace(/:\d+$/, ""));
}

describe("password reset with a forged Host", () => {
  it.each(FORGED)("a request to %s links to the configured platform", async (host) => {
    const before = delivered.length;
    await (await api(host)).account.requestPasswordReset({ email: store.staff.viewer.email });
    const { text, html } = await lastEmailText(before);
    expect(text).toContain(`${PLATFORM}/dashboard/reset-password?token=`);
    expectNoForgedHost(text, host);
    expectNoForgedHost(html ?? "", host);
  });

  it("a storefront request links to the store's configured subdomain", async () => {
    const before = delivered.length;
    await (await api(`links-a.${ROOT}`)).account.requestPasswordReset({ email: store.staff.viewer.email });
    expect((await lastEmailText(before)).text).toContain(`https://links-a.${ROOT}/reset-password?token=`);
  });

  it("a request on the store's unverified custom domain is not the store's: it links to the platform", async () => {
    const before = delivered.length;
    await (
      await api("shop.links-a.example")
    ).account.requestPasswordReset({
      email: store.staff.viewer.email,
    });
    const { text } = await lastEmailText(before);
    expect(text).toContain(`https://${ROOT}/dashboard/reset-password?token=`);
    expect(text).not.toContain("shop.links-a.example");
  });

  it("follows PUBLIC_SCHEME", async () => {
    const before = delivered.length;
    await (
      await api("evil.example", { scheme: "http" })
    ).account.requestPasswordReset({ email: store.staff.viewer.email });
    expect((await lastEmailText(before)).text).toContain(`http://${ROOT}/dashboard/reset-password?token=`);
  });
});

describe("invitations with a forged Host", () => {
  it.each(FORGED_PLATFORM)("an invitation sent from %s links to the configured platform", async (host) => {
    const before = delivered.length;
    const email = `invitee-${host.replace(/[^0-9]/g, "")}@example.test`;
    await (await api(host, owner())).team.invite({ email, role: "viewer" });
    const { text } = await lastEmailText(before);
    expect(text).toContain(`${PLATFORM}/invite/`);
    expectNoForgedHost(text, host);
  });
});

describe("Stripe return URLs with a forged Host", () => {
  it.each(FORGED_PLATFORM)("checkout started from %s returns to the configured platform", async (host) => {
    await (await api(host, owner())).billing.startSubscription({ plan: "enterprise" });
    const checkout = standIn.requests.findLast((r) => r.path === "/v1/checkout/sessions");
    expect(checkout?.params).toMatchObject({
      success_url: `${PLATFORM}/dashboard/billing?checkout=done`,
      cancel_url: `${PLATFORM}/dashboard/billing`,
    });
  });

  it.each(FORGED_PLATFORM)(
    "the billing portal opened from %s returns to the configured platform",
    async (host) => {
      await (await api(host, owner())).billing.portal();
      const portal = standIn.requests.findLast((r) => r.path === "/v1/billing_portal/sessions");
      expect(portal?.params).toMatchObject({ return_url: `${PLATFORM}/dashboard/billing` });
    },
  );
});
