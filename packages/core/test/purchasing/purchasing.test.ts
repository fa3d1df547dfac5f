import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  inventoryLevels,
  inventoryLots,
  outboxMessages,
  stockMovements,
  type EmailPayload,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import { PDFDocument } from "pdf-lib";
import {
  cancelPurchaseOrder,
  createSupplier,
  dailyDemand,
  draftPurchaseOrders,
  getPurchaseOrder,
  invalidatePlanCache,
  receivePurchaseOrder,
  reorderSuggestions,
  sendPurchaseOrder,
  setSupplierItem,
  updatePurchaseOrderLine,
  variantDemandForecast,
  type CoreDeps,
} from "../../src";
import { createFixtureTenant, type FixtureTenant } from "../../src/testing";
import { seedDailySales, setPlan } from "./purchasing-fixture";

let handle: DatabaseHandle;
let deps: CoreDeps;
let shop: FixtureTenant;
let other: FixtureTenant;
// 11:00 on 2026-05-01 in Los Angeles: the last complete day of sales is April 30.
const now = new Date("2026-05-01T18:00:00Z");
const lastDay = "2026-04-30";
const north = () => shop.locations[0]!.id;
const actor = () => ({ organizationId: shop.org.id, actorUserId: shop.staff.owner.id });
let supplierId: string;
let noLeadTimeSupplierId: string;

async function level(t: FixtureTenant, variantIndex: number) {
  const [row] = await handle.db
    .select()
    .from(inventoryLevels)
    .where(
      and(
        eq(inventoryLevels.locationId, t.locations[0]!.id),
        eq(inventoryLevels.variantId, t.variants[variantIndex]!.id),
      ),
    );
  return row!;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now };
  shop = await createFixtureTenant(handle.db, { tag: "po-shop", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "po-other", passwordHash: "x" });
  // Variant 0 sells 4 a day on weekdays and 8 on Fridays and Saturdays; variant 1 sells 2 a day.
  await seedDailySales(handle.db, shop, {
    locationId: north(),
    variantIndex: 0,
    lastDay,
    days: 182,
    unitsOn: (i) =>
      [5, 6].includes(new Date(Date.parse("2025-10-31T00:00:00Z") + i * 86_400_000).getUTCDay()) ? 8 : 4,
  });
  await seedDailySales(handle.db, shop, {
    locationId: north(),
    variantIndex: 1,
    lastDay,
    days: 182,
    unitsOn: () => 2,
  });
  // Noise that must not count: a cancelled order, and the other tenant's sales of its own variant.
  await seedDailySales(handle.db, shop, {
    locationId: north(),
    variantIndex: 0,
    lastDay,
    days: 1,
    unitsOn: () => 100,
    status: "cancelled",
  });
  await seedDailySales(handle.db, other, {
    locationId: other.locations[0]!.id,
    variantIndex: 0,
    lastDay,
    days: 30,
    unitsOn: () => 50,
  });

  const supplier = await createSupplier(handle.db, shop.org.id, {
    name: "Valley Growers",
    email: "orders@valley.example",
    leadTimeDays: 5,
    minimumOrderCents: 10_000,
  });
  supplierId = supplier.id;
  const noLead = await createSupplier(handle.db, shop.org.id, { name: "Slow Farms" });
  noLeadTimeSupplierId = noLead.id;
  await setSupplierItem(handle.db, shop.org.id, {
    supplierId,
    variantId: shop.variants[0]!.id,
    unitCostCents: 1200,
    packSize: 6,
  });
  await setSupplierItem(handle.db, shop.org.id, {
    supplierId: noLeadTimeSupplierId,
    variantId: shop.variants[1]!.id,
    unitCostCents: 900,
  });
});
afterAll(async () => handle?.close());

describe("daily demand", () => {
  it("sums completed orders per local day, with zeros on days without sales, and nothing of another tenant", async () => {
    const { firstDay, byVariant } = await dailyDemand(handle.db, shop.org.id, {
      locationId: north(),
      variantIds: [shop.variants[0]!.id, shop.variants[2]!.id, other.variants[0]!.id],
      lastDay,
      days: 7,
    });
    expect(firstDay).toBe("2026-04-24");
    // 2026-04-24 is a Friday, 04-25 a Saturday.
    expect(byVariant.get(shop.variants[0]!.id)).toEqual([8, 8, 4, 4, 4, 4, 4]);
    expect(byVariant.get(shop.variants[2]!.id)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(byVariant.get(other.variants[0]!.id)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe("reorder suggestions", () => {
  it("suggests orders from the forecast, lead time and service level, with the reason", async () => {
    const { suggestions, lastDay: day } = await reorderSuggestions(deps, shop.org.id, {
      locationId: north(),
      serviceLevel: 0.95,
    });
    expect(day).toBe(lastDay);
    const first = suggestions.find((s) => s.variantId === shop.variants[0]!.id)!;
    expect(first.supplierId).toBe(supplierId);
    expect(first.leadTimeDays).toBe(5);
    expect(first.available).toBe(10);
    // About 32 units a week: 5 days of lead time sell roughly 20-28, a 12-day cover roughly 55-65.
    expect(first.leadTimeDemand).toBeGreaterThanOrEqual(18);
    expect(first.leadTimeDemand).toBeLessThanOrEqual(30);
    expect(first.quantity % 6).toBe(0);
    expect(first.quantity).toBeGreaterThanOrEqual(first.orderUpTo - 10);
    expect(first.reason).toMatch(/5-day lead time/);
    const second = suggestions.find((s) => s.variantId === shop.variants[1]!.id)!;
    expect(second.leadTimeAssumed).toBe(true);
    expect(second.leadTimeDays).toBe(7);
    expect(second.reason).toMatch(/assumed: no lead time on file/);
    // Variant 2 has no supplier: nothing to suggest.
    expect(suggestions.some((s) => s.variantId === shop.variants[2]!.id)).toBe(false);
  });

  it("holds more stock for a higher service level", async () => {
    const at90 = await reorderSuggestions(deps, shop.org.id, { locationId: north(), serviceLevel: 0.9 });
    const at99 = await reorderSuggestions(deps, shop.org.id, { locationId: north(), serviceLevel: 0.99 });
    const pick = (r: typeof at90) => r.suggestions.find((s) => s.variantId === shop.variants[0]!.id)!;
    expect(pick(at99).safetyStock).toBeGreaterThanOrEqual(pick(at90).safetyStock);
  });

  it("is refused for another tenant's location and on the Starter plan", async () => {
    await expect(
      reorderSuggestions(deps, other.org.id, { locationId: north(), serviceLevel: 0.95 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await setPlan(handle.db, other, "starter");
    await invalidatePlanCache(deps, other.org.id);
    await expect(
      reorderSuggestions(deps, other.org.id, { locationId: other.locations[0]!.id, serviceLevel: 0.95 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await setPlan(handle.db, other, "professional");
    await invalidatePlanCache(deps, other.org.id);
  });
});

describe("demand forecast view", () => {
  it("forecasts a variant day by day, weeks ahead, with an interval around each day and its weekly shape", async () => {
    const input = { locationId: north(), variantId: shop.variants[0]!.id, weeks: 2 };
    const result = await variantDemandForecast(deps, shop.org.id, input);
    expect(result.lastDay).toBe(lastDay);
    // The cancelled 100 units on the last day are not demand: that Thursday sold its usual 4.
    expect(result.history.at(-1)).toEqual({ day: lastDay, units: 4 });
    expect(result.history).toHaveLength(28);
    expect(result.forecast).toHaveLength(14);
    expect(result.forecast[0]!.day).toBe("2026-05-01");
    expect(result.forecast.at(-1)!.day).toBe("2026-05-14");
    expect(result.method).not.toBeNull();
    for (const d of result.forecast) {
      expect(d.lower).toBeLessThanOrEqual(d.mean);
      expect(d.upper).toBeGreaterThanOrEqual(d.mean);
      expect(d.lower).toBeGreaterThanOrEqual(0);
    }
    // Fridays sell 8 and Tuesdays 4 in the history; the forecast keeps that shape.
    const friday = result.forecast.find((d) => d.day === "2026-05-08")!;
    const tuesday = result.forecast.find((d) => d.day === "2026-05-05")!;
    expect(friday.mean).toBeGreaterThan(6);
    expect(tuesday.mean).toBeLessThan(6);
    expect(result.totalUnits).toBeGreaterThan(14 * 4);
    expect(result.totalUnits).toBeLessThan(14 * 8);

    const eight = await variantDemandForecast(deps, shop.org.id, { ...input, weeks: 8 });
    expect(eight.forecast).toHaveLength(56);
  });

  it("refuses a horizon outside 1 to 8 weeks, another tenant's variant or location, and the Starter plan", async () => {
    const input = { locationId: north(), variantId: shop.variants[0]!.id, weeks: 9 };
    await expect(variantDemandForecast(deps, shop.org.id, input)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      variantDemandForecast(deps, shop.org.id, { ...input, weeks: 1, variantId: other.variants[0]!.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(variantDemandForecast(deps, other.org.id, { ...input, weeks: 1 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await setPlan(handle.db, other, "starter");
    await invalidatePlanCache(deps, other.org.id);
    await expect(
      variantDemandForecast(deps, other.org.id, {
        locationId: other.locations[0]!.id,
        variantId: other.variants[0]!.id,
        weeks: 1,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await setPlan(handle.db, other, "professional");
    await invalidatePlanCache(deps, other.org.id);
  });

  it("has no forecast and no NaN for a variant that never sold", async () => {
    const result = await variantDemandForecast(deps, shop.org.id, {
      locationId: north(),
      variantId: shop.variants[2]!.id,
      weeks: 1,
    });
    expect(result.soldInHistory).toBe(0);
    expect(Number.isNaN(result.totalUnits)).toBe(false);
    expect(result.forecast.every((d) => Number.isFinite(d.mean) && Number.isFinite(d.upper))).toBe(true);
  });
});

describe("purchase orders", () => {
  it("drafts one order per supplier, edits it, sends it by email and receives it in two deliveries into lots", async () => {
    const drafts = await draftPurchaseOrders(deps, actor(), {
      locationId: north(),
      items: [
        { supplierId, variantId: shop.variants[0]!.id, quantity: 24 },
        { supplierId: noLeadTimeSupplierId, variantId: shop.variants[1]!.id, quantity: 10 },
      ],
    });
    expect(drafts).toHaveLength(2);
    expect(new Set(drafts.map((d) => d.number)).size).toBe(2);
    const po = drafts.find((d) => d.supplierId === supplierId)!;
    let view = await getPurchaseOrder(handle.db, shop.org.id, po.id);
    expect(view.lines).toHaveLength(1);
    expect(view.lines[0]!.unitCostCents).toBe(1200);
    await updatePurchaseOrderLine(deps, actor(), {
      purchaseOrderId: po.id,
      lineId: view.lines[0]!.id,
      quantity: 30,
    });

    await expect(
      receivePurchaseOrder(deps, actor(), {
        purchaseOrderId: po.id,
        receipts: [{ lineId: view.lines[0]!.id, quantity: 1, packageLabel: "1A4FF0100000022000000123" }],
      }),
    ).rejects.toThrow(/is draft; it cannot be received/);

    await sendPurchaseOrder(deps, actor(), { purchaseOrderId: po.id });
    const [email] = await handle.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.organizationId, shop.org.id), eq(outboxMessages.topic, "purchase_order.sent")),
      );
    expect(email!.payload).toMatchObject({ to: "orders@valley.example" });
    expect((email!.payload as { text: string }).text).toContain("30 x");
    // The supplier gets the same PDF the dashboard offers, attached to the email.
    const [attachment] = (email!.payload as EmailPayload).attachments ?? [];
    expect(attachment).toMatchObject({ contentType: "application/pdf" });
    expect(attachment!.filename).toMatch(/^PO-\d+\.pdf$/);
    const pdf = await PDFDocument.load(Buffer.from(attachment!.contentBase64, "base64"));
    expect(pdf.getTitle()).toMatch(/^PO-\d+ from /);
    await expect(
      updatePurchaseOrderLine(deps, actor(), {
        purchaseOrderId: po.id,
        lineId: view.lines[0]!.id,
        quantity: 5,
      }),
    ).rejects.toThrow(/cannot be edited/);

    const before = (await level(shop, 0)).onHand;
    const lineId = view.lines[0]!.id;
    const partial = await receivePurchaseOrder(deps, actor(), {
      purchaseOrderId: po.id,
      receipts: [{ lineId, quantity: 18, packageLabel: "1a4ff0100000022000000123", expiresOn: "2027-01-31" }],
    });
    expect(partial.status).toBe("partially_received");
    expect((await level(shop, 0)).onHand).toBe(before + 18);
    const [lot] = await handle.db
      .select()
      .from(inventoryLots)
      .where(
        and(
          eq(inventoryLots.organizationId, shop.org.id),
          eq(inventoryLots.packageLabel, "1A4FF0100000022000000123"),
        ),
      );
    // The lot keeps the line's cost, so markdowns can hold the margin floor.
    expect(lot).toMatchObject({
      quantity: 18,
      expiresOn: "2027-01-31",
      variantId: shop.variants[0]!.id,
      unitCostCents: 1200,
    });
    const movements = await handle.db.select().from(stockMovements).where(eq(stockMovements.lotId, lot!.id));
    expect(movements.map((m) => [m.kind, m.quantity])).toEqual([["receive", 18]]);

    await expect(
      receivePurchaseOrder(deps, actor(), {
        purchaseOrderId: po.id,
        receipts: [{ lineId, quantity: 13, packageLabel: "1A4FF0100000022000000124" }],
      }),
    ).rejects.toThrow(/Only 12 of 30 ordered are still to receive/);
    expect((await level(shop, 0)).onHand).toBe(before + 18);

    const done = await receivePurchaseOrder(deps, actor(), {
      purchaseOrderId: po.id,
      receipts: [{ lineId, quantity: 12, packageLabel: "1A4FF0100000022000000124" }],
    });
    expect(done.status).toBe("received");
    expect((await level(shop, 0)).onHand).toBe(before + 30);
    view = await getPurchaseOrder(handle.db, shop.org.id, po.id);
    expect(view.lines[0]!.quantityReceived).toBe(30);
    expect(view.receipts.map((r) => [r.packageLabel, r.quantity, r.unitCostCents])).toEqual([
      ["1A4FF0100000022000000123", 18, 1200],
      ["1A4FF0100000022000000124", 12, 1200],
    ]);
  });

  it("counts a delivery once when two people receive it at the same time", async () => {
    const [po] = await draftPurchaseOrders(deps, actor(), {
      locationId: north(),
      items: [{ supplierId, variantId: shop.variants[0]!.id, quantity: 6 }],
    });
    await sendPurchaseOrder(deps, actor(), { purchaseOrderId: po!.id });
    const { lines } = await getPurchaseOrder(handle.db, shop.org.id, po!.id);
    const before = (await level(shop, 0)).onHand;
    const receive = (label: string) =>
      receivePurchaseOrder(deps, actor(), {
        purchaseOrderId: po!.id,
        receipts: [{ lineId: lines[0]!.id, quantity: 6, packageLabel: label }],
      });
    const results = await Promise.allSettled([
      receive("1A4FF0100000022000000201"),
      receive("1A4FF0100000022000000202"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await level(shop, 0)).onHand).toBe(before + 6);
  });

  it("refuses to send without the supplier's email, and keeps tenants apart", async () => {
    const [po] = await draftPurchaseOrders(deps, actor(), {
      locationId: north(),
      items: [{ supplierId: noLeadTimeSupplierId, variantId: shop.variants[1]!.id, quantity: 3 }],
    });
    await expect(sendPurchaseOrder(deps, actor(), { purchaseOrderId: po!.id })).rejects.toThrow(
      /Add an email address for Slow Farms/,
    );
    await expect(getPurchaseOrder(handle.db, other.org.id, po!.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      cancelPurchaseOrder(deps, { organizationId: other.org.id, actorUserId: null }, po!.id),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      draftPurchaseOrders(
        deps,
        { organizationId: other.org.id, actorUserId: null },
        {
          locationId: other.locations[0]!.id,
          items: [{ supplierId, variantId: shop.variants[0]!.id, quantity: 1 }],
        },
      ),
    ).rejects.toThrow(/does not sell/);
    expect((await cancelPurchaseOrder(deps, actor(), po!.id)).status).toBe("cancelled");
  });
});
