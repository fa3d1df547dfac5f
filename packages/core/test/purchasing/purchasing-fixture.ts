import { orderItems, orders, organizations, type OrderStatus } from "@cannasaas/db/schema";
import type { Database } from "@cannasaas/db/client";
import { addDays } from "@cannasaas/forecast";
import { eq } from "drizzle-orm";
import type { FixtureTenant } from "../../src/testing";

let orderNumber = 50_000;

/** One order a day at a location for `days` days ending `lastDay`, selling `unitsOn(day index)` of a variant. */
export async function seedDailySales(
  db: Database,
  t: FixtureTenant,
  input: {
    locationId: string;
    variantIndex: number;
    lastDay: string;
    days: number;
    unitsOn: (i: number) => number;
    status?: OrderStatus;
  },
) {
  const variant = t.variants[input.variantIndex]!;
  for (let i = 0; i < input.days; i++) {
    const units = input.unitsOn(i);
    if (units <= 0) continue;
    const day = addDays(input.lastDay, i - input.days + 1);
    const [order] = await db
      .insert(orders)
      .values({
        organizationId: t.org.id,
        orderNumber: ++orderNumber,
        customerId: t.shopper.customerId,
        locationId: input.locationId,
        status: input.status ?? "completed",
        fulfillment: "pickup",
        purchaserType: "adult_use",
        paymentMethod: "cash",
        subtotalCents: units * variant.priceCents,
        totalCents: units * variant.priceCents,
        localDay: day,
        placedAt: new Date(`${day}T20:00:00Z`),
        completedAt: new Date(`${day}T21:00:00Z`),
      })
      .returning({ id: orders.id });
    await db.insert(orderItems).values({
      organizationId: t.org.id,
      orderId: order!.id,
      variantId: variant.id,
      productName: "Product",
      variantName: variant.name,
      sku: variant.sku,
      category: "flower",
      quantity: units,
      unitPriceCents: variant.priceCents,
      subtotalCents: units * variant.priceCents,
      totalCents: units * variant.priceCents,
    });
  }
}

export async function setPlan(db: Database, t: FixtureTenant, plan: "starter" | "professional") {
  await db.update(organizations).set({ plan }).where(eq(organizations.id, t.org.id));
}
