/**
 * The cross-tenant matrix: every tRPC procedure, called as every kind of caller from every kind of host, must
 * see only what that caller may see. Entries live in ./matrix/<router>.ts; a procedure added to `appRouter`
 * without an entry fails the completeness test below.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { eq, inArray } from "drizzle-orm";
import { customers, outboxMessages } from "@cannasaas/db/schema";
import { type AuthDeps } from "@cannasaas/auth";
import { appRouter, createTrpcContext } from "../src";
import { procedurePaths, trpcError } from "./helpers";
import { createLogger } from "@cannasaas/integrations/logger";
import { type KV } from "@cannasaas/integrations/kv";
import superjson from "superjson";
import {
  api,
  B,
  C,
  deps,
  handle,
  HOST,
  kvHandle,
  nextIp,
  orgRow,
  ownedIds,
  ROOT,
  setupWorld,
  signUpInput,
  teardownWorld,
} from "./matrix/world";
import { accountEntries } from "./matrix/account";
import { orderEntries } from "./matrix/orders";
import { organizationEntries } from "./matrix/organization";
import { shopperEntries } from "./matrix/shopper";
import { storefrontEntries } from "./matrix/storefront";
import { customerEntries } from "./matrix/customers";
import { inventoryEntries } from "./matrix/inventory";
import { purchasingEntries } from "./matrix/purchasing";
import { pricingEntries } from "./matrix/pricing";
import { metrcEntries } from "./matrix/metrc";
import { integrationEntries } from "./matrix/integrations";
import { auditEntries } from "./matrix/audit";
import { queueEntries } from "./matrix/queues";
import { teamEntries } from "./matrix/team";
import { onboardingEntries } from "./matrix/onboarding";
import { catalogEntries } from "./matrix/catalog";
import { billingEntries } from "./matrix/billing";
import { deliveryEntries } from "./matrix/deliveries";
import { orderHistoryEntries } from "./matrix/order-history";
import { reportEntries } from "./matrix/reports";
import { promotionEntries } from "./matrix/promotions";
import { loyaltyEntries } from "./matrix/loyalty";
import { reviewEntries } from "./matrix/reviews";
import { marketingEntries } from "./matrix/marketing";
import { productCopyEntries } from "./matrix/product-copy";
import { insightsEntries } from "./matrix/insights";
import { recommendationEntries } from "./matrix/recommendations";
import { supportEntries } from "./matrix/support";
import { locationEntries } from "./matrix/locations";

beforeAll(setupWorld);
afterAll(teardownWorld);

const matrix: Record<string, () => void> = {
  ...storefrontEntries,
  ...shopperEntries,
  ...organizationEntries,
  ...accountEntries,
  ...orderEntries,
  ...customerEntries,
  ...inventoryEntries,
  ...metrcEntries,
  ...integrationEntries,
  ...auditEntries,
  ...queueEntries,
  ...teamEntries,
  ...onboardingEntries,
  ...catalogEntries,
  ...billingEntries,
  ...deliveryEntries,
  ...purchasingEntries,
  ...pricingEntries,
  ...orderHistoryEntries,
  ...reportEntries,
  ...promotionEntries,
  ...loyaltyEntries,
  ...reviewEntries,
  ...marketingEntries,
  ...productCopyEntries,
  ...insightsEntries,
  ...recommendationEntries,
  ...supportEntries,
  ...locationEntries,
};

for (const [path, define] of Object.entries(matrix)) describe(path, define);

describe("matrix completeness", () => {
  it("has an entry for every procedure in appRouter, and none for procedures that do not exist", () => {
    const walked = procedurePaths(appRouter._def.record).sort();
    expect(walked.length).toBeGreaterThan(0);
    // The flattened table tRPC keeps must agree with the nested record.
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(walked);
    expect(Object.keys(matrix).sort()).toEqual(walked);
  });
});

describe("tenant isolation at the data level", () => {
  it("never created a customer, email or change for the unlaunched tenant C", async () => {
    expect((await orgRow(C.org.id)).launchedAt).toBeNull();
    expect((await orgRow(C.org.id)).name).toBe("Store mx-c");
    const cCustomers = await handle.db.select().from(customers).where(eq(customers.organizationId, C.org.id));
    expect(cCustomers.map((c) => c.id).sort()).toEqual([C.shopper.customerId, C.minor.customerId].sort());
    const cMail = await handle.db
      .select()
      .from(outboxMessages)
      .where(inArray(outboxMessages.organizationId, [C.org.id]));
    expect(cMail).toEqual([]);
  });
});

/** One request through the fetch adapter, as the web app's /api/trpc route handles it. */
async function http(
  path: string,
  options: { host: string; input?: unknown; method?: "GET" | "POST"; deps?: AuthDeps; requestId?: string },
) {
  const method = options.method ?? "POST";
  const url = new URL(`http://${options.host}/api/trpc/${path}`);
  if (method === "GET")
    url.searchParams.set("input", JSON.stringify(superjson.serialize(options.input ?? {})));
  const request = new Request(url, {
    method,
    headers: {
      host: options.host,
      "content-type": "application/json",
      "x-request-id": options.requestId ?? `req-${crypto.randomUUID()}`,
      "x-forwarded-for": nextIp(),
    },
    ...(method === "POST" ? { body: JSON.stringify({ json: options.input }) } : {}),
  });
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () =>
      createTrpcContext({
        deps: options.deps ?? deps,
        headers: request.headers,
        rootDomain: ROOT,
        user: null,
        activeOrganizationId: null,
        clientAddressSettings: { trustedProxyHops: 1, clientIpHeader: null },
      }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as HttpBody };
}
type HttpBody = {
  result?: { data: { json: unknown } };
  error?: { json: { message: string; code: number; data: Record<string, unknown> } };
};

describe("error shape", () => {
  it("through a server-side caller: invalid input is BAD_REQUEST with the first problem in plain words", async () => {
    const error = await trpcError(
      (await api(HOST.a)).account.signUp(
        signUpInput("bad", { name: "", password: "short", dateOfBirth: "abc" }),
      ),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Enter your name.");
  });

  it("over HTTP: invalid input is 400 with a readable message and one message per field", async () => {
    const { status, body, text } = await http("account.signUp", {
      host: HOST.a,
      input: signUpInput("bad", { name: "", password: "short", dateOfBirth: "abc" }),
    });
    expect(status).toBe(400);
    expect(body.error?.json.message).toBe("Enter your name.");
    expect(body.error?.json.data).toEqual({
      code: "BAD_REQUEST",
      httpStatus: 400,
      path: "account.signUp",
      fieldErrors: {
        name: "Enter your name.",
        email: "Enter a valid email address, like name@example.com.",
        password: "Use at least 10 characters for your password.",
        // The first problem with the field, as the forms show it (not the last).
        dateOfBirth: "Enter your date of birth as YYYY-MM-DD.",
      },
      details: null,
    });
    expect(text).not.toContain('"origin"'); // no zod issue dump
  });

  it("over HTTP: a domain error keeps its status, message and details, without a stack", async () => {
    const { status, body } = await http("account.signUp", {
      host: HOST.a,
      input: signUpInput("teen@example.test", { dateOfBirth: "2012-01-01" }),
    });
    expect(status).toBe(403);
    expect(body.error?.json.message).toContain("21");
    expect(body.error?.json.data).toMatchObject({
      code: "FORBIDDEN",
      fieldErrors: null,
      details: { field: "dateOfBirth" },
    });
    expect(body.error?.json.data).not.toHaveProperty("stack");

    const offStore = await http("account.signUp", {
      host: HOST.platform,
      input: signUpInput("platform@example.test"),
    });
    expect(offStore.status).toBe(404);
    expect(offStore.body.error?.json.data).toMatchObject({ code: "NOT_FOUND" });
  });

  it("over HTTP: an internal error shows a reference, never the cause or a stack, and is logged with the request id", async () => {
    // tRPC adds `data.stack` to its default shape whenever NODE_ENV is not "production" (so here, under test).
    expect(process.env.NODE_ENV).not.toBe("production");
    const lines: string[] = [];
    const log = createLogger({ level: "info", destination: { write: (line: string) => lines.push(line) } });
    const brokenKv: KV = {
      ...kvHandle.kv,
      rateLimit: async () => {
        throw new Error("connect ECONNREFUSED secret-redis.internal:6379");
      },
    };
    const { status, body, text } = await http("account.requestPasswordReset", {
      host: HOST.platform,
      input: { email: "someone@example.test" },
      deps: { ...deps, kv: brokenKv, log },
      requestId: "req-internal-1",
    });
    expect(status).toBe(500);
    expect(body.error?.json.message).toBe("Something went wrong on our side. Reference: req-internal-1.");
    expect(body.error?.json.data).toEqual({
      code: "INTERNAL_SERVER_ERROR",
      httpStatus: 500,
      path: "account.requestPasswordReset",
      fieldErrors: null,
      details: null,
    });
    expect(text).not.toMatch(/ECONNREFUSED|secret-redis|\bat .*\.ts:\d+|stack/);

    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        requestId: "req-internal-1",
        path: "account.requestPasswordReset",
        msg: "procedure failed",
      }),
    );
    expect(lines.join("\n")).toContain("ECONNREFUSED");
    expect(lines.join("\n")).not.toContain("someone@example.test");
  });

  it("over HTTP: a storefront query answers with the host tenant's data only", async () => {
    const { status, body } = await http("storefront.products", { host: HOST.b, method: "GET", input: {} });
    expect(status).toBe(200);
    const data = superjson.deserialize<{ products: { id: string; name: string }[] }>(
      body.result!.data as never,
    );
    // Other entries add products of their own to B, so check ownership, and that B's fixtures are there.
    const ownedByB = await ownedIds(B.org.id, "products");
    expect(data.products.filter((p) => !ownedByB.has(p.id))).toEqual([]);
    expect(data.products.map((p) => p.name)).toEqual(
      expect.arrayContaining(["mx-b Blue Dream", "mx-b Gummies", "mx-b OG Kush"]),
    );
    const unlaunched = await http("storefront.products", { host: HOST.c, method: "GET", input: {} });
    expect(unlaunched.status).toBe(404);
  });
});
