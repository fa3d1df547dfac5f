import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { inventoryLevels, metrcSyncItems, orderItems, orders } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { METRC_FAULTS } from "@cannasaas/integrations/testing";
import { advanceOrder, getMetrcOverview, runMetrcSync } from "../src";
import { addLot, metrcWorld, type MetrcWorld } from "./metrc-fixture";

let handle: DatabaseHandle;
const worlds: MetrcWorld[] = [];
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  for (const w of worlds) await w.mock.close();
  await handle?.close();
});

/** `count` orders ready for handover, inserted in bulk; each sells 1 unit of variant 0 or 2 units of variant 1. */
async function bulkReadyOrders(w: MetrcWorld, count: number, firstNumber: number) {
  const locationId = w.shop.locations[0]!.id;
  const rows = await handle.db
    .insert(orders)
    .values(
      Array.from({ length: count }, (_, i) => ({
        organizationId: w.shop.org.id,
        orderNumber: firstNumber + i,
        customerId: w.shop.shopper.customerId,
        locationId,
        status: "ready" as const,
        fulfillment: "pickup" as const,
        purchaserType: "adult_use" as const,
        paymentMethod: "cash" as const,
        subtotalCents: 2500,
        totalCents: 2875,
        exciseCents: 375,
        localDay: "2026-05-01",
        placedAt: w.clock.now,
      })),
    )
    .returning({ id: orders.id, orderNumber: orders.orderNumber });
  await handle.db.insert(orderItems).values(
    rows.map((o, i) => ({
      organizationId: w.shop.org.id,
      orderId: o.id,
      variantId: w.shop.variants[i % 2]!.id,
      productName: "Product",
      variantName: "3.5 g",
      sku: "sku",
      category: "flower",
      quantity: (i % 2) + 1,
      unitPriceCents: 2500 / ((i % 2) + 1),
      subtotalCents: 2500,
      exciseCents: 375,
      totalCents: 2875,
    })),
  );
  for (const v of [0, 1]) {
    const units = rows.filter((_, i) => i % 2 === v).length * (v + 1);
    await handle.db
      .update(inventoryLevels)
      .set({
        onHand: sql`${inventoryLevels.onHand} + ${units}`,
        reserved: sql`${inventoryLevels.reserved} + ${units}`,
      })
      .where(
        and(
          eq(inventoryLevels.locationId, locationId),
          eq(inventoryLevels.variantId, w.shop.variants[v]!.id),
        ),
      );
  }
  return rows;
}

async function completeAll(w: MetrcWorld, ids: string[], parallel = 4) {
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        await advanceOrder(w.deps, w.shop.org.id, { orderId: id, to: "completed", actorUserId: null });
      }
    }),
  );
}

async function statuses(w: MetrcWorld) {
  const rows = await handle.db
    .select({ status: metrcSyncItems.status, n: sql<number>`count(*)::int` })
    .from(metrcSyncItems)
    .where(eq(metrcSyncItems.organizationId, w.shop.org.id))
    .groupBy(metrcSyncItems.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Runs the drain like cron would, with the clock moving on between runs so backed-off items come due. */
async function drainUntilSettled(w: MetrcWorld, maxRuns = 40) {
  let runs = 0;
  for (; runs < maxRuns; runs++) {
    await runMetrcSync(w.deps, { organizationId: w.shop.org.id, callsPerSecond: 0, limit: 5000 });
    const s = await statuses(w);
    if (!s.pending && !s.failed && !s.in_flight) break;
    w.clock.now = new Date(w.clock.now.getTime() + 2 * 60 * 60_000);
  }
  return runs + 1;
}

describe("1,000 completed sales with 20% injected faults", () => {
  it("all arrive in METRC exactly once", async () => {
    const w = await metrcWorld(handle.db, "mdrain", {
      faultRate: 0.2,
      faultKinds: METRC_FAULTS.filter((f) => f !== "unauthorized"),
      seed: 2026,
      retryAfterSeconds: 1,
      hangMs: 400,
    });
    worlds.push(w);
    w.deps.metrc.timeoutMs = 100;
    await addLot(w, 0, 600, { expiresOn: "2026-09-01" });
    await addLot(w, 1, 600, { expiresOn: "2026-08-01" });
    await addLot(w, 1, 600, { expiresOn: "2026-10-01" });
    const placed = await bulkReadyOrders(w, 1000, 50_000);
    await completeAll(
      w,
      placed.map((o) => o.id),
    );
    expect(await statuses(w)).toEqual({ pending: 1000 });
    const runs = await drainUntilSettled(w);

    expect(await statuses(w)).toEqual({ sent: 1000 });
    const received = w.mock.receipts(w.license);
    expect(received).toHaveLength(1000);
    expect(w.mock.stats.duplicateReceipts).toBe(0);
    expect(new Set(received.map((r) => r.ExternalReceiptNumber))).toEqual(
      new Set(placed.map((o) => String(o.orderNumber))),
    );
    // The faults really happened, including the ambiguous ones where METRC had accepted the receipt.
    const f = w.mock.stats.faults;
    expect(Object.values(f).reduce((a, b) => a + (b ?? 0), 0)).toBeGreaterThan(150);
    expect(
      (f.applied_then_hang ?? 0) + (f.applied_then_500 ?? 0) + (f.applied_then_empty ?? 0),
    ).toBeGreaterThan(20);
    const recovered = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(metrcSyncItems)
      .where(
        and(
          eq(metrcSyncItems.organizationId, w.shop.org.id),
          sql`${metrcSyncItems.lastError} like 'Found in METRC%'`,
        ),
      );
    expect(recovered[0]!.n).toBeGreaterThan(20);
    // Packages in METRC went down by exactly what was sold: 500 units of variant 0, 1,000 of variant 1.
    const left = w.mock.packages(w.license).reduce((a, p) => a + p.Quantity, 0);
    expect(left).toBe(1800 - 1500);
    expect(runs).toBeLessThan(40);
    const overview = await getMetrcOverview(w.deps, w.shop.org.id);
    expect(overview.locations[0]!.counts.sent).toBe(1000);
    expect(overview.locations[0]!.lagSeconds).toBe(0);
  }, 300_000);
});

describe("a drain killed midway", () => {
  it("resumes without loss or duplicates", async () => {
    const w = await metrcWorld(handle.db, "mkill");
    worlds.push(w);
    await addLot(w, 0, 100);
    await addLot(w, 1, 100);
    const placed = await bulkReadyOrders(w, 50, 70_000);
    await completeAll(
      w,
      placed.map((o) => o.id),
    );

    // The 20th receipt reaches METRC, and then the process "dies" before it can record the answer.
    const controller = new AbortController();
    let posts = 0;
    const dying: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === "POST" && ++posts === 20) {
        controller.abort();
        throw new Error("process killed");
      }
      return response;
    };
    const first = await runMetrcSync(w.deps, {
      organizationId: w.shop.org.id,
      callsPerSecond: 0,
      signal: controller.signal,
      fetch: dying,
    });
    expect(first.aborted).toBe(true);
    expect(await statuses(w)).toEqual({ sent: 19, in_flight: 1, pending: 30 });
    expect(w.mock.receipts(w.license)).toHaveLength(20);

    // The next run sends the rest; the leased item waits for its lease to run out, then is looked up, not re-posted.
    await runMetrcSync(w.deps, { organizationId: w.shop.org.id, callsPerSecond: 0 });
    expect(await statuses(w)).toEqual({ sent: 49, in_flight: 1 });
    w.clock.now = new Date(w.clock.now.getTime() + 3 * 60_000);
    await runMetrcSync(w.deps, { organizationId: w.shop.org.id, callsPerSecond: 0 });
    expect(await statuses(w)).toEqual({ sent: 50 });
    expect(w.mock.receipts(w.license)).toHaveLength(50);
    expect(w.mock.stats.duplicateReceipts).toBe(0);
    const [resumed] = await handle.db
      .select()
      .from(metrcSyncItems)
      .where(
        and(
          eq(metrcSyncItems.organizationId, w.shop.org.id),
          inArray(
            metrcSyncItems.externalNumber,
            placed.map((o) => String(o.orderNumber)),
          ),
          sql`${metrcSyncItems.lastError} like 'Found in METRC%'`,
        ),
      );
    expect(resumed).toBeDefined();
  });

  it("an abort before the run starts touches nothing", async () => {
    const w = worlds[1]!;
    const controller = new AbortController();
    controller.abort();
    const result = await runMetrcSync(w.deps, { organizationId: w.shop.org.id, signal: controller.signal });
    expect(result).toMatchObject({ aborted: true, sent: 0 });
  });
});
