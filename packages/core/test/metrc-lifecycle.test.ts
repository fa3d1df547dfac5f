import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { inventoryLots, metrcCredentials, metrcSyncItems, stockMovements } from "@cannasaas/db/schema";
import { scopedTransactions } from "@cannasaas/db/tenant-scope";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  adjustStock,
  advanceOrder,
  damageStock,
  receiveStock,
  enqueueMetrcPackageAdjustment,
  listMetrcAdjustReasons,
  listMetrcCredentialStatus,
  metrcLocalDateTime,
  runMetrcSync,
  setPlanDirectly,
  splitCents,
  type ReceiptPayload,
} from "../src";
import { addLot, metrcWorld, readyOrder, USER_KEY, type MetrcWorld } from "./metrc-fixture";

let handle: DatabaseHandle;
let w: MetrcWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  w = await metrcWorld(handle.db, "mlife");
});
afterAll(async () => {
  await w?.mock.close();
  await handle?.close();
});

const complete = (orderId: string, to: "completed" | "refunded" = "completed", note?: string) =>
  advanceOrder(w.deps, w.shop.org.id, { orderId, to, actorUserId: null, note });
const itemsOf = (orderId: string) =>
  handle.db.select().from(metrcSyncItems).where(eq(metrcSyncItems.orderId, orderId));
const lotQty = async (id: string) =>
  (await handle.db.select().from(inventoryLots).where(eq(inventoryLots.id, id)))[0]!.quantity;

describe("pure helpers", () => {
  it("splits cents exactly", () => {
    expect(splitCents(1000, [1, 1, 1])).toEqual([333, 333, 334]);
    expect(splitCents(7, [2, 5]).reduce((a, b) => a + b)).toBe(7);
    expect(splitCents(5, [0, 0])).toEqual([0, 0]);
  });
  it("formats SalesDateTime in the facility's time zone without a zone", () => {
    expect(metrcLocalDateTime(new Date("2026-05-01T18:00:05Z"), "America/Los_Angeles")).toBe(
      "2026-05-01T11:00:05",
    );
    expect(metrcLocalDateTime(new Date("2026-01-01T07:30:00Z"), "America/Denver")).toBe(
      "2026-01-01T00:30:00",
    );
  });
});

describe("completion allocates lots FEFO and queues the receipt", () => {
  it("draws earliest expiry first (no expiry last, then oldest received) and splits a line across lots", async () => {
    const noExpiry = await addLot(w, 1, 5, { expiresOn: null, receivedAt: new Date("2026-01-01") });
    const late = await addLot(w, 1, 2, { expiresOn: "2026-12-01" });
    const earlyNew = await addLot(w, 1, 2, { expiresOn: "2026-06-01", receivedAt: new Date("2026-04-20") });
    const earlyOld = await addLot(w, 1, 1, { expiresOn: "2026-06-01", receivedAt: new Date("2026-03-01") });
    const order = await readyOrder(w, [{ variantIndex: 1, quantity: 6, unitPriceCents: 1001 }]);
    await complete(order.id);

    expect(await lotQty(earlyOld.id)).toBe(0);
    expect(await lotQty(earlyNew.id)).toBe(0);
    expect(await lotQty(late.id)).toBe(0);
    expect(await lotQty(noExpiry.id)).toBe(4);
    const moves = await handle.db.select().from(stockMovements).where(eq(stockMovements.orderId, order.id));
    expect(moves.map((m) => [m.lotId, m.quantity])).toEqual([
      [earlyOld.id, -1],
      [earlyNew.id, -2],
      [late.id, -2],
      [noExpiry.id, -1],
    ]);

    const [item] = await itemsOf(order.id);
    expect(item).toMatchObject({
      kind: "receipt",
      status: "pending",
      externalNumber: String(order.orderNumber),
    });
    const { receipt } = item!.payload as ReceiptPayload;
    expect(receipt.SalesDateTime).toBe("2026-05-01T11:00:00");
    expect(receipt.SalesCustomerType).toBe("Consumer");
    expect(receipt.Transactions.map((t) => [t.PackageLabel, t.Quantity, t.UnitOfMeasure])).toEqual([
      [earlyOld.packageLabel, 1, "Each"],
      [earlyNew.packageLabel, 2, "Each"],
      [late.packageLabel, 2, "Each"],
      [noExpiry.packageLabel, 1, "Each"],
    ]);
    const cents = (n: number) => Math.round(n * 100);
    expect(receipt.Transactions.reduce((a, t) => a + cents(t.TotalAmount), 0)).toBe(6006);
    expect(receipt.Transactions.reduce((a, t) => a + cents(t.ExciseTax ?? 0), 0)).toBe(
      Math.round(6006 * 0.15),
    );
  });

  it("reports medical sales as Patient", async () => {
    await addLot(w, 0, 3);
    const order = await readyOrder(w, [{ variantIndex: 0, quantity: 1 }], { purchaserType: "medical" });
    await complete(order.id);
    expect(((await itemsOf(order.id))[0]!.payload as ReceiptPayload).receipt.SalesCustomerType).toBe(
      "Patient",
    );
  });

  it("never lets two completions draw the same units", async () => {
    const lot = await addLot(w, 2, 5, { expiresOn: "2026-05-30" });
    const orders = await Promise.all(
      Array.from({ length: 4 }, () => readyOrder(w, [{ variantIndex: 2, quantity: 2 }])),
    );
    await Promise.all(orders.map((o) => complete(o.id)));
    expect(await lotQty(lot.id)).toBe(0);
    const fromLot = await handle.db
      .select({ n: sql<number>`-sum(${stockMovements.quantity})::int` })
      .from(stockMovements)
      .where(eq(stockMovements.lotId, lot.id));
    expect(fromLot[0]!.n).toBe(5);
    const items = (await Promise.all(orders.map((o) => itemsOf(o.id)))).flat();
    const held = items.filter((i) => i.status === "dead");
    // 8 units sold, 5 in the lot: exactly 3 units were sold without a package, and that is named, not dropped.
    const missing = items
      .flatMap((i) => (i.payload as ReceiptPayload).missing)
      .reduce((a, m) => a + m.quantity, 0);
    expect(missing).toBe(3);
    expect(held.length).toBeGreaterThan(0);
    for (const h of held) expect(h.problem).toMatch(/No METRC package for: \d+ x Product/);
  });

  it("queues nothing when the completion rolls back", async () => {
    await handle.db.execute(sql`create or replace function boom() returns trigger language plpgsql as $$
      begin if new.note = 'boom' then raise exception 'boom'; end if; return new; end $$`);
    await handle.db.execute(
      sql`create trigger boom before insert on order_status_events for each row execute function boom()`,
    );
    const lot = await addLot(w, 0, 4);
    const order = await readyOrder(w, [{ variantIndex: 0, quantity: 1 }]);
    await expect(complete(order.id, "completed", "boom")).rejects.toThrow();
    expect(await itemsOf(order.id)).toEqual([]);
    expect(await lotQty(lot.id)).toBe(4);
    await handle.db.execute(sql`drop trigger boom on order_status_events`);
  });

  it("queues nothing for an organization without the METRC feature", async () => {
    await setPlanDirectly(w.deps, w.shop.org.id, { plan: "professional" });
    try {
      await addLot(w, 0, 1);
      const order = await readyOrder(w, [{ variantIndex: 0, quantity: 1 }]);
      await complete(order.id);
      expect(await itemsOf(order.id)).toEqual([]);
    } finally {
      await setPlanDirectly(w.deps, w.shop.org.id, { plan: "enterprise" });
    }
  });
});

describe("refunds", () => {
  it("withdraw a receipt that never reached METRC, and return units to their lots", async () => {
    const lot = await addLot(w, 0, 2, { expiresOn: "2026-05-02" });
    const order = await readyOrder(w, [{ variantIndex: 0, quantity: 2 }]);
    await complete(order.id);
    expect(await lotQty(lot.id)).toBe(0);
    await complete(order.id, "refunded");
    const items = await itemsOf(order.id);
    expect(items.map((i) => [i.kind, i.status])).toEqual([["receipt", "cancelled"]]);
    expect(await lotQty(lot.id)).toBe(2);
    const returns = await handle.db
      .select()
      .from(stockMovements)
      .where(and(eq(stockMovements.orderId, order.id), eq(stockMovements.kind, "return")));
    expect(returns.map((r) => [r.lotId, r.quantity])).toEqual([[lot.id, 2]]);
  });

  it("void a receipt that was reported, and the void reaches METRC", async () => {
    await addLot(w, 0, 3, { expiresOn: "2026-05-02" });
    const order = await readyOrder(w, [{ variantIndex: 0, quantity: 1 }]);
    await complete(order.id);
    await runMetrcSync(w.deps, { organizationId: w.shop.org.id, callsPerSecond: 0 });
    expect(w.mock.receipt(w.license, String(order.orderNumber))).toBeDefined();
    await complete(order.id, "refunded");
    const items = await itemsOf(order.id);
    expect(items.map((i) => [i.kind, i.status]).sort()).toEqual([
      ["receipt", "sent"],
      ["void", "pending"],
    ]);
    await runMetrcSync(w.deps, { organizationId: w.shop.org.id, callsPerSecond: 0 });
    expect(w.mock.receipt(w.license, String(order.orderNumber))?.voided).toBe(true);
    expect((await itemsOf(order.id)).find((i) => i.kind === "void")?.status).toBe("sent");
  });
});

describe("package adjustments", () => {
  it("offers METRC's reasons for the location", async () => {
    // Read in a short transaction of its own, none open while METRC answers (as the dashboard's procedure).
    const steps = { read: scopedTransactions(w.deps.db, w.shop.org.id) };
    const reasons = await listMetrcAdjustReasons(w.deps, steps, w.shop.org.id, w.shop.locations[0]!.id);
    expect(reasons.map((r) => r.name)).toContain("Damage");
    await expect(
      listMetrcAdjustReasons(w.deps, steps, w.shop.org.id, w.shop.locations[1]!.id),
    ).rejects.toThrow(/METRC not configured/);
  });

  it("are queued once per movement and sent with their reason", async () => {
    const lot = await addLot(w, 1, 10);
    const input = {
      organizationId: w.shop.org.id,
      locationId: w.shop.locations[0]!.id,
      lotId: lot.id,
      quantity: -2,
      reason: "Damage",
      note: "Dropped",
      movementId: crypto.randomUUID(),
      occurredAt: w.clock.now,
    };
    const first = await enqueueMetrcPackageAdjustment(handle.db, input);
    expect(first).not.toBeNull();
    expect(await enqueueMetrcPackageAdjustment(handle.db, input)).toBeNull();
    await expect(enqueueMetrcPackageAdjustment(handle.db, { ...input, quantity: 0 })).rejects.toThrow(
      /non-zero/,
    );
    await runMetrcSync(w.deps, { organizationId: w.shop.org.id, callsPerSecond: 0 });
    const sent = w.mock.adjustments(w.license).filter((a) => a.Label === lot.packageLabel);
    expect(sent).toEqual([
      expect.objectContaining({
        Quantity: -2,
        AdjustmentReason: "Damage",
        ReasonNote: "Dropped",
        AdjustmentDate: "2026-05-01",
      }),
    ]);
  });
});

describe("inventory write-offs", () => {
  it("queue a package adjustment for damaged or miscounted packaged units, in the movement's transaction", async () => {
    const actor = { organizationId: w.shop.org.id, actorUserId: null };
    const item = { locationId: w.shop.locations[0]!.id, variantId: w.shop.variants[2]!.id };
    const packageLabel = "1A4FF0100000022000009999";
    const received = await receiveStock(w.deps, actor, { ...item, quantity: 10, lot: { packageLabel } });
    const lot = { id: received.movements[0]!.lotId!, packageLabel };
    w.mock.setPackage(w.license, { Label: packageLabel, Quantity: 10, UnitOfMeasureName: "Each" });
    await damageStock(w.deps, actor, { ...item, quantity: 3, reason: "Broken jar", lotId: lot.id });
    await adjustStock(w.deps, actor, { ...item, delta: -1, reason: "Cycle count", lotId: lot.id });
    expect(await lotQty(lot.id)).toBe(6);
    // The adjustments are dated by their movements (the database's clock); let the test clock catch up.
    const testNow = w.clock.now;
    w.clock.now = new Date(Date.now() + 60_000);
    try {
      await runMetrcSync(w.deps, { organizationId: w.shop.org.id, callsPerSecond: 0 });
    } finally {
      w.clock.now = testNow;
    }
    const sent = w.mock.adjustments(w.license).filter((a) => a.Label === lot.packageLabel);
    expect(sent).toEqual([
      expect.objectContaining({ Quantity: -3, AdjustmentReason: "Damage", ReasonNote: "Broken jar" }),
      expect.objectContaining({ Quantity: -1, AdjustmentReason: "Entry Error", ReasonNote: "Cycle count" }),
    ]);
  });
});

describe("credentials", () => {
  it("are sealed at rest and never listed back", async () => {
    const [row] = await handle.db
      .select()
      .from(metrcCredentials)
      .where(eq(metrcCredentials.organizationId, w.shop.org.id));
    expect(row!.sealedUserKey).not.toContain(USER_KEY);
    expect(w.deps.metrc.box!.open(row!.sealedUserKey)).toBe(USER_KEY);
    const raw = await handle.db.execute(sql`select * from metrc_credentials`);
    expect(JSON.stringify(raw)).not.toContain(USER_KEY);
    const listed = await listMetrcCredentialStatus(w.deps, w.shop.org.id);
    expect(JSON.stringify(listed)).not.toContain(USER_KEY);
    expect(listed[0]!.userKeyLastFour).toBe(USER_KEY.slice(-4));
  });

  it("a location without credentials is reported as not configured and its reports wait", async () => {
    const south = w.shop.locations[1]!;
    await addLot(w, 0, 2, { locationIndex: 1, inMetrc: false });
    const order = await readyOrder(w, [{ variantIndex: 0, quantity: 1 }], { locationIndex: 1 });
    await complete(order.id);
    const result = await runMetrcSync(w.deps, { organizationId: w.shop.org.id, callsPerSecond: 0 });
    expect(result.notConfigured).toEqual([
      `METRC not configured for ${south.name}: no METRC user key has been set for this location.`,
    ]);
    const [item] = await itemsOf(order.id);
    expect(item!.status).toBe("pending");
    expect(item!.lastError).toMatch(/METRC not configured/);
    expect(item!.attempts).toBe(0);
  });

  it("without a vendor key the whole platform reports not configured", async () => {
    const order = await readyOrder(w, [{ variantIndex: 0, quantity: 1 }]);
    await addLot(w, 0, 1);
    await complete(order.id);
    const result = await runMetrcSync(
      { ...w.deps, metrc: { ...w.deps.metrc, vendorKey: null } },
      { organizationId: w.shop.org.id, callsPerSecond: 0 },
    );
    expect(result.notConfigured.join()).toMatch(/METRC_VENDOR_KEY/);
    expect((await itemsOf(order.id))[0]!.status).toBe("pending");
  });
});
