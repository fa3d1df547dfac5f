import { afterAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { billingAccounts, featureOverrides } from "@cannasaas/db/schema";
import {
  type BillingContext,
  planUsage,
  resolvePublicTenant,
  setPlanDirectly,
  unconfiguredBilling,
} from "@cannasaas/core";
import { createStripeBilling } from "@cannasaas/integrations/billing/stripe";
import { createStaticDnsResolver, type DnsResolver } from "@cannasaas/integrations/dns";
import { FIXTURE_ROLES } from "@cannasaas/core/testing";
import { startStripeStandIn, type StripeStandIn } from "@cannasaas/integrations/testing";
import { createCaller, createTrpcContext } from "../../src";
import { codeOf, trpcError } from "../helpers";
import {
  A,
  B,
  deps,
  handle,
  HOST,
  multi,
  NOT_DASHBOARD,
  nextIp,
  orgRow,
  ROOT,
  shopperOf,
  staff,
  type As,
} from "./world";

const PRICES = { starter: "price_mx_starter", professional: "price_mx_pro", enterprise: "price_mx_ent" };
const KEY = "sk_test_matrix";

/** Stripe (through the stand-in) with A and B as customers, each on a Professional subscription. */
let setup:
  Promise<{ standIn: StripeStandIn; stripe: BillingContext; subs: Record<"a" | "b", string> }> | undefined;
function billingWorld() {
  setup ??= (async () => {
    const standIn = await startStripeStandIn({ secretKey: KEY });
    const provider = createStripeBilling({
      secretKey: KEY,
      webhookSecret: "whsec_mx",
      prices: PRICES,
      apiBase: standIn.url,
    });
    const subs = { a: "", b: "" };
    for (const [key, t] of [
      ["a", A],
      ["b", B],
    ] as const) {
      const customer = `cus_mx_${key}`;
      standIn.customers.set(customer, { id: customer, object: "customer" });
      const sub = standIn.createSubscription({ customer, price: PRICES.professional });
      standIn.addInvoice({ customer, subscription: sub.id, amountDue: 14_900 + (key === "b" ? 1 : 0) });
      await handle.db.insert(billingAccounts).values({
        organizationId: t.org.id,
        stripeCustomerId: customer,
        stripeSubscriptionId: sub.id,
        stripeStatus: "active",
      });
      subs[key] = sub.id;
    }
    // multi@mx.test (a viewer at A) is the platform operator.
    const stripe: BillingContext = {
      provider,
      operatorEmails: [multi.email!.toLowerCase()],
      ownersActAsOperators: false,
    };
    return { standIn, stripe, subs };
  })();
  return setup;
}
afterAll(async () => {
  if (setup) await (await setup).standIn.close();
});

const LOCAL: BillingContext = {
  provider: unconfiguredBilling,
  operatorEmails: [],
  ownersActAsOperators: true,
};

/** A caller whose server runs with the given billing context (Stripe stand-in by default). */
async function bapi(host: string, as: As = {}, billing?: BillingContext, dns?: DnsResolver) {
  const ctx = await createTrpcContext({
    deps: { ...deps, billing: billing ?? (await billingWorld()).stripe, ...(dns ? { dns } : {}) },
    headers: new Headers({ host, "x-forwarded-for": nextIp() }),
    clientAddressSettings: { trustedProxyHops: 1, clientIpHeader: null },
    rootDomain: ROOT,
    user: as.user ?? null,
    activeOrganizationId: as.org ?? null,
  });
  return createCaller(ctx);
}

const owner = (t: typeof A) => ({ user: staff(t, "owner"), org: t.org.id });
/** Puts A back as the world created it, for the entries that follow. */
async function restoreA() {
  await setPlanDirectly(deps, A.org.id, { plan: "professional", status: "trialing" });
  await handle.db.delete(featureOverrides).where(eq(featureOverrides.organizationId, A.org.id));
}

function refusesOutsideTheDashboard(call: (host: string, as: As) => Promise<unknown>) {
  it("refuses anonymous callers, shoppers, other hosts and another organization", async () => {
    expect(await codeOf(call(HOST.platform, { org: A.org.id }))).toBe("UNAUTHORIZED");
    expect(await codeOf(call(HOST.platform, { user: shopperOf(A), org: A.org.id }))).toBe("FORBIDDEN");
    for (const host of NOT_DASHBOARD) expect(await codeOf(call(host, owner(A)))).toBe("FORBIDDEN");
    expect(await codeOf(call(HOST.platform, { user: staff(A, "owner"), org: B.org.id }))).toBe("FORBIDDEN");
  });
}

function ownerOnly(call: (host: string, as: As) => Promise<unknown>) {
  it.each(FIXTURE_ROLES.filter((r) => r !== "owner"))("refuses A's %s", async (role) => {
    expect(await codeOf(call(HOST.platform, { user: staff(A, role), org: A.org.id }))).toBe("FORBIDDEN");
  });
  refusesOutsideTheDashboard(call);
}

export const billingEntries: Record<string, () => void> = {
  "billing.overview": () => {
    it.each(FIXTURE_ROLES)("shows A's %s A's plan and usage only", async (role) => {
      const overview = await (
        await bapi(HOST.platform, { user: staff(A, role), org: A.org.id })
      ).billing.overview();
      expect(overview).toMatchObject({
        configured: true,
        plan: "professional",
        // Other entries add products to A; the usage must be A's own count, whatever it is by now.
        usage: {
          locations: { used: 2, limit: 5 },
          products: { used: await planUsage(handle.db, A.org.id, "products"), limit: 5000 },
        },
        canManage: role === "owner",
        canSetPlan: false,
      });
    });
    it("says Stripe is not configured on a local run, where the owner may set the plan", async () => {
      const overview = await (await bapi(HOST.platform, owner(A), LOCAL)).billing.overview();
      expect(overview).toMatchObject({ configured: false, canSetPlan: true });
      const admin = await (
        await bapi(HOST.platform, { user: staff(A, "admin"), org: A.org.id }, LOCAL)
      ).billing.overview();
      expect(admin.canSetPlan).toBe(false);
    });
    refusesOutsideTheDashboard(async (host, as) => (await bapi(host, as)).billing.overview());
  },

  "billing.features": () => {
    it("lists A's features for A's staff, unaffected by B's overrides", async () => {
      await handle.db
        .insert(featureOverrides)
        .values({ organizationId: B.org.id, feature: "metrc_integration", enabled: true });
      const features = await (
        await bapi(HOST.platform, { user: staff(A, "budtender"), org: A.org.id })
      ).billing.features();
      expect(features.plan).toBe("professional");
      expect(features.features).toContain("loyalty_program");
      expect(features.features).not.toContain("metrc_integration");
      await handle.db.delete(featureOverrides).where(eq(featureOverrides.organizationId, B.org.id));
    });
    refusesOutsideTheDashboard(async (host, as) => (await bapi(host, as)).billing.features());
  },

  "billing.invoices": () => {
    it("lists only A's invoices for A's owner", async () => {
      const invoices = await (await bapi(HOST.platform, owner(A))).billing.invoices();
      expect(invoices.map((i) => i.amountDueCents)).toEqual([14_900]);
      const { standIn } = await billingWorld();
      expect(standIn.requests.findLast((r) => r.path === "/v1/invoices")?.params.customer).toBe("cus_mx_a");
    });
    ownerOnly(async (host, as) => (await bapi(host, as)).billing.invoices());
  },

  "billing.startSubscription": () => {
    it("refuses a second subscription, and says so when Stripe is not configured", async () => {
      const error = await trpcError(
        (await bapi(HOST.platform, owner(A))).billing.startSubscription({ plan: "enterprise" }),
      );
      expect(error.code).toBe("CONFLICT");
      const local = await trpcError(
        (await bapi(HOST.platform, owner(A), LOCAL)).billing.startSubscription({ plan: "starter" }),
      );
      expect(local.code).toBe("PRECONDITION_FAILED");
      expect(local.message).toMatch(/Stripe is not configured/);
    });
    ownerOnly(async (host, as) => (await bapi(host, as)).billing.startSubscription({ plan: "enterprise" }));
  },

  "billing.changePlan": () => {
    it("changes A's subscription with proration and leaves B's alone", async () => {
      const { standIn, subs } = await billingWorld();
      const bBefore = await orgRow(B.org.id);
      const state = await (await bapi(HOST.platform, owner(A))).billing.changePlan({ plan: "enterprise" });
      expect(state).toMatchObject({ plan: "enterprise", status: "active" });
      const update = standIn.requests.findLast(
        (r) => r.method === "POST" && r.path.startsWith("/v1/subscriptions/"),
      );
      expect(update).toMatchObject({
        path: `/v1/subscriptions/${subs.a}`,
        params: { proration_behavior: "always_invoice" },
      });
      expect(await orgRow(B.org.id)).toEqual(bBefore);
      expect(
        (standIn.subscriptions.get(subs.b)!.items as { data: { price: { id: string } }[] }).data[0]!.price.id,
      ).toBe(PRICES.professional);
      await restoreA();
    });
    ownerOnly(async (host, as) => (await bapi(host, as)).billing.changePlan({ plan: "enterprise" }));
  },

  "billing.portal": () => {
    it("opens the portal for A's customer, returning to the billing page", async () => {
      const { url } = await (await bapi(HOST.platform, owner(A))).billing.portal();
      expect(url).toMatch(/\/portal\/bps_/);
      const { standIn } = await billingWorld();
      expect(
        standIn.requests.findLast((r) => r.path === "/v1/billing_portal/sessions")?.params,
      ).toMatchObject({
        customer: "cus_mx_a",
        return_url: `http://${HOST.platform}/dashboard/billing`,
      });
    });
    ownerOnly(async (host, as) => (await bapi(host, as)).billing.portal());
  },

  "billing.setPlan": () => {
    it("lets the platform operator set A's plan, whatever their role, and not B's", async () => {
      const state = await (
        await bapi(HOST.platform, { user: multi, org: A.org.id })
      ).billing.setPlan({ plan: "enterprise" });
      expect(state).toMatchObject({ plan: "enterprise", status: "active" });
      expect(
        await codeOf(
          (await bapi(HOST.platform, { user: multi, org: B.org.id })).billing.setPlan({ plan: "starter" }),
        ),
      ).toBe("FORBIDDEN");
      await restoreA();
    });
    it("refuses owners when Stripe is configured; lets them on a local run, for their own organization only", async () => {
      const before = await orgRow(A.org.id);
      const refused = await trpcError(
        (await bapi(HOST.platform, owner(A))).billing.setPlan({ plan: "enterprise" }),
      );
      expect(refused.code).toBe("FORBIDDEN");
      expect(refused.message).toBe("Only a platform operator can set the plan or features directly.");
      expect(await orgRow(A.org.id)).toEqual(before);
      const local = await (await bapi(HOST.platform, owner(A), LOCAL)).billing.setPlan({ plan: "starter" });
      expect(local.plan).toBe("starter");
      const bBefore = await orgRow(B.org.id);
      expect(
        await codeOf(
          (await bapi(HOST.platform, { user: staff(A, "owner"), org: B.org.id }, LOCAL)).billing.setPlan({
            plan: "starter",
          }),
        ),
      ).toBe("FORBIDDEN");
      expect(
        await codeOf(
          (await bapi(HOST.platform, { user: staff(A, "admin"), org: A.org.id }, LOCAL)).billing.setPlan({
            plan: "enterprise",
          }),
        ),
      ).toBe("FORBIDDEN");
      expect(await orgRow(B.org.id)).toEqual(bBefore);
      await restoreA();
    });
    refusesOutsideTheDashboard(async (host, as) =>
      (await bapi(host, as)).billing.setPlan({ plan: "enterprise" }),
    );
  },

  "billing.setOverride": () => {
    it("lets the operator grant A a feature without touching B", async () => {
      const result = await (
        await bapi(HOST.platform, { user: multi, org: A.org.id })
      ).billing.setOverride({
        feature: "metrc_integration",
        enabled: true,
        note: "pilot",
      });
      expect(result).toMatchObject({ feature: "metrc_integration", on: true });
      const bFeatures = await (
        await bapi(HOST.platform, { user: staff(B, "owner"), org: B.org.id })
      ).billing.features();
      expect(bFeatures.features).not.toContain("metrc_integration");
      const bad = await trpcError(
        (await bapi(HOST.platform, { user: multi, org: A.org.id })).billing.setOverride({
          feature: "teleport" as never,
          enabled: true,
        }),
      );
      expect(bad.code).toBe("BAD_REQUEST");
      await restoreA();
    });
    it.each(FIXTURE_ROLES)("refuses A's %s when Stripe is configured", async (role) => {
      expect(
        await codeOf(
          (await bapi(HOST.platform, { user: staff(A, role), org: A.org.id })).billing.setOverride({
            feature: "white_label",
            enabled: true,
          }),
        ),
      ).toBe("FORBIDDEN");
    });
    refusesOutsideTheDashboard(async (host, as) =>
      (await bapi(host, as)).billing.setOverride({ feature: "white_label", enabled: true }),
    );
  },

  "customDomain.get": () => {
    it.each(FIXTURE_ROLES)("shows A's %s A's address only", async (role) => {
      const caller = await bapi(HOST.platform, { user: staff(A, role), org: A.org.id });
      expect(await caller.customDomain.get()).toEqual({
        slug: "mx-a",
        timeZone: A.org.timeZone,
        customDomain: null,
        verification: null,
      });
    });
    refusesOutsideTheDashboard(async (host, as) => (await bapi(host, as)).customDomain.get());
  },

  "customDomain.set": () => {
    it("refuses a custom domain below Enterprise, naming the plan, and changes nothing", async () => {
      const before = await orgRow(A.org.id);
      const error = await trpcError(
        (await bapi(HOST.platform, owner(A))).customDomain.set({ domain: "shop.alpha.example" }),
      );
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toBe("Custom domain needs the Enterprise plan. Upgrade in Billing to use it.");
      expect(await orgRow(A.org.id)).toEqual(before);
    });
    it("on Enterprise sets A's domain, refuses B's domain and platform addresses", async () => {
      await setPlanDirectly(deps, A.org.id, { plan: "enterprise" });
      await setPlanDirectly(deps, B.org.id, { plan: "enterprise" });
      const caller = await bapi(HOST.platform, { user: staff(A, "admin"), org: A.org.id });
      expect(await caller.customDomain.set({ domain: " Shop.Alpha.Example " })).toEqual({
        id: A.org.id,
        customDomain: "shop.alpha.example",
      });
      const b = await bapi(HOST.platform, owner(B));
      expect(await codeOf(b.customDomain.set({ domain: "shop.alpha.example" }))).toBe("CONFLICT");
      expect(await codeOf(caller.customDomain.set({ domain: "mx-b.localhost" }))).toBe("BAD_REQUEST");
      expect(await codeOf(caller.customDomain.set({ domain: "not a domain" }))).toBe("BAD_REQUEST");
      expect(await caller.customDomain.set({ domain: null })).toEqual({ id: A.org.id, customDomain: null });
      expect((await orgRow(B.org.id)).customDomain).toBeNull();
      await setPlanDirectly(deps, B.org.id, { plan: "professional", status: "trialing" });
      await restoreA();
    });
    it.each(["manager", "budtender", "driver", "viewer"] as const)("refuses A's %s", async (role) => {
      expect(
        await codeOf(
          (await bapi(HOST.platform, { user: staff(A, role), org: A.org.id })).customDomain.set({
            domain: null,
          }),
        ),
      ).toBe("FORBIDDEN");
    });
    refusesOutsideTheDashboard(async (host, as) => (await bapi(host, as)).customDomain.set({ domain: null }));
  },

  "customDomain.verify": () => {
    it("serves A's domain only after DNS shows A's token; B can neither verify nor see it", async () => {
      await setPlanDirectly(deps, A.org.id, { plan: "enterprise" });
      const a = await bapi(HOST.platform, owner(A));
      await a.customDomain.set({ domain: "shop.alpha.example" });
      const { verification } = await a.customDomain.get();
      expect(verification?.records.txt.name).toBe("_cannasaas-verify.shop.alpha.example");
      expect(verification?.records.txt.value).toMatch(/^cannasaas-verify=[0-9a-f]{32}$/);
      expect(verification?.records.cname).toEqual({ name: "shop.alpha.example", target: "mx-a.localhost" });
      expect(verification?.verifiedAt).toBeNull();
      // Saved but unproven: the domain serves nothing.
      expect(await resolvePublicTenant(deps, "shop.alpha.example")).toBeNull();
      const empty = createStaticDnsResolver();
      const refused = await (await bapi(HOST.platform, owner(A), undefined, empty)).customDomain.verify();
      expect(refused.verified).toBe(false);
      expect(refused.reason).toContain("_cannasaas-verify.shop.alpha.example");
      const published = createStaticDnsResolver({
        [verification!.records.txt.name]: { txt: [verification!.records.txt.value] },
      });
      expect(
        await codeOf((await bapi(HOST.platform, owner(B), undefined, published)).customDomain.verify()),
      ).toBe("NOT_FOUND");
      expect(await resolvePublicTenant(deps, "shop.alpha.example")).toBeNull();
      expect(
        await (await bapi(HOST.platform, owner(A), undefined, published)).customDomain.verify(),
      ).toMatchObject({ verified: true, reason: null });
      expect((await resolvePublicTenant(deps, "shop.alpha.example"))?.id).toBe(A.org.id);
      // The record vanishes: the next check stops serving the domain.
      expect(
        await (await bapi(HOST.platform, owner(A), undefined, empty)).customDomain.verify(),
      ).toMatchObject({
        verified: false,
      });
      expect(await resolvePublicTenant(deps, "shop.alpha.example")).toBeNull();
      await a.customDomain.set({ domain: null });
      await restoreA();
    });
    it.each(["manager", "budtender", "driver", "viewer"] as const)("refuses A's %s", async (role) => {
      expect(
        await codeOf(
          (await bapi(HOST.platform, { user: staff(A, role), org: A.org.id })).customDomain.verify(),
        ),
      ).toBe("FORBIDDEN");
    });
    refusesOutsideTheDashboard(async (host, as) => (await bapi(host, as)).customDomain.verify());
  },
};
