import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { billingAccounts, organizations, outboxMessages, stripeEvents } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { hasFeature, planState, processBillingEvent, setPlanDirectly, type CoreDeps } from "../src";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "../src/testing";
import { PRICES, signedEvent, startBilling } from "./billing-fixture";

let handle: DatabaseHandle;
let kvHandle: Awaited<ReturnType<typeof createTestKv>>;
let deps: Pick<CoreDeps, "db" | "kv" | "clock">;
let billing: Awaited<ReturnType<typeof startBilling>>;
let t: FixtureTenant;
let other: FixtureTenant;
const CUSTOMER = "cus_webhook_a";
const OTHER_CUSTOMER = "cus_webhook_b";
const SUB = "sub_webhook_a";
const T0 = Math.floor(Date.UTC(2026, 5, 1) / 1000);

beforeAll(async () => {
  handle = await createTestDatabase();
  kvHandle = await createTestKv();
  deps = { db: handle.db, kv: kvHandle.kv, clock: () => new Date() };
  billing = await startBilling();
  t = await createFixtureTenant(handle.db, { tag: "hook-a", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "hook-b", passwordHash: "x" });
  await handle.db.insert(billingAccounts).values([
    { organizationId: t.org.id, stripeCustomerId: CUSTOMER },
    { organizationId: other.org.id, stripeCustomerId: OTHER_CUSTOMER },
  ]);
  await setPlanDirectly(deps, t.org.id, { plan: "starter", status: "trialing" });
});
afterAll(async () => {
  await billing?.standIn.close();
  await kvHandle?.close();
  await handle?.close();
});

const subscription = (price: string, status: string, extra: Record<string, unknown> = {}) => ({
  id: SUB,
  object: "subscription",
  customer: CUSTOMER,
  status,
  cancel_at_period_end: false,
  trial_end: null,
  items: {
    object: "list",
    data: [{ id: "si_1", price: { id: price }, current_period_end: T0 + 30 * 86_400 }],
  },
  ...extra,
});

/** Delivers a signed event the way the webhook route does: verify, then process. */
async function deliver(signed: { body: string; signature: string }) {
  const event = await billing.provider.verifyWebhook(signed.body, signed.signature);
  return processBillingEvent(deps, billing.provider, event, {
    dashboardUrl: "http://localhost:3000/dashboard/billing",
  });
}

const org = async (id = t.org.id) =>
  (await handle.db.select().from(organizations).where(eq(organizations.id, id)))[0]!;
const account = async (id = t.org.id) =>
  (await handle.db.select().from(billingAccounts).where(eq(billingAccounts.organizationId, id)))[0]!;
const dunning = async (id = t.org.id) =>
  handle.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.organizationId, id), eq(outboxMessages.topic, "billing.payment_failed")));

describe("Stripe webhook processing", () => {
  it("applies a new subscription: plan from the price, trial status and end, subscription linked", async () => {
    const trialEnd = T0 + 14 * 86_400;
    const result = await deliver(
      signedEvent(
        "customer.subscription.created",
        subscription(PRICES.starter, "trialing", { trial_end: trialEnd }),
        { created: T0 },
      ),
    );
    expect(result).toMatchObject({ outcome: "applied", organizationId: t.org.id });
    expect(await org()).toMatchObject({
      plan: "starter",
      subscriptionStatus: "trialing",
      trialEndsAt: new Date(trialEnd * 1000),
    });
    expect(await account()).toMatchObject({
      stripeSubscriptionId: SUB,
      stripePriceId: PRICES.starter,
      stripeStatus: "trialing",
    });
  });

  it("processes a replayed event once: the second delivery changes nothing", async () => {
    const upgrade = signedEvent(
      "customer.subscription.updated",
      subscription(PRICES.professional, "active"),
      { created: T0 + 100 },
    );
    expect((await deliver(upgrade)).outcome).toBe("applied");
    expect(await hasFeature(deps, t.org.id, "loyalty_program")).toBe(true);
    // An operator moves the plan on; replaying the old upgrade must not undo that.
    await setPlanDirectly(deps, t.org.id, { plan: "enterprise", status: "active" });
    const before = { org: await org(), account: await account() };
    expect((await deliver(upgrade)).outcome).toBe("duplicate");
    expect({ org: await org(), account: await account() }).toEqual(before);
    expect((await planState(deps, t.org.id)).plan).toBe("enterprise");
  });

  it("processes concurrent duplicate deliveries once, and sends one dunning email", async () => {
    const failed = signedEvent(
      "invoice.payment_failed",
      {
        id: "in_fail_1",
        object: "invoice",
        customer: CUSTOMER,
        parent: { subscription_details: { subscription: SUB } },
        amount_due: 14_900,
        currency: "usd",
        attempt_count: 1,
        next_payment_attempt: T0 + 3 * 86_400 + 200,
        hosted_invoice_url: "https://invoice.stripe.test/in_fail_1",
      },
      { created: T0 + 200 },
    );
    const results = await Promise.all(Array.from({ length: 5 }, () => deliver(failed)));
    expect(results.map((r) => r.outcome).sort()).toEqual([
      "applied",
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
    const emails = await dunning();
    expect(emails).toHaveLength(1);
    expect(emails[0]!.payload).toMatchObject({
      to: t.staff.owner.email,
      subject: "Payment failed for your Enterprise subscription",
    });
    const text = (emails[0]!.payload as { text: string }).text;
    expect(text).toContain("$149.00");
    expect(text).toContain("https://invoice.stripe.test/in_fail_1");
    expect(text).toContain("2026-06-04");
    // Past due keeps the features during Stripe's retries.
    expect((await org()).subscriptionStatus).toBe("past_due");
    expect(await hasFeature(deps, t.org.id, "custom_domain")).toBe(true);
    const rows = await handle.db
      .select()
      .from(stripeEvents)
      .where(eq(stripeEvents.type, "invoice.payment_failed"));
    expect(rows).toHaveLength(1);
  });

  it("a paid invoice ends the past-due spell", async () => {
    const paid = signedEvent(
      "invoice.paid",
      { id: "in_fail_1", customer: CUSTOMER, subscription: SUB },
      { created: T0 + 300 },
    );
    expect((await deliver(paid)).outcome).toBe("applied");
    expect((await org()).subscriptionStatus).toBe("active");
  });

  it("ignores an event older than the state it holds (out of order), but records it", async () => {
    const late = signedEvent("customer.subscription.updated", subscription(PRICES.starter, "trialing"), {
      created: T0 + 50,
    });
    const result = await deliver(late);
    expect(result.outcome).toBe("stale");
    expect(await org()).toMatchObject({ plan: "enterprise", subscriptionStatus: "active" });
    const newer = signedEvent(
      "customer.subscription.updated",
      subscription(PRICES.enterprise, "active", { cancel_at_period_end: true }),
      { created: T0 + 400 },
    );
    expect((await deliver(newer)).outcome).toBe("applied");
    expect((await account()).cancelAtPeriodEnd).toBe(true);
  });

  it("cancels on subscription.deleted, falling back to Starter features at the next check", async () => {
    expect(await hasFeature(deps, t.org.id, "advanced_analytics")).toBe(true); // cached
    const deleted = signedEvent(
      "customer.subscription.deleted",
      subscription(PRICES.enterprise, "canceled"),
      { created: T0 + 500 },
    );
    expect((await deliver(deleted)).outcome).toBe("applied");
    expect((await org()).subscriptionStatus).toBe("canceled");
    expect(await hasFeature(deps, t.org.id, "advanced_analytics")).toBe(false);
    expect((await planState(deps, t.org.id)).effectivePlan).toBe("starter");
  });

  it("never touches another organization, and ignores unknown customers and prices", async () => {
    const before = await org(other.org.id);
    const unknownCustomer = signedEvent("customer.subscription.updated", {
      ...subscription(PRICES.enterprise, "active"),
      customer: "cus_nobody",
    });
    expect(await deliver(unknownCustomer)).toMatchObject({ outcome: "ignored", organizationId: null });
    const foreignPrice = signedEvent(
      "customer.subscription.updated",
      { ...subscription("price_not_ours", "active"), id: "sub_b", customer: OTHER_CUSTOMER },
      { created: T0 + 600 },
    );
    expect(await deliver(foreignPrice)).toMatchObject({ outcome: "ignored", organizationId: other.org.id });
    const unhandled = signedEvent("charge.refunded", { id: "ch_1", customer: OTHER_CUSTOMER });
    expect((await deliver(unhandled)).outcome).toBe("ignored");
    expect(await org(other.org.id)).toEqual(before);
    expect(await dunning(other.org.id)).toEqual([]);
  });
});
