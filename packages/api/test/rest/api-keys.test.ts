/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- response bodies and documents are untyped JSON; the assertions check their shape */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { apiKeys, apiKeyUses, organizations, orders } from "@cannasaas/db/schema";
import { withTenantScope } from "@cannasaas/db/tenant-scope";
import type { MailTransport } from "@cannasaas/integrations/mail";
import {
  compactApiKeyUses,
  createApiKey,
  hashApiKey,
  invalidatePlanCache,
  listApiKeys,
  revokeApiKey,
  runJob,
} from "@cannasaas/core";
import { call, createWorld, keyWith, orderBody, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await createWorld("keys");
});
afterAll(() => w?.close());

const rowFor = async (key: string) => {
  const [row] = await w.handle.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.prefix, key.split("_").slice(0, 3).join("_")));
  return row!;
};

/** The key as the dashboard lists it: under its organization's tenant scope, as the tRPC router reads it. */
const shownFor = async (key: string, organizationId = w.A.org.id) => {
  const id = (await rowFor(key)).id;
  const listed = await withTenantScope(w.handle.db, organizationId, (tx) => listApiKeys(tx, organizationId));
  return listed.find((k) => k.id === id)!;
};

/** Uses recorded for the key and not yet folded into its row. */
const usesOf = async (key: string) =>
  w.handle.db.$count(apiKeyUses, eq(apiKeyUses.apiKeyId, (await rowFor(key)).id));

describe("API key lifecycle", () => {
  it("returns the key once, stores only its SHA-256 and shows the prefix", async () => {
    const created = await createApiKey(w.deps, w.A.org.id, {
      name: "POS",
      scopes: ["products:read", "orders:read"],
      createdBy: w.A.staff.owner.id,
    });
    expect(created.secret).toMatch(/^cs_live_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.secret.startsWith(created.created.prefix + "_")).toBe(true);
    expect(created.created).not.toHaveProperty("secretHash");
    const row = await rowFor(created.secret);
    expect(row.secretHash).toBe(hashApiKey(created.secret));
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(17));
    const listed = await listApiKeys(w.handle.db, w.A.org.id);
    const shown = listed.find((k) => k.id === created.created.id)!;
    expect(shown.prefix).toBe(created.created.prefix);
    expect(JSON.stringify(listed)).not.toContain(row.secretHash);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
  });

  it("counts requests and stamps the last use", async () => {
    const key = await keyWith(w, w.A, ["products:read"]);
    expect(await shownFor(key)).toMatchObject({ requestCount: 0, lastUsedAt: null });
    const before = Date.now();
    await call(w, key, "GET", "/products");
    await call(w, key, "GET", "/products?limit=1");
    const shown = await shownFor(key);
    expect(shown.requestCount).toBe(2);
    expect(shown.lastUsedAt).toBeInstanceOf(Date);
    expect(shown.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(shown.lastUsedAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("refuses a missing, malformed or wrong key with 401 and a readable message", async () => {
    const none = await call(w, null, "GET", "/products");
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("unauthorized");
    expect(none.body.error.message).toMatch(/Authorization header/);
    expect(none.headers.get("www-authenticate")).toMatch(/Bearer/);

    expect((await call(w, "not-a-key", "GET", "/products")).body.error.message).toBe(
      "That is not a valid API key.",
    );
    const real = await keyWith(w, w.A, ["products:read"]);
    const forged = real.slice(0, -4) + (real.endsWith("AAAA") ? "BBBB" : "AAAA");
    const wrong = await call(w, forged, "GET", "/products");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe("That is not a valid API key.");
    expect((await shownFor(real)).requestCount).toBe(0);
    expect(await usesOf(real)).toBe(0);
  });

  it("refuses a revoked key, naming it", async () => {
    const key = await keyWith(w, w.A, ["products:read"]);
    expect((await call(w, key, "GET", "/products")).status).toBe(200);
    const row = await rowFor(key);
    const revoked = await revokeApiKey(w.deps, w.A.org.id, row.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const refused = await call(w, key, "GET", "/products");
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe(`The API key ${row.prefix} has been revoked. Create a new key.`);
  });

  it("cannot revoke another organization's key", async () => {
    const key = await keyWith(w, w.A, ["products:read"]);
    const row = await rowFor(key);
    await expect(revokeApiKey(w.deps, w.B.org.id, row.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await rowFor(key)).revokedAt).toBeNull();
  });

  it("refuses an expired key and a key created with a past expiry", async () => {
    const expiresAt = new Date(Date.now() + 60 * 60_000);
    const key = await keyWith(w, w.A, ["products:read"], { expiresAt });
    expect((await call(w, key, "GET", "/products")).status).toBe(200);
    const later = { ...w.deps, clock: () => new Date(expiresAt.getTime() + 1) };
    const refused = await call(w, key, "GET", "/products", undefined, { deps: later });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/expired on/);
    await expect(
      createApiKey(w.deps, w.A.org.id, {
        name: "old",
        scopes: ["products:read"],
        expiresAt: new Date(Date.now() - 1000),
        createdBy: null,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("a read-only key cannot write: 403 naming the missing scope, and nothing is written", async () => {
    const key = await keyWith(w, w.A, ["products:read", "orders:read", "inventory:read"]);
    const before = (await w.handle.db.select().from(orders).where(eq(orders.organizationId, w.A.org.id)))
      .length;
    const order = await call(w, key, "POST", "/orders", orderBody(w.A));
    expect(order.status).toBe(403);
    expect(order.body.error).toEqual({
      code: "insufficient_scope",
      message: expect.stringContaining('"orders:write"'),
      details: {
        requiredScope: "orders:write",
        grantedScopes: ["inventory:read", "orders:read", "products:read"],
      },
    });
    const adjust = await call(w, key, "POST", "/inventory/adjustments", {
      locationId: w.A.locations[0]!.id,
      variantId: w.A.variants[0]!.id,
      quantity: 5,
      reason: "count",
    });
    expect(adjust.status).toBe(403);
    expect(adjust.body.error.details.requiredScope).toBe("inventory:write");
    expect(
      (await w.handle.db.select().from(orders).where(eq(orders.organizationId, w.A.org.id))).length,
    ).toBe(before);
    // And a key scoped to products only cannot read customers.
    expect((await call(w, key, "GET", "/customers")).body.error.details.requiredScope).toBe("customers:read");
  });

  it("needs a plan with API access, both to create keys and to call the API", async () => {
    const key = await keyWith(w, w.B, ["products:read"]);
    await w.handle.db.update(organizations).set({ plan: "starter" }).where(eq(organizations.id, w.B.org.id));
    await invalidatePlanCache(w.deps, w.B.org.id);
    try {
      await expect(
        createApiKey(w.deps, w.B.org.id, { name: "x", scopes: ["products:read"], createdBy: null }),
      ).rejects.toMatchObject({ code: "FORBIDDEN", details: { feature: "api_access" } });
      const refused = await call(w, key, "GET", "/products");
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("plan_required");
      expect(refused.body.error.message).toMatch(/Professional plan/);
    } finally {
      await w.handle.db
        .update(organizations)
        .set({ plan: "professional" })
        .where(eq(organizations.id, w.B.org.id));
      await invalidatePlanCache(w.deps, w.B.org.id);
    }
  });
});

describe("rate limits", () => {
  it("sends X-RateLimit headers and answers 429 with Retry-After once the key's limit is used", async () => {
    const key = await keyWith(w, w.A, ["products:read"], { rateLimit: 3 });
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await call(w, key, "GET", "/products?limit=1"));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(replies.map((r) => r.headers.get("x-ratelimit-limit"))).toEqual(["3", "3", "3", "3"]);
    expect(replies.map((r) => r.headers.get("x-ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
    const reset = Number(replies[0]!.headers.get("x-ratelimit-reset"));
    expect(reset * 1000).toBeGreaterThan(Date.now());
    expect(reset * 1000).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 1000);
    const limited = replies[3]!;
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(replies[0]!.headers.get("retry-after")).toBeNull();
    // Limits are per key: another key of the same store is unaffected.
    expect((await call(w, await keyWith(w, w.A, ["products:read"]), "GET", "/products")).status).toBe(200);
  });

  it("uses the plan's default of 100 per 15 minutes when the key sets none", async () => {
    const reply = await call(w, await keyWith(w, w.A, ["products:read"]), "GET", "/products");
    expect(reply.headers.get("x-ratelimit-limit")).toBe("100");
    expect(reply.headers.get("x-ratelimit-remaining")).toBe("99");
  });
});

describe("request handling", () => {
  it("answers unknown paths 404 and wrong methods 405, in the error shape", async () => {
    const unknown = await call(w, w.keyA, "GET", "/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    const method = await call(w, w.keyA, "POST", "/products", {});
    expect(method.status).toBe(405);
    expect(method.headers.get("allow")).toBe("GET");
    expect(method.body.error.code).toBe("method_not_allowed");
  });

  it("refuses malformed JSON and invalid input with field messages", async () => {
    const json = await call(w, w.keyA, "POST", "/orders", undefined, { rawBody: "{not json" });
    expect(json.status).toBe(400);
    expect(json.body.error).toEqual({
      code: "invalid_json",
      message: "The request body is not valid JSON.",
      details: null,
    });
    const bad = await call(w, w.keyA, "POST", "/orders", { ...orderBody(w.A), items: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_request");
    expect(bad.body.error.details.fields.items).toBe("Add at least one item.");
    const query = await call(w, w.keyA, "GET", "/products?limit=500");
    expect(query.status).toBe(400);
    expect(query.body.error.details.fields).toEqual({ limit: "limit must be at most 100." });
    const crafted = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const cursor of [
      "garbage",
      crafted(["2026-01-01 00:00:00+00", "not-a-uuid"]),
      crafted(["'; drop table products; --", crypto.randomUUID()]),
    ]) {
      for (const path of ["/products", "/orders", "/customers", "/inventory"]) {
        const reply = await call(w, w.keyA, "GET", `${path}?cursor=${cursor}`);
        expect(reply.status, `${path} ${cursor}`).toBe(400);
        expect(reply.body.error.message).toMatch(/cursor/);
      }
    }
    expect((await call(w, w.keyA, "GET", "/products/%E0%A4%A")).status).toBe(400);
    const id = await call(w, w.keyA, "GET", "/products/not-a-uuid");
    expect(id.status).toBe(400);
    expect(id.body.error.details.fields.id).toBe("Must be a UUID.");
  });
});

describe("usage without a hot row", () => {
  const mail: MailTransport = { name: "dev-mailbox", send: async () => ({ messageId: "none" }) };

  it("50 concurrent requests with one key all succeed, even while its row is locked, and all are counted", async () => {
    const key = await keyWith(w, w.A, ["products:read"]);
    const id = (await rowFor(key)).id;
    const before = (await shownFor(key)).requestCount;
    const started = Date.now();
    // Another transaction holds the key's row lock (as a request's update of the row did) for the whole burst:
    // recording a use must not wait for it, or the burst would not finish while the lock is held.
    const statuses = await w.handle.db.transaction(async (tx) => {
      await tx.execute(sql`select 1 from api_keys where id = ${id} for no key update`);
      const burst = Promise.all(
        Array.from({ length: 50 }, () => call(w, key, "GET", "/products?limit=1").then((r) => r.status)),
      );
      const stuck = new Promise<"stuck">((resolve) => setTimeout(() => resolve("stuck"), 10_000));
      return Promise.race([burst, stuck]);
    });
    expect(statuses).toEqual(Array.from({ length: 50 }, () => 200));
    const shown = await shownFor(key);
    expect(shown.requestCount).toBe(before + 50);
    expect(shown.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(started - 1000);
    expect(await usesOf(key)).toBe(50);
  });

  it("compaction folds the uses into the key's totals exactly and empties them", async () => {
    const key = await keyWith(w, w.A, ["products:read"]);
    for (let i = 0; i < 7; i++) expect((await call(w, key, "GET", "/products?limit=1")).status).toBe(200);
    const before = await shownFor(key);
    expect(before.requestCount).toBe(7);
    expect(await usesOf(key)).toBe(7);
    const folded = await compactApiKeyUses(w.handle.db);
    expect(folded).toContainEqual({ organizationId: w.A.org.id, apiKeyId: before.id, folded: 7 });
    expect(await usesOf(key)).toBe(0);
    const row = await rowFor(key);
    expect(row.requestCount).toBe(7);
    expect(row.lastUsedAt).toEqual(before.lastUsedAt);
    expect(await shownFor(key)).toMatchObject({ requestCount: 7, lastUsedAt: before.lastUsedAt });
    // Nothing left to fold: a second compaction changes nothing.
    await compactApiKeyUses(w.handle.db);
    expect((await rowFor(key)).requestCount).toBe(7);
    // New uses after a compaction add to the folded totals.
    await call(w, key, "GET", "/products?limit=1");
    expect((await shownFor(key)).requestCount).toBe(8);
  });

  it("compaction racing requests (and another compaction) neither loses nor double-counts a use", async () => {
    const key = await keyWith(w, w.A, ["products:read"], { rateLimit: 1000 });
    const requests = Promise.all(
      Array.from({ length: 60 }, () => call(w, key, "GET", "/products?limit=1").then((r) => r.status)),
    );
    const seen: number[] = [];
    let done = false;
    void requests.finally(() => (done = true));
    const compactions: Promise<unknown>[] = [];
    while (!done) {
      compactions.push(compactApiKeyUses(w.handle.db, 7), compactApiKeyUses(w.handle.db, 7));
      seen.push((await shownFor(key)).requestCount);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await requests).toEqual(Array.from({ length: 60 }, () => 200));
    await Promise.all(compactions);
    // Shown counts never went back and never passed the number of requests made.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(Math.max(...seen)).toBeLessThanOrEqual(60);
    expect((await shownFor(key)).requestCount).toBe(60);
    while ((await usesOf(key)) > 0) await compactApiKeyUses(w.handle.db, 7);
    expect((await rowFor(key)).requestCount).toBe(60);
    expect((await shownFor(key)).requestCount).toBe(60);
  });

  it("a revoked or expired key records no use, and neither does a wrong secret", async () => {
    const revoked = await keyWith(w, w.A, ["products:read"]);
    await revokeApiKey(w.deps, w.A.org.id, (await rowFor(revoked)).id);
    expect((await call(w, revoked, "GET", "/products")).status).toBe(401);
    expect(await usesOf(revoked)).toBe(0);
    expect(await shownFor(revoked)).toMatchObject({ requestCount: 0, lastUsedAt: null });

    const expiresAt = new Date(Date.now() + 60_000);
    const expired = await keyWith(w, w.A, ["products:read"], { expiresAt });
    const later = { ...w.deps, clock: () => new Date(expiresAt.getTime() + 1) };
    expect((await call(w, expired, "GET", "/products", undefined, { deps: later })).status).toBe(401);
    expect(await usesOf(expired)).toBe(0);

    const real = await keyWith(w, w.A, ["products:read"]);
    expect(
      (await call(w, real.slice(0, -1) + (real.endsWith("A") ? "B" : "A"), "GET", "/products")).status,
    ).toBe(401);
    expect(await usesOf(real)).toBe(0);
  });

  it("revoking shows the key's usage so far", async () => {
    const key = await keyWith(w, w.A, ["products:read"]);
    await call(w, key, "GET", "/products?limit=1");
    await call(w, key, "GET", "/products?limit=1");
    const revoked = await revokeApiKey(w.deps, w.A.org.id, (await rowFor(key)).id);
    expect(revoked.requestCount).toBe(2);
    expect(revoked.lastUsedAt).toBeInstanceOf(Date);
    expect(revoked).not.toHaveProperty("secretHash");
  });

  it("another organization's listing and counts are unaffected (cross-tenant)", async () => {
    const keyB = await keyWith(w, w.B, ["products:read"]);
    await call(w, keyB, "GET", "/products?limit=1");
    const shownB = await shownFor(keyB, w.B.org.id);
    const keyA = await keyWith(w, w.A, ["products:read"]);
    await Promise.all(Array.from({ length: 5 }, () => call(w, keyA, "GET", "/products?limit=1")));
    expect(await shownFor(keyB, w.B.org.id)).toMatchObject({
      requestCount: shownB.requestCount,
      lastUsedAt: shownB.lastUsedAt,
    });
    // B's scope sees none of A's keys or uses, even asking for A's organization.
    const idA = (await rowFor(keyA)).id;
    const asB = await withTenantScope(w.handle.db, w.B.org.id, (tx) => listApiKeys(tx, w.A.org.id));
    expect(asB).toEqual([]);
    const usesSeenByB = await withTenantScope(w.handle.db, w.B.org.id, (tx) =>
      tx.$count(apiKeyUses, eq(apiKeyUses.apiKeyId, idA)),
    );
    expect(usesSeenByB).toBe(0);
    expect((await shownFor(keyA)).requestCount).toBe(5);
    await compactApiKeyUses(w.handle.db);
    expect((await shownFor(keyA)).requestCount).toBe(5);
    expect(await shownFor(keyB, w.B.org.id)).toMatchObject({ requestCount: shownB.requestCount });
  });

  it("the api-key-usage job folds the uses and reports each organization its own share", async () => {
    await compactApiKeyUses(w.handle.db);
    const keyA = await keyWith(w, w.A, ["products:read"]);
    const keyB = await keyWith(w, w.B, ["products:read"]);
    for (let i = 0; i < 3; i++) await call(w, keyA, "GET", "/products?limit=1");
    await call(w, keyB, "GET", "/products?limit=1");
    const run = await runJob({ ...w.deps, mail }, "api-key-usage", { trigger: "cli" });
    expect(run).toMatchObject({
      outcome: "succeeded",
      counts: { folded: 4 },
      organizationCounts: { [w.A.org.id]: { folded: 3 }, [w.B.org.id]: { folded: 1 } },
    });
    expect(await usesOf(keyA)).toBe(0);
    expect(await usesOf(keyB)).toBe(0);
    expect((await rowFor(keyA)).requestCount).toBe(3);
    expect((await rowFor(keyB)).requestCount).toBe(1);
    expect((await shownFor(keyA)).requestCount).toBe(3);
  });
});
