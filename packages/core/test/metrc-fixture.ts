import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import type { PurchaserType } from "@cannasaas/db/enums";
import { inventoryLevels, inventoryLots, orderItems, orders, organizations } from "@cannasaas/db/schema";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import { startMetrcMock, type MetrcMock, type MetrcMockOptions } from "@cannasaas/integrations/testing";
import { randomBytes } from "node:crypto";
import { createSecretBox, setMetrcCredentials, type MetrcDeps } from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

export const VENDOR_KEY = "vendor-key-7c1e2d9a44";
export const USER_KEY = "user-key-0a1b2c3d4e5f9z9z";
export const newBox = () => createSecretBox([{ id: "k1", key: randomBytes(32) }]);

let labelSeq = 0;
export const newLabel = () => `1A4FF01000000220${String(++labelSeq).padStart(8, "0")}`;

export type MetrcWorld = {
  shop: FixtureTenant;
  deps: MetrcDeps;
  mock: MetrcMock;
  license: string;
  clock: { now: Date };
};

/** An enterprise tenant with METRC credentials for its north location, and a mock METRC that knows the license. */
export async function metrcWorld(
  db: Database,
  tag: string,
  mockOptions: Partial<MetrcMockOptions> = {},
): Promise<MetrcWorld> {
  const shop = await createFixtureTenant(db, { tag, passwordHash: "x" });
  await db.update(organizations).set({ plan: "enterprise" }).where(eq(organizations.id, shop.org.id));
  const license = `LIC-${tag}`;
  const mock = await startMetrcMock({
    vendorKey: VENDOR_KEY,
    users: { [USER_KEY]: [license] },
    hangMs: 3_000,
    ...mockOptions,
  });
  const clock = { now: new Date("2026-05-01T18:00:00Z") };
  const deps: MetrcDeps = {
    db,
    kv: createMemoryKv(),
    clock: () => clock.now,
    metrc: { vendorKey: VENDOR_KEY, box: newBox(), baseUrlOverride: mock.url, timeoutMs: 2_000 },
    sleep: async () => {},
    random: () => 0.5,
  };
  await setMetrcCredentials(deps, shop.org.id, null, {
    locationId: shop.locations[0]!.id,
    userKey: USER_KEY,
    licenseNumber: license,
  });
  return { shop, deps, mock, license, clock };
}

/** A lot in the database and the same package in the mock METRC. */
export async function addLot(
  w: MetrcWorld,
  variantIndex: number,
  quantity: number,
  opts: {
    expiresOn?: string | null;
    receivedAt?: Date;
    label?: string;
    inMetrc?: boolean;
    locationIndex?: number;
  } = {},
) {
  const label = opts.label ?? newLabel();
  const [lot] = await w.deps.db
    .insert(inventoryLots)
    .values({
      organizationId: w.shop.org.id,
      locationId: w.shop.locations[opts.locationIndex ?? 0]!.id,
      variantId: w.shop.variants[variantIndex]!.id,
      packageLabel: label,
      initialQuantity: quantity,
      quantity,
      expiresOn: opts.expiresOn ?? null,
      receivedAt: opts.receivedAt ?? new Date("2026-04-01T00:00:00Z"),
    })
    .returning();
  if (opts.inMetrc !== false)
    w.mock.setPackage(w.license, { Label: label, Quantity: quantity, UnitOfMeasureName: "Each" });
  return lot!;
}

let orderSeq = 10_000;

/**
 * An order that is ready for handover (its stock reserved), inserted directly so tests can make many quickly;
 * completing it goes through the real lifecycle.
 */
export async function readyOrder(
  w: MetrcWorld,
  lines: Array<{ variantIndex: number; quantity: number; unitPriceCents?: number }>,
  opts: { purchaserType?: PurchaserType; locationIndex?: number } = {},
) {
  const db = w.deps.db;
  const locationId = w.shop.locations[opts.locationIndex ?? 0]!.id;
  return db.transaction(async (tx) => {
    const items = lines.map((l) => {
      const variant = w.shop.variants[l.variantIndex]!;
      const price = l.unitPriceCents ?? variant.priceCents;
      const subtotal = price * l.quantity;
      const excise = Math.round(subtotal * 0.15);
      const sales = Math.round(subtotal * 0.0725);
      return { variant, l, subtotal, excise, sales, total: subtotal + excise + sales };
    });
    const subtotal = items.reduce((a, i) => a + i.subtotal, 0);
    const total = items.reduce((a, i) => a + i.total, 0);
    const [order] = await tx
      .insert(orders)
      .values({
        organizationId: w.shop.org.id,
        orderNumber: ++orderSeq,
        customerId: w.shop.shopper.customerId,
        locationId,
        status: "ready",
        fulfillment: "pickup",
        purchaserType: opts.purchaserType ?? "adult_use",
        paymentMethod: "cash",
        subtotalCents: subtotal,
        exciseCents: items.reduce((a, i) => a + i.excise, 0),
        salesTaxCents: items.reduce((a, i) => a + i.sales, 0),
        totalCents: total,
        localDay: "2026-05-01",
        placedAt: w.clock.now,
      })
      .returning();
    await tx.insert(orderItems).values(
      items.map((i) => ({
        organizationId: w.shop.org.id,
        orderId: order!.id,
        variantId: i.variant.id,
        productName: "Product",
        variantName: i.variant.name,
        sku: i.variant.sku,
        category: "flower",
        quantity: i.l.quantity,
        unitPriceCents: i.l.unitPriceCents ?? i.variant.priceCents,
        subtotalCents: i.subtotal,
        exciseCents: i.excise,
        salesTaxCents: i.sales,
        totalCents: i.total,
      })),
    );
    for (const i of items) {
      await tx
        .update(inventoryLevels)
        .set({
          onHand: sql`greatest(${inventoryLevels.onHand}, ${inventoryLevels.reserved} + ${i.l.quantity})`,
          reserved: sql`${inventoryLevels.reserved} + ${i.l.quantity}`,
        })
        .where(and(eq(inventoryLevels.locationId, locationId), eq(inventoryLevels.variantId, i.variant.id)));
    }
    return order!;
  });
}
