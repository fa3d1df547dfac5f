/**
 * Procedures and REST endpoints that call an outside service hold no transaction while it answers: test doubles
 * of the AI model and the geocoder look at the database from a connection of their own during every call, and
 * the results and their audit records are still written, together, afterwards.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { aiUsage, auditEvents, billingAccounts, locations, productCopyDrafts } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createApiKey, verifyAuditChain, type BillingProvider } from "@cannasaas/core";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { NO_USAGE, type AiProvider, type AiRequest, type AiStreamEvent } from "@cannasaas/integrations/ai";
import type { Geocoder } from "@cannasaas/integrations/geocoder";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import type { AuthDeps } from "@cannasaas/auth";
import { createCaller, createTrpcContext } from "../src";
import { handleApiRequest } from "../src/rest";
import { codeOf, observerOf } from "./helpers";

const ROOT = "localhost:3000";
const TOKENS = { ...NO_USAGE, inputTokens: 120, outputTokens: 80 };
const COPY = {
  description: "A bright, citrus-forward flower with a smooth finish, grown with care by a local farm.",
  tagline: "Bright citrus, smooth finish",
  seoTitle: "Citrus flower | Order ahead",
  seoDescription: "Shop a bright, citrus-forward flower. Order ahead for pickup.",
};

let handle: DatabaseHandle;
let closeKv: () => Promise<void>;
let deps: AuthDeps;
let A: FixtureTenant;
let B: FixtureTenant;
/** Not the pool: a session of its own, from which the doubles look at the pool's sessions. */
let observer: DatabaseHandle | null = null;

/**
 * Sessions of the test database with a transaction open, other than the observer. On PostgreSQL, from
 * pg_stat_activity on the observer's own connection. On PGlite (one session for everything) a query waits
 * while a transaction is open, so a query that cannot get through says one is: "blocked".
 */
async function openTransactions(): Promise<number | "blocked"> {
  if (observer) {
    const [row] = await observer.db.execute(sql`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and backend_type = 'client backend' and xact_start is not null`);
    return (row as { n: number }).n;
  }
  const answered = handle.db.execute(sql`select 1`).then(() => 0 as const);
  const waited = new Promise<"blocked">((resolve) => setTimeout(() => resolve("blocked"), 2_000));
  return Promise.race([answered, waited]);
}

/** What the doubles saw during each outside call. */
const seen: { call: string; open: number | "blocked" }[] = [];

function event(text: string): AiStreamEvent[] {
  return [
    { type: "text", text },
    { type: "done", stopReason: "end_turn", usage: TOKENS },
  ];
}

/** Copy as JSON; for the assistant a tool call first, then a plain answer once the tool has answered. */
function answer(request: AiRequest): AiStreamEvent[] {
  if (!request.tools) return event(JSON.stringify(COPY));
  const last = request.messages.at(-1)!;
  const answered = Array.isArray(last.content) && last.content.some((b) => b.type === "tool_result");
  if (answered) return event("Sales this week are in the figures beside this answer.");
  return [
    {
      type: "tool_use",
      block: { type: "tool_use", id: "call-1", name: "sales_totals", input: { period: "this_week" } },
    },
    { type: "done", stopReason: "tool_use", usage: TOKENS },
  ];
}

const ai: AiProvider = {
  kind: "claude",
  model: "probe-model",
  async *stream(request) {
    seen.push({ call: request.tools ? "insights" : "copy", open: await openTransactions() });
    for (const e of answer(request)) yield e;
  },
};

const geocoder: Geocoder = {
  name: "probe",
  async geocode() {
    seen.push({ call: "geocode", open: await openTransactions() });
    return { latitude: 47.61, longitude: -122.33, precision: "address" };
  },
};

/** Stripe's calls as the billing procedures make them; the rest of the port is not used here. */
const stripe: BillingProvider = {
  kind: "stripe",
  planForPrice: () => null,
  async createCustomer() {
    seen.push({ call: "stripe.createCustomer", open: await openTransactions() });
    return { id: "cus_callout" };
  },
  async startCheckout(input) {
    seen.push({ call: "stripe.startCheckout", open: await openTransactions() });
    return { url: `https://checkout.example/${input.customerId}/${input.plan}` };
  },
  async portalUrl(input) {
    seen.push({ call: "stripe.portalUrl", open: await openTransactions() });
    return `https://portal.example/${input.customerId}`;
  },
  async listInvoices() {
    seen.push({ call: "stripe.listInvoices", open: await openTransactions() });
    return [];
  },
  changePlan: () => Promise.reject(new Error("not used here")),
  verifyWebhook: () => Promise.reject(new Error("not used here")),
};

beforeAll(async () => {
  handle = await createTestDatabase();
  observer = await observerOf(handle);
  const kv = await createTestKv();
  closeKv = () => kv.close();
  deps = {
    db: handle.db,
    kv: kv.kv,
    clock: () => new Date(),
    mail: createDevMailboxTransport(),
    ai,
    geocoder,
    billing: { provider: stripe, operatorEmails: [], ownersActAsOperators: false },
  };
  A = await createFixtureTenant(handle.db, { tag: "callout-a", passwordHash: "x" });
  B = await createFixtureTenant(handle.db, { tag: "callout-b", passwordHash: "x" });
});
afterAll(async () => {
  await observer?.close();
  await closeKv?.();
  await handle?.close();
});
beforeEach(() => {
  seen.length = 0;
});

async function staffOf(role: "owner" | "manager" | "viewer", t = A) {
  const ctx = await createTrpcContext({
    deps,
    headers: new Headers({ host: ROOT }),
    clientAddressSettings: { trustedProxyHops: 0, clientIpHeader: null },
    rootDomain: ROOT,
    user: { id: t.staff[role].id, email: t.staff[role].email },
    activeOrganizationId: t.org.id,
  });
  return createCaller(ctx);
}

const auditOf = (organizationId: string, action: string) =>
  handle.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, action)))
    .orderBy(desc(auditEvents.seq));

const tokensOf = async (organizationId: string, feature: "product_copy" | "insights") => {
  const [row] = await handle.db
    .select({ input: sql<number>`coalesce(sum(${aiUsage.inputTokens}), 0)`.mapWith(Number) })
    .from(aiUsage)
    .where(and(eq(aiUsage.organizationId, organizationId), eq(aiUsage.feature, feature)));
  return row!.input;
};

describe("the probe", () => {
  it("sees a transaction held open meanwhile", async () => {
    const inside = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      return openTransactions();
    });
    expect(inside === "blocked" || inside === 1).toBe(true);
    expect(await openTransactions()).toBe(0);
  });
});

describe("product copy (productCopy.generate)", () => {
  it("calls Claude with no transaction open, then files the draft with its audit record and usage", async () => {
    const productId = A.products[0]!.id;
    const tokensBefore = await tokensOf(A.org.id, "product_copy");
    const draft = await (await staffOf("owner")).productCopy.generate({ productId, tone: "casual" });
    expect(seen).toEqual([{ call: "copy", open: 0 }]);
    expect(draft).toMatchObject({ source: "claude", productId, copy: COPY, notice: null });

    const [row] = await handle.db
      .select()
      .from(productCopyDrafts)
      .where(eq(productCopyDrafts.id, draft.draftId));
    expect(row).toMatchObject({ organizationId: A.org.id, status: "pending", model: "probe-model" });
    const records = await auditOf(A.org.id, "productCopy.generate");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      actorId: A.staff.owner.id,
      input: { productId, tone: "casual" },
      after: { draftId: draft.draftId, source: "claude" },
    });
    expect(await tokensOf(A.org.id, "product_copy")).toBe(tokensBefore + TOKENS.inputTokens);
    expect((await verifyAuditChain(handle.db, A.org.id)).intact).toBe(true);
  });

  it("refused, it calls nothing and writes nothing", async () => {
    const drafts = async () => (await handle.db.select({ n: count() }).from(productCopyDrafts))[0]!.n;
    const before = {
      drafts: await drafts(),
      records: (await auditOf(A.org.id, "productCopy.generate")).length,
    };
    const viewer = await staffOf("viewer");
    expect(await codeOf(viewer.productCopy.generate({ productId: A.products[0]!.id, tone: "casual" }))).toBe(
      "FORBIDDEN",
    );
    // Another organization's product is not found in the read, before any call.
    const owner = await staffOf("owner");
    expect(await codeOf(owner.productCopy.generate({ productId: B.products[0]!.id, tone: "casual" }))).toBe(
      "NOT_FOUND",
    );
    expect(seen).toEqual([]);
    expect(await drafts()).toBe(before.drafts);
    expect((await auditOf(A.org.id, "productCopy.generate")).length).toBe(before.records);
  });
});

describe("the owner's assistant (insights.ask)", () => {
  it("holds no transaction during any of Claude's turns, then meters them with its audit record", async () => {
    const tokensBefore = await tokensOf(A.org.id, "insights");
    const reply = await (await staffOf("manager")).insights.ask({ question: "How are sales this week?" });
    expect(seen).toEqual([
      { call: "insights", open: 0 },
      { call: "insights", open: 0 },
    ]);
    expect(reply).toMatchObject({ aiOn: true, replaced: false, notice: null });
    expect(reply.answer).toBe("Sales this week are in the figures beside this answer.");
    expect(reply.figures.length).toBeGreaterThan(0);
    expect(await tokensOf(A.org.id, "insights")).toBe(tokensBefore + 2 * TOKENS.inputTokens);
    const records = await auditOf(A.org.id, "insights.ask");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      actorId: A.staff.manager.id,
      input: { question: "How are sales this week?" },
      after: { answer: reply.answer, aiOn: true },
    });
  });
});

describe("REST: POST /api/v1/products/{id}/copy", () => {
  it("calls Claude with no transaction open; a retry with the same key replays without calling again", async () => {
    const key = (
      await createApiKey(deps, A.org.id, { name: "copy", scopes: ["products:write"], createdBy: null })
    ).secret;
    const productId = A.products[1]!.id;
    const post = () =>
      handleApiRequest(
        deps,
        new Request(`http://${ROOT}/api/v1/products/${productId}/copy`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${key}`,
            "content-type": "application/json",
            "idempotency-key": "copy-once",
          },
          body: JSON.stringify({ tone: "luxury" }),
        }),
      );
    const first = await post();
    expect(first.status).toBe(201);
    const body = (await first.json()) as { id: string; source: string };
    expect(body.source).toBe("claude");
    expect(seen).toEqual([{ call: "copy", open: 0 }]);
    const [row] = await handle.db.select().from(productCopyDrafts).where(eq(productCopyDrafts.id, body.id));
    expect(row).toMatchObject({ organizationId: A.org.id, productId, tone: "luxury", requestedBy: null });
    const records = await auditOf(A.org.id, "api.createProductCopyDraft");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actorKind: "api_key", after: { id: body.id } });

    const again = await post();
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as { id: string }).id).toBe(body.id);
    expect(seen).toHaveLength(1);
    expect(await auditOf(A.org.id, "api.createProductCopyDraft")).toHaveLength(1);
  });
});

describe("the geocoder", () => {
  const allDay = { open: "09:00", close: "21:00" };
  const hours = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };

  it("places a moved location (locations.update) with no transaction open, then saves it with its record", async () => {
    const locationId = A.locations[0]!.id;
    const [current] = await handle.db.select().from(locations).where(eq(locations.id, locationId));
    const settings = {
      name: current!.name,
      addressLine1: "400 Pine St",
      city: "Seattle",
      postalCode: "98101",
      phone: null,
      hours,
      pickupEnabled: true,
      deliveryEnabled: false,
      pickupLeadMinutes: 15,
      deliveryLeadMinutes: 60,
      deliveryZones: [],
      taxRates: { salesBps: 1025, localCannabisBps: null },
    };
    const saved = await (await staffOf("owner")).locations.update({ locationId, settings });
    expect(seen).toEqual([{ call: "geocode", open: 0 }]);
    expect(saved).toMatchObject({ addressLine1: "400 Pine St", latitude: 47.61, longitude: -122.33 });
    const records = await auditOf(A.org.id, "locations.update");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      before: { id: locationId, addressLine1: current!.addressLine1 },
      after: { id: locationId, addressLine1: "400 Pine St", latitude: 47.61 },
    });
  });

  it("places a new location (onboarding.addLocation) with no transaction open, then adds it with its record", async () => {
    const added = await (
      await staffOf("owner")
    ).onboarding.addLocation({
      name: "Callout North",
      addressLine1: "500 Pike St",
      city: "Seattle",
      postalCode: "98101",
      phone: null,
      hours,
      pickupEnabled: true,
      deliveryEnabled: false,
    });
    expect(seen).toEqual([{ call: "geocode", open: 0 }]);
    expect(added).toMatchObject({ organizationId: A.org.id, latitude: 47.61, longitude: -122.33 });
    const records = await auditOf(A.org.id, "onboarding.addLocation");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ after: { id: added.id, name: "Callout North" } });
    expect((await verifyAuditChain(handle.db, A.org.id)).intact).toBe(true);
  });
});

describe("Stripe (billing)", () => {
  it("creates the customer and the checkout with no transaction open, then stores the customer with its record", async () => {
    const owner = await staffOf("owner", B);
    const checkout = await owner.billing.startSubscription({ plan: "enterprise" });
    expect(seen).toEqual([
      { call: "stripe.createCustomer", open: 0 },
      { call: "stripe.startCheckout", open: 0 },
    ]);
    expect(checkout.url).toBe("https://checkout.example/cus_callout/enterprise");
    const [account] = await handle.db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.organizationId, B.org.id));
    expect(account!.stripeCustomerId).toBe("cus_callout");
    const records = await auditOf(B.org.id, "billing.startSubscription");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ input: { plan: "enterprise" }, after: { url: checkout.url } });

    // A mutation that only calls out (the portal link) is still recorded, once; a query is not.
    seen.length = 0;
    expect(await owner.billing.portal()).toEqual({ url: "https://portal.example/cus_callout" });
    expect(await owner.billing.invoices()).toEqual([]);
    expect(seen).toEqual([
      { call: "stripe.portalUrl", open: 0 },
      { call: "stripe.listInvoices", open: 0 },
    ]);
    expect(await auditOf(B.org.id, "billing.portal")).toHaveLength(1);
    expect(await auditOf(B.org.id, "billing.invoices")).toHaveLength(0);
    expect((await verifyAuditChain(handle.db, B.org.id)).intact).toBe(true);
  });

  it("refuses anyone but the owner before calling Stripe", async () => {
    const manager = await staffOf("manager", B);
    expect(await codeOf(manager.billing.portal())).toBe("FORBIDDEN");
    expect(seen).toEqual([]);
    expect(await auditOf(B.org.id, "billing.portal")).toHaveLength(1);
  });
});
