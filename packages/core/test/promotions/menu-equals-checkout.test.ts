/**
 * For every live promotion in the demo data, the price the menu shows is the price checkout charges: the menu's
 * deal price (one unit) or the offer's terms (bundles, buy X get Y, thresholds, coupons) against the line totals
 * of a real order placed through `placeOrder`, on the seeded demo stores (California and Colorado). Every order
 * is also checked against the cart's estimate: the same taxes by type and total, before the order is placed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  carts,
  customers,
  inventoryLevels,
  locations,
  promotionRedemptions,
  promotions,
  users,
  type DeliveryAddress,
} from "@cannasaas/db/schema";
import { DEMO_PROMOTIONS, seedDemo } from "@cannasaas/db/seed";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  addCartItem,
  applyCouponToCart,
  getOrCreateCart,
  listMenuProducts,
  placeOrder,
  quoteCart,
  resolveTenant,
  setCartFulfillment,
  withMenuDeals,
  type CoreDeps,
  type Tenant,
} from "../../src";

let handle: DatabaseHandle;
let now: Date;
let deps: CoreDeps;

/** Saturday 17:00 on each store's clock: the daily happy hour and the weekend deal both run. */
const SATURDAY_5PM: Record<string, Date> = {
  greenleaf: new Date("2026-06-14T00:00:00Z"), // America/Los_Angeles
  "mile-high": new Date("2026-06-13T23:00:00Z"), // America/Denver
};

beforeAll(async () => {
  handle = await createTestDatabase();
  now = SATURDAY_5PM.greenleaf!;
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now };
  await seedDemo(handle.db, { hashPassword: async () => "not-used", now: new Date("2026-06-01T00:00:00Z") });
  // Pricing is what is under test: lift the ID check and give every item plenty of stock.
  await handle.db.execute(
    sql`update organizations set compliance = jsonb_set(compliance, '{idVerificationRequired}', 'false')`,
  );
  await handle.db.update(inventoryLevels).set({ onHand: 1_000, reserved: 0 });
}, 240_000);
afterAll(async () => handle?.close());

async function shopperAt(tenant: Tenant) {
  const email = `menu-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const [user] = await handle.db
    .insert(users)
    .values({ email, dateOfBirth: "1985-04-02", emailVerified: now })
    .returning();
  const [customer] = await handle.db
    .insert(customers)
    .values({ organizationId: tenant.id, userId: user!.id })
    .returning();
  return customer!.id;
}

/**
 * Orders `quantity` units of one variant (optionally with a coupon, or delivered to an address) and returns the
 * line and order.
 */
async function orderOf(
  tenant: Tenant,
  locationId: string,
  variantId: string,
  quantity: number,
  code?: string,
  deliverTo?: DeliveryAddress,
) {
  const customerId = await shopperAt(tenant);
  const cart = await getOrCreateCart(handle.db, tenant.id, { customerId });
  await addCartItem(handle.db, tenant.id, cart.id, variantId, quantity);
  await setCartFulfillment(handle.db, tenant.id, cart.id, {
    locationId,
    fulfillment: deliverTo ? "delivery" : "pickup",
    address: deliverTo ?? null,
  });
  if (code) {
    await applyCouponToCart(handle.db, {
      organizationId: tenant.id,
      storeName: tenant.name,
      cartId: cart.id,
      code,
      customerId,
      purchaser: "adult_use",
      locationId,
      timeZone: tenant.timeZone,
      now,
    });
  }
  // The cart's estimate (taxes by type and total) is what the order charges: sent back as the shown quote, a
  // difference would refuse the order, and the totals are compared field by field.
  const [cartRow] = await handle.db.select().from(carts).where(eq(carts.id, cart.id));
  const quote = await quoteCart(handle.db, tenant, cartRow!, "adult_use", now);
  const estimate = quote.totals!;
  const placed = await placeOrder(deps, tenant, {
    customerId,
    cartId: cart.id,
    purchaser: "adult_use",
    paymentMethod: "cash",
    shown: {
      totalCents: estimate.totalCents,
      discountCents: estimate.discountCents,
      deliveryFeeCents: estimate.deliveryFeeCents,
      taxCents: estimate.exciseCents + estimate.localCannabisCents + estimate.salesTaxCents,
      lines: quote.lines.map((l) => ({
        variantId: l.variantId,
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
      })),
    },
  });
  const { totalCents, discountCents, exciseCents, localCannabisCents, salesTaxCents } = placed.order;
  expect({ totalCents, discountCents, exciseCents, localCannabisCents, salesTaxCents }).toEqual({
    totalCents: estimate.totalCents,
    discountCents: estimate.discountCents,
    exciseCents: estimate.exciseCents,
    localCannabisCents: estimate.localCannabisCents,
    salesTaxCents: estimate.salesTaxCents,
  });
  const items = await handle.db.query.orderItems.findMany({
    where: (t, { eq: is }) => is(t.orderId, placed.order.id),
  });
  return { order: placed.order, line: items[0]! };
}

/** The demo promotions each case below proves; the first case fails when the seed gains one nobody checks. */
const COVERED = [
  "Happy hour: 20% off flower",
  "Weekend vapes: 15% off",
  "Edibles: buy 2, get 1 free",
  "Pre-roll mix & match: any 3 for $30",
  "Spend $150, save $15",
  "Free delivery over $75",
  "Welcome: 10% off your first order",
  "Summer $5 off",
];

for (const slug of ["greenleaf", "mile-high"]) {
  describe(`${slug}: every live demo promotion`, () => {
    let tenant: Tenant;
    let locationId: string;
    let timeZone: string;

    beforeAll(async () => {
      now = SATURDAY_5PM[slug]!;
      tenant = (await resolveTenant(deps, slug))!;
      const [location] = await handle.db
        .select()
        .from(locations)
        .where(eq(locations.organizationId, tenant.id))
        .orderBy(locations.name)
        .limit(1);
      locationId = location!.id;
      timeZone = location!.timeZone;
    });

    /** The first in-stock product of a category as the menu procedure returns it (deals included). */
    const firstIn = async (category: string, at = locationId) => {
      now = SATURDAY_5PM[slug]!;
      const page = await listMenuProducts(handle.db, tenant.id, {
        page: 1,
        pageSize: 20,
        categorySlug: category,
        menu: "adult_use",
        locationId: at,
        sort: "name",
      });
      const menu = await withMenuDeals(
        deps,
        { organizationId: tenant.id, timeZone, locationId: at, menu: "adult_use", now },
        page,
      );
      const product = menu.products.find((p) => p.available > 0);
      expect(product, `a ${category} product on the menu`).toBeTruthy();
      return { product: product!, variant: product!.variants[0]! };
    };

    it("has the demo promotions, all active, and every one is checked below", async () => {
      const rows = await handle.db.select().from(promotions).where(eq(promotions.organizationId, tenant.id));
      expect(rows.map((r) => r.name).sort()).toEqual(DEMO_PROMOTIONS.map((p) => p.name).sort());
      expect(rows.every((r) => r.status === "active")).toBe(true);
      expect([...COVERED].sort()).toEqual(rows.map((r) => r.name).sort());
    });

    it("happy hour: the flower price on the menu is the price on the order", async () => {
      const { variant } = await firstIn("flower");
      expect(variant.deal?.applied).toContain("Happy hour: 20% off flower");
      expect(variant.deal!.dealPriceCents).toBeLessThan(variant.menuPriceCents);
      const { line } = await orderOf(tenant, locationId, variant.id, 1);
      expect(line.subtotalCents - line.discountCents).toBe(variant.deal!.dealPriceCents);
    });

    it("weekend vapes: the vape price on the menu is the price on the order", async () => {
      const { variant } = await firstIn("vape");
      expect(variant.deal?.applied).toContain("Weekend vapes: 15% off");
      const { line } = await orderOf(tenant, locationId, variant.id, 1);
      expect(line.subtotalCents - line.discountCents).toBe(variant.deal!.dealPriceCents);
    });

    it("edibles buy 2 get 1: the offer is on the menu and three packages cost two", async () => {
      const { product, variant } = await firstIn("edible");
      expect(product.offers).toContainEqual({
        name: "Edibles: buy 2, get 1 free",
        terms: "Buy 2, get 1 free",
      });
      expect(variant.deal!.dealPriceCents).toBe(variant.menuPriceCents);
      const { line } = await orderOf(tenant, locationId, variant.id, 3);
      expect(line.subtotalCents - line.discountCents).toBe(2 * variant.menuPriceCents);
    });

    it("pre-roll bundle: the offer is on the menu and three cost $30 (or less, when they already do)", async () => {
      const { product, variant } = await firstIn("pre-roll");
      expect(product.offers).toContainEqual({
        name: "Pre-roll mix & match: any 3 for $30",
        terms: "Any 3 for $30.00",
      });
      const { line } = await orderOf(tenant, locationId, variant.id, 3);
      expect(line.subtotalCents - line.discountCents).toBe(Math.min(3_000, 3 * variant.menuPriceCents));
    });

    it("spend $150 save $15: an order over $150 of accessories saves exactly $15", async () => {
      const { product, variant } = await firstIn("accessory");
      expect(product.offers).toContainEqual({
        name: "Spend $150, save $15",
        terms: "Spend $150.00, save $15.00",
      });
      const units = Math.ceil(15_000 / variant.menuPriceCents);
      const { order } = await orderOf(tenant, locationId, variant.id, units);
      expect(order.discountCents).toBe(1_500);
    });

    it("coupons: SUMMER5 and a first order's WELCOME10 take off what their terms say", async () => {
      const { variant } = await firstIn("vape");
      const perUnit = variant.deal!.dealPriceCents;
      const units = Math.ceil(4_000 / variant.menuPriceCents);
      const summer = await orderOf(tenant, locationId, variant.id, units, "summer5");
      expect(summer.order.discountCents).toBe(units * (variant.menuPriceCents - perUnit) + 500);
      const welcome = await orderOf(tenant, locationId, variant.id, 1, "WELCOME10");
      // best for the customer: 10% of the whole price, unless the weekend 15% (stackable) saves more
      const weekend = variant.menuPriceCents - perUnit;
      const tenPercent = Math.floor((variant.menuPriceCents * 1_000 + 5_000) / 10_000);
      expect(welcome.order.discountCents).toBe(Math.max(weekend, tenPercent));
    });

    it("free delivery over $75: the zone's fee is charged nothing, as the cart showed, with its redemption", async () => {
      const [store] = await handle.db
        .select()
        .from(locations)
        .where(and(eq(locations.organizationId, tenant.id), eq(locations.deliveryEnabled, true)))
        .orderBy(locations.name)
        .limit(1);
      const radius = store!.deliveryZones.find((z) => z.kind === "radius")!;
      expect(radius.feeCents).toBeGreaterThan(0);
      // Across town: outside the store's own ZIP (free anyway), inside the paid radius zone.
      const address = {
        line1: "100 Test St",
        city: "Town",
        state: tenant.state,
        postalCode: "00001",
        latitude: store!.latitude! + 0.01,
        longitude: store!.longitude!,
      };
      const { variant } = await firstIn("accessory", store!.id);
      const units = Math.ceil(Math.max(7_500, radius.minimumOrderCents) / variant.menuPriceCents);
      const { order } = await orderOf(tenant, store!.id, variant.id, units, undefined, address);
      // The order keeps the zone's fee and takes it off as its discount: the shopper pays goods and taxes only.
      expect(order.deliveryFeeCents).toBe(radius.feeCents);
      expect(order.discountCents).toBe(radius.feeCents);
      const taxes = order.exciseCents + order.localCannabisCents + order.salesTaxCents;
      expect(order.totalCents).toBe(order.subtotalCents + taxes);
      const redemptions = await handle.db
        .select({ name: promotions.name, cents: promotionRedemptions.discountCents })
        .from(promotionRedemptions)
        .innerJoin(promotions, eq(promotions.id, promotionRedemptions.promotionId))
        .where(and(eq(promotionRedemptions.orderId, order.id), isNull(promotionRedemptions.orderItemId)));
      expect(redemptions).toEqual([{ name: "Free delivery over $75", cents: radius.feeCents }]);
    });
  });
}
