/**
 * METRC reports shaped like the published reference wants them, end to end against the mock (which enforces
 * the same rules): patient sales name the patient's card and identification, weight-tracked packages are
 * reported in their unit, reasons that need a note never go without one, and states on another
 * track-and-trace system get nothing at all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  identityDocuments,
  inventoryLots,
  locations,
  metrcSyncItems,
  orderItems,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  advanceOrder,
  enqueueMetrcPackageAdjustment,
  metrcClientForLocation,
  runMetrcSync,
  setMetrcCredentials,
  type ReceiptPayload,
} from "../src";
import { sealPersonal } from "../src/crypto/pii";
import { addLot, metrcWorld, readyOrder, USER_KEY, type MetrcWorld } from "./metrc-fixture";

let handle: DatabaseHandle;
let w: MetrcWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  w = await metrcWorld(handle.db, "mref");
});
afterAll(async () => {
  await w?.mock.close();
  await handle?.close();
});

const complete = (orderId: string) =>
  advanceOrder(w.deps, w.shop.org.id, { orderId, to: "completed", actorUserId: null });
const itemsOf = (orderId: string) =>
  handle.db.select().from(metrcSyncItems).where(eq(metrcSyncItems.orderId, orderId));
const sync = () => runMetrcSync(w.deps, { organizationId: w.shop.org.id, callsPerSecond: 0 });

describe("patient sales", () => {
  it("without a card number on file wait for a person instead of being reported incompletely", async () => {
    await addLot(w, 0, 2);
    const order = await readyOrder(w, [{ variantIndex: 0, quantity: 1 }], { purchaserType: "medical" });
    await complete(order.id);
    const [item] = await itemsOf(order.id);
    expect([item!.status, item!.problem]).toEqual(["dead", expect.stringMatching(/medical card number/)]);
  });

  it("carry the patient's license number and identification method, and METRC accepts them", async () => {
    await handle.db.insert(identityDocuments).values([
      {
        organizationId: w.shop.org.id,
        customerId: w.shop.shopper.customerId,
        kind: "medical_card",
        status: "approved",
        documentNumber: sealPersonal("PT-55501"),
        reviewedAt: new Date("2026-04-01T00:00:00Z"),
      },
      {
        organizationId: w.shop.org.id,
        customerId: w.shop.shopper.customerId,
        kind: "government_id",
        status: "approved",
        reviewedAt: new Date("2026-04-01T00:00:00Z"),
      },
    ]);
    await addLot(w, 0, 2);
    const order = await readyOrder(w, [{ variantIndex: 0, quantity: 1 }], { purchaserType: "medical" });
    await complete(order.id);
    const receipt = ((await itemsOf(order.id))[0]!.payload as ReceiptPayload).receipt;
    expect(receipt).toMatchObject({
      SalesCustomerType: "Patient",
      PatientLicenseNumber: "PT-55501",
      IdentificationMethod: "Medical card and government photo ID",
    });
    await sync();
    expect(w.mock.receipt(w.license, String(order.orderNumber))?.PatientLicenseNumber).toBe("PT-55501");
  });
});

describe("units of measure", () => {
  it("reports units from a weight-tracked package as their weight in its unit, and METRC takes it", async () => {
    const lot = await addLot(w, 1, 10, { inMetrc: false });
    await handle.db.update(inventoryLots).set({ unitOfMeasure: "Grams" }).where(eq(inventoryLots.id, lot.id));
    w.mock.setPackage(w.license, { Label: lot.packageLabel, Quantity: 100, UnitOfMeasureName: "Grams" });
    const order = await readyOrder(w, [{ variantIndex: 1, quantity: 2 }]);
    await handle.db
      .update(orderItems)
      .set({ cannabisWeightMg: 3_500 })
      .where(eq(orderItems.orderId, order.id));
    await complete(order.id);
    const [transaction] = ((await itemsOf(order.id))[0]!.payload as ReceiptPayload).receipt.Transactions;
    expect(transaction).toMatchObject({
      PackageLabel: lot.packageLabel,
      Quantity: 7,
      UnitOfMeasure: "Grams",
    });
    await sync();
    expect(w.mock.packages(w.license).find((p) => p.Label === lot.packageLabel)!.Quantity).toBe(93);
  });
});

describe("adjustment reasons that need a note", () => {
  it("are never sent without one: the item waits with METRC's rule named", async () => {
    const lot = await addLot(w, 2, 5);
    const input = {
      organizationId: w.shop.org.id,
      locationId: w.shop.locations[0]!.id,
      lotId: lot.id,
      quantity: -1,
      reason: "Entry Error",
      note: null,
      movementId: crypto.randomUUID(),
      occurredAt: w.clock.now,
    };
    const itemId = await enqueueMetrcPackageAdjustment(handle.db, input);
    await sync();
    const [item] = await handle.db.select().from(metrcSyncItems).where(eq(metrcSyncItems.id, itemId!));
    expect(item!.status).toBe("dead");
    expect(item!.lastError ?? item!.problem).toMatch(/requires a note for "Entry Error"/);
    expect(w.mock.adjustments(w.license).filter((a) => a.Label === lot.packageLabel)).toEqual([]);

    await enqueueMetrcPackageAdjustment(handle.db, {
      ...input,
      note: "Miscounted.",
      movementId: crypto.randomUUID(),
    });
    await sync();
    expect(w.mock.adjustments(w.license).filter((a) => a.Label === lot.packageLabel)).toHaveLength(1);
  });
});

describe("states without METRC", () => {
  it("get no METRC address, no key and no reports", async () => {
    const wa = w.shop.locations[1]!;
    await handle.db.update(locations).set({ state: "WA" }).where(eq(locations.id, wa.id));
    const facility = await metrcClientForLocation(w.deps, w.shop.org.id, wa.id);
    expect(facility.ok).toBe(false);
    expect(facility.ok ? "" : facility.reason).toMatch(/WA does not use METRC/);
    await expect(
      setMetrcCredentials(w.deps, w.shop.org.id, null, {
        locationId: wa.id,
        userKey: USER_KEY,
        licenseNumber: "X",
      }),
    ).rejects.toThrow(/does not use METRC/);

    await addLot(w, 0, 2, { locationIndex: 1 });
    const order = await readyOrder(w, [{ variantIndex: 0, quantity: 1 }], { locationIndex: 1 });
    await complete(order.id);
    expect(
      await handle.db
        .select()
        .from(metrcSyncItems)
        .where(and(eq(metrcSyncItems.orderId, order.id), eq(metrcSyncItems.locationId, wa.id))),
    ).toEqual([]);
  });
});
