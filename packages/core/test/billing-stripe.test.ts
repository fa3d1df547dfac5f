import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { billingAccounts, inventoryLevels, locations, organizations } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  billingOverview,
  billingPortalUrl,
  changePlan,
  hasFeature,
  isDomainError,
  listBillingInvoices,
  setPlanDirectly,
  startSubscription,
  unconfiguredBilling,
  type CoreDeps,
} from "../src";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "../src/testing";
import { PRICES, startBilling } from "./billing-fixture";

let handle: DatabaseHandle;
let kvHandle: Awaited<ReturnType<typeof createTestKv>>;
let deps: Pick<CoreDeps, "db" | "kv" | "clock">;
let billing: Awaited<ReturnType<typeof startBilling>>;
let t: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  kvHandle = await createTestKv();
  deps = { db: handle.db, kv: kvHandle.kv, clock: () => new Date() };
  billing = await startBilling();
  t = await createFixtureTenant(handle.db, { tag: "stripe-a", passwordHash: "x" });
  // One location, so Starter fits.
  await handle.db.delete(inventoryLevels).where(eq(inventoryLevels.locationId, t.locations[1]!.id));
  await handle.db.delete(locations).where(eq(locations.id, t.locations[1]!.id));
});
afterAll(async () => {
  await billing?.standIn.close();
  await kvHandle?.close();
  await handle?.close();
});

const urls = {
  successUrl: "http://localhost:3000/dashboard/billing?done=1",
  cancelUrl: "http://localhost:3000/dashboard/billing",
};

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("Stripe adapter against the stand-in", () => {
  it("starts Starter through checkout with a 14-day trial, one customer per organization, with the secret key", async () => {
    await setPlanDirectly(deps, t.org.id, { plan: "starter", status: "trialing" });
    await handle.db.delete(billingAccounts).where(eq(billingAccounts.organizationId, t.org.id));
    const [a, b] = await Promise.all([
      startSubscription(deps, billing.provider, t.org.id, { plan: "starter", ...urls }),
      startSubscription(deps, billing.provider, t.org.id, { plan: "starter", ...urls }),
    ]);
    expect(a.url).toMatch(new RegExp(`^${billing.standIn.url}/pay/cs_`));
    expect(b.url).toMatch(/\/pay\/cs_/);
    // Two clicks at once still make one Stripe customer (idempotency key per organization).
    const customerCalls = billing.standIn.requests.filter((r) => r.path === "/v1/customers");
    expect(new Set(customerCalls.map((r) => r.idempotencyKey))).toEqual(new Set([`customer:${t.org.id}`]));
    expect(billing.standIn.customers.size).toBe(1);
    const checkout = billing.standIn.requests.find((r) => r.path === "/v1/checkout/sessions")!;
    expect(checkout.params).toMatchObject({
      mode: "subscription",
      client_reference_id: t.org.id,
      line_items: [{ price: PRICES.starter, quantity: "1" }],
      subscription_data: { trial_period_days: "14", metadata: { organizationId: t.org.id, plan: "starter" } },
    });
    const [acct] = await handle.db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.organizationId, t.org.id));
    expect(acct?.stripeCustomerId).toBe([...billing.standIn.customers.keys()][0]);
  });

  it("gives no trial on Professional", async () => {
    const before = billing.standIn.requests.length;
    await startSubscription(deps, billing.provider, t.org.id, { plan: "professional", ...urls });
    const checkout = billing.standIn.requests.slice(before).find((r) => r.path === "/v1/checkout/sessions")!;
    expect(checkout.params.subscription_data).not.toHaveProperty("trial_period_days");
  });

  it("changes the plan with proration, applies it at once and lists the proration invoice", async () => {
    const [acct] = await handle.db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.organizationId, t.org.id));
    const customer = acct!.stripeCustomerId!;
    const sub = billing.standIn.createSubscription({ customer, price: PRICES.starter, status: "active" });
    // The webhook for the completed checkout links the subscription (tested in the webhook tests); here directly.
    await handle.db
      .update(billingAccounts)
      .set({ stripeSubscriptionId: sub.id, stripeStatus: "active" })
      .where(eq(billingAccounts.organizationId, t.org.id));
    await setPlanDirectly(deps, t.org.id, { plan: "starter", status: "active" });
    expect(await hasFeature(deps, t.org.id, "loyalty_program")).toBe(false);

    const state = await changePlan(deps, billing.provider, t.org.id, "professional");
    expect(state).toMatchObject({ plan: "professional", status: "active" });
    expect(await hasFeature(deps, t.org.id, "loyalty_program")).toBe(true);
    const update = billing.standIn.requests.find(
      (r) => r.method === "POST" && r.path === `/v1/subscriptions/${sub.id}`,
    )!;
    expect(update.params).toMatchObject({
      proration_behavior: "always_invoice",
      items: [{ id: (sub.items as { data: { id: string }[] }).data[0]!.id, price: PRICES.professional }],
    });

    const invoices = await listBillingInvoices(deps, billing.provider, t.org.id);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ amountDueCents: 10_000, status: "paid", currency: "usd" });
    expect(
      (await refusal(startSubscription(deps, billing.provider, t.org.id, { plan: "starter", ...urls }))).code,
    ).toBe("CONFLICT");
  });

  it("refuses a downgrade the organization does not fit, before calling Stripe", async () => {
    await handle.db
      .insert(locations)
      .values({ ...t.locations[0]!, id: undefined, slug: "second", name: "second" });
    const before = billing.standIn.requests.length;
    const error = await refusal(changePlan(deps, billing.provider, t.org.id, "starter"));
    expect(error.message).toBe("Starter allows 1 locations and you have 2. Remove or archive 1 first.");
    expect(billing.standIn.requests.length).toBe(before);
    expect(
      (await handle.db.select().from(organizations).where(eq(organizations.id, t.org.id)))[0]?.plan,
    ).toBe("professional");
  });

  it("opens the customer portal for the organization's customer", async () => {
    const { url } = await billingPortalUrl(
      deps,
      billing.provider,
      t.org.id,
      "http://localhost:3000/dashboard/billing",
    );
    expect(url).toMatch(/\/portal\/bps_/);
    const call = billing.standIn.requests.findLast((r) => r.path === "/v1/billing_portal/sessions")!;
    expect(call.params.return_url).toBe("http://localhost:3000/dashboard/billing");
  });
});

describe("without Stripe", () => {
  it("reports not configured and refuses provider actions with that message", async () => {
    const overview = await billingOverview(
      deps,
      { provider: unconfiguredBilling, operatorEmails: [], ownersActAsOperators: true },
      t.org.id,
    );
    expect(overview.configured).toBe(false);
    const error = await refusal(
      startSubscription(deps, unconfiguredBilling, t.org.id, { plan: "starter", ...urls }),
    );
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toMatch(/Stripe is not configured/);
    expect(await listBillingInvoices(deps, unconfiguredBilling, t.org.id)).toEqual([]);
  });
});
