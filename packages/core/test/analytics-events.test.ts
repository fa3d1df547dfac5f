import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { analyticsEvents } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  funnelReport,
  isLikelyBot,
  recordStorefrontEvents,
  rollUpAnalyticsEvents,
  storefrontBeaconSchema,
} from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let shop: FixtureTenant;
let other: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  shop = await createFixtureTenant(handle.db, { tag: "ev-shop", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "ev-other", passwordHash: "x" });
});
afterAll(async () => handle?.close());

describe("storefront analytics events", () => {
  it("stores the path without its query and drops another store's product", async () => {
    const sessionId = crypto.randomUUID();
    await recordStorefrontEvents(
      handle.db,
      shop.org.id,
      [
        {
          type: "product_view",
          sessionId,
          path: "/p/gummies?q=my+email@x.test#top",
          productId: other.products[0]!.id,
        },
        { type: "product_view", sessionId, path: "/p/gummies", productId: shop.products[0]!.id },
      ],
      new Date("2026-04-10T18:00:00Z"),
    );
    const rows = await handle.db
      .select()
      .from(analyticsEvents)
      .where(eq(analyticsEvents.sessionId, sessionId));
    expect(rows.map((r) => r.path)).toEqual(["/p/gummies", "/p/gummies"]);
    expect(rows.map((r) => r.productId).sort()).toEqual([null, shop.products[0]!.id].sort());
  });

  it("refuses oversized beacons and recognises crawlers", () => {
    const event = { type: "page_view", sessionId: crypto.randomUUID() };
    expect(storefrontBeaconSchema.safeParse({ events: Array(21).fill(event) }).success).toBe(false);
    expect(storefrontBeaconSchema.safeParse({ events: [] }).success).toBe(false);
    expect(
      storefrontBeaconSchema.safeParse({ events: [{ ...event, email: "x@y.z" }] }).data?.events[0],
    ).toEqual(event);
    expect(isLikelyBot("Mozilla/5.0 (compatible; Googlebot/2.1)")).toBe(true);
    expect(isLikelyBot(null)).toBe(true);
    expect(isLikelyBot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1")).toBe(false);
  });

  it("rolls events into distinct sessions per store day and type, idempotently", async () => {
    // 23:30 on April 30 in Los Angeles (06:30 UTC May 1) belongs to April 30.
    const late = new Date("2026-05-01T06:30:00Z");
    const noon = new Date("2026-05-01T19:00:00Z");
    const a = crypto.randomUUID();
    const b = crypto.randomUUID();
    await recordStorefrontEvents(handle.db, shop.org.id, [{ type: "page_view", sessionId: a }], late);
    await recordStorefrontEvents(
      handle.db,
      shop.org.id,
      [
        { type: "page_view", sessionId: a },
        { type: "page_view", sessionId: a },
        { type: "page_view", sessionId: b },
        { type: "add_to_cart", sessionId: b },
        { type: "order_placed", sessionId: b },
      ],
      noon,
    );
    await recordStorefrontEvents(handle.db, other.org.id, [{ type: "page_view", sessionId: b }], noon);
    await rollUpAnalyticsEvents(handle.db, { now: noon });
    await rollUpAnalyticsEvents(handle.db, { now: noon });
    const may1 = await funnelReport(handle.db, shop.org.id, { from: "2026-05-01", to: "2026-05-01" });
    expect(may1.find((s) => s.type === "page_view")).toMatchObject({
      sessions: 2,
      events: 3,
      percentOfVisits: 100,
    });
    expect(may1.find((s) => s.type === "order_placed")).toMatchObject({ sessions: 1, percentOfVisits: 50 });
    expect(may1.find((s) => s.type === "product_view")!.sessions).toBe(0);
    const apr30 = await funnelReport(handle.db, shop.org.id, { from: "2026-04-30", to: "2026-04-30" });
    expect(apr30.find((s) => s.type === "page_view")!.sessions).toBe(1);
    const empty = await funnelReport(handle.db, shop.org.id, { from: "2025-01-01", to: "2025-01-31" });
    expect(empty.every((s) => s.sessions === 0 && s.percentOfVisits === null)).toBe(true);
  });
});
