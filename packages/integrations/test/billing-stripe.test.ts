import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookVerificationError } from "../src/billing";
import { createStripeBilling, stripeOptionsFromEnv } from "../src/billing/stripe";
import { signStripeEvent, startStripeStandIn, type StripeStandIn } from "../src/testing";

const SECRET_KEY = "sk_test_standin";
const WEBHOOK_SECRET = "whsec_test_standin";
const PRICES = { starter: "price_starter", professional: "price_pro", enterprise: "price_ent" };

let standIn: StripeStandIn;
let billing: { standIn: StripeStandIn; provider: ReturnType<typeof createStripeBilling> };

beforeAll(async () => {
  standIn = await startStripeStandIn({ secretKey: SECRET_KEY });
  const provider = createStripeBilling({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    prices: PRICES,
    apiBase: standIn.url,
  });
  billing = { standIn, provider };
});
afterAll(async () => standIn?.close());

const signedEvent = (
  type: string,
  object: Record<string, unknown>,
  options: { secret?: string; timestamp?: number } = {},
) => signStripeEvent(type, object, { ...options, secret: options.secret ?? WEBHOOK_SECRET });

describe("Stripe adapter against the stand-in", () => {
  it("maps prices back to plans and ignores prices that are not ours", () => {
    expect(billing.provider.planForPrice("price_pro")).toBe("professional");
    expect(billing.provider.planForPrice("price_someone_else")).toBeNull();
  });

  it("reports a wrong secret key as a failure, not as success", async () => {
    const wrong = createStripeBilling({
      secretKey: "sk_test_wrong",
      webhookSecret: WEBHOOK_SECRET,
      prices: PRICES,
      apiBase: billing.standIn.url,
    });
    await expect(wrong.listInvoices("cus_x")).rejects.toThrow(/Invalid API Key/);
  });

  it("verifies webhook signatures: valid passes, forged, missing and too old are refused with a reason", async () => {
    const ok = signedEvent("invoice.paid", { id: "in_1", customer: "cus_1" });
    const event = await billing.provider.verifyWebhook(ok.body, ok.signature);
    expect(event).toMatchObject({ type: "invoice.paid", object: { id: "in_1" } });

    const forged = signedEvent("invoice.paid", { id: "in_1" }, { secret: "whsec_attacker" });
    await expect(billing.provider.verifyWebhook(forged.body, forged.signature)).rejects.toThrow(
      new WebhookVerificationError("The Stripe signature does not match this payload."),
    );
    await expect(
      billing.provider.verifyWebhook(ok.body.replace("in_1", "in_2"), ok.signature),
    ).rejects.toThrow(/does not match/);
    await expect(billing.provider.verifyWebhook(ok.body, null)).rejects.toThrow(
      "Missing Stripe-Signature header.",
    );
    const old = signedEvent(
      "invoice.paid",
      { id: "in_1" },
      { timestamp: Math.floor(Date.now() / 1000) - 3600 },
    );
    await expect(billing.provider.verifyWebhook(old.body, old.signature)).rejects.toThrow(/too old/);
  });
});

describe("configuration", () => {
  it("reads the environment: nothing set is not configured, half set is an error", () => {
    expect(stripeOptionsFromEnv({})).toBeNull();
    expect(() => stripeOptionsFromEnv({ STRIPE_SECRET_KEY: SECRET_KEY })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(
      stripeOptionsFromEnv({
        STRIPE_SECRET_KEY: SECRET_KEY,
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_PRICE_STARTER: "a",
        STRIPE_PRICE_PROFESSIONAL: "b",
        STRIPE_PRICE_ENTERPRISE: "c",
      }),
    ).toMatchObject({ prices: { starter: "a", professional: "b", enterprise: "c" } });
  });
});
