/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- response bodies are untyped JSON */
/**
 * The review's repro: a failure after the write answered 500 with the inventory change committed, so a POS
 * that retried applied it twice. Now the write, its audit record and the stored response commit together,
 * and `Idempotency-Key` replays the committed response to a retry.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { apiIdempotencyKeys, auditEvents, inventoryLevels, stockMovements } from "@cannasaas/db/schema";
import type { CoreDeps } from "@cannasaas/core";
import { z } from "zod";
import { defineEndpoint } from "../../src/rest/http";
import { createInventoryAdjustment } from "../../src/rest/endpoints/inventory";
import { call, createWorld, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await createWorld("idem");
});
afterAll(async () => w?.close());

const adjustment = (quantity = 3, reason = "Recount") => ({
  locationId: w.A.locations[0]!.id,
  variantId: w.A.variants[1]!.id,
  quantity,
  kind: "receive",
  reason,
});
const onHand = async () => {
  const [row] = await w.handle.db
    .select({ onHand: inventoryLevels.onHand })
    .from(inventoryLevels)
    .where(
      and(
        eq(inventoryLevels.locationId, w.A.locations[0]!.id),
        eq(inventoryLevels.variantId, w.A.variants[1]!.id),
      ),
    );
  return row!.onHand;
};
const movements = async () =>
  (
    await w.handle.db
      .select({ n: count() })
      .from(stockMovements)
      .where(eq(stockMovements.organizationId, w.A.org.id))
  )[0]!.n;
const post = (body: unknown, key?: string, deps?: CoreDeps) =>
  call(w, w.keyA, "POST", "/inventory/adjustments", body, {
    headers: key ? { "idempotency-key": key } : {},
    ...(deps ? { deps } : {}),
  });

describe("Idempotency-Key on public POSTs", () => {
  it("applies a write once and replays the same response to a retry with the same key", async () => {
    const start = { stock: await onHand(), moves: await movements() };
    const first = await post(adjustment(), "pos-retry-1");
    expect(first.status).toBe(201);
    const retry = await post(adjustment(), "pos-retry-1");
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await onHand()).toBe(start.stock + 3);
    expect(await movements()).toBe(start.moves + 1);
  });

  it("refuses the same key with a different body (422), and a malformed key (400)", async () => {
    await post(adjustment(2), "pos-retry-2");
    const stock = await onHand();
    const conflict = await post(adjustment(5), "pos-retry-2");
    expect(conflict.status).toBe(422);
    expect(conflict.body.error).toMatchObject({
      code: "idempotency_key_reused",
      message: expect.any(String),
    });
    expect(await onHand()).toBe(stock);
    const bad = await post(adjustment(), "has a space\u00e9");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_idempotency_key");
  });

  it("two simultaneous requests with one key apply the write once", async () => {
    const stock = await onHand();
    const replies = await Promise.all([post(adjustment(4), "pos-race"), post(adjustment(4), "pos-race")]);
    expect(replies.map((r) => r.status)).toEqual([201, 201]);
    expect(replies[0]?.body).toEqual(replies[1]?.body);
    expect(await onHand()).toBe(stock + 4);
  });

  it("keys are per API key, and an expired key is a new request", async () => {
    const stock = await onHand();
    await post(adjustment(1), "pos-expiry");
    await w.handle.db
      .update(apiIdempotencyKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiIdempotencyKeys.key, "pos-expiry"));
    const again = await post(adjustment(1), "pos-expiry");
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    expect(await onHand()).toBe(stock + 2);
    // B's key using the same Idempotency-Key touches only B's own record.
    const b = await call(
      w,
      w.keyB,
      "POST",
      "/inventory/adjustments",
      {
        locationId: w.B.locations[0]!.id,
        variantId: w.B.variants[1]!.id,
        quantity: 1,
        kind: "receive",
        reason: "Restock B",
      },
      { headers: { "idempotency-key": "pos-expiry" } },
    );
    expect(b.status).toBe(201);
    expect(b.headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("the write and its audit record commit together", () => {
  it("a failing audit write answers 500 and leaves stock untouched, so a retry cannot double it", async () => {
    const stock = await onHand();
    const audits = (await w.handle.db.select({ n: count() }).from(auditEvents))[0]!.n;
    // An endpoint that moves stock and then answers with text jsonb refuses (a lone surrogate): the audit
    // insert fails after the stock moved, as the review's request did.
    const brokenAfterWrite = defineEndpoint({
      ...createInventoryAdjustment,
      operationId: "brokenAdjustment",
      response: z.object({ note: z.string() }),
      async handler(ctx: Parameters<typeof createInventoryAdjustment.handler>[0]) {
        await createInventoryAdjustment.handler(ctx);
        return { note: "moved \ud800" };
      },
    } as never);
    const reply = await call(w, w.keyA, "POST", "/inventory/adjustments", adjustment(6), {
      endpoints: [brokenAfterWrite],
    });
    expect(reply.status).toBe(500);
    expect(await onHand()).toBe(stock);
    expect((await w.handle.db.select({ n: count() }).from(auditEvents))[0]!.n).toBe(audits);
  });

  it("text PostgreSQL cannot store is a 400 that names the field", async () => {
    const stock = await onHand();
    const nul = await post(adjustment(1, "bad\u0000reason"));
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toBe(
      "body.reason contains a NUL character, which is not allowed in text.",
    );
    const surrogate = await post({ ...adjustment(1), ["extra\ud800"]: true });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.error.message).toMatch(/lone UTF-16 surrogate/);
    expect(await onHand()).toBe(stock);
  });
});
