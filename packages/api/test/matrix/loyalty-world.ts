/** Shared setup for the loyalty, review and wishlist entries of the cross-tenant matrix. */
import { expect, it } from "vitest";
import { orderItems, orders } from "@cannasaas/db/schema";
import { appendLedgerEntry, createReward } from "@cannasaas/core";
import { codeOf } from "../helpers";
import { api, handle, HOST, multi, NOT_DASHBOARD, shopperOf, staff, type As } from "./world";
import type { FixtureTenant } from "@cannasaas/core/testing";

export const staffAt = (t: FixtureTenant, role: Parameters<typeof staff>[1] = "owner") =>
  api(HOST.platform, { user: staff(t, role), org: t.org.id });
export const shopperAt = (host: string, t: FixtureTenant) => api(host, { user: shopperOf(t) });

/** Points for a customer, written as a staff adjustment. */
export async function givePoints(t: FixtureTenant, customerId: string, points: number) {
  await handle.db.transaction((tx) =>
    appendLedgerEntry(tx, {
      organizationId: t.org.id,
      customerId,
      kind: "adjust",
      source: "staff",
      points,
      reason: "matrix",
    }),
  );
}

export const rewardOf = (t: FixtureTenant) =>
  createReward(handle.db, t.org.id, {
    name: `$1 off at ${t.org.slug}`,
    kind: "amount_off",
    pointsCost: 10,
    amountOffCents: 100,
  });

let orderNumber = 50_000;
/** A completed order of the tenant's product for the customer: what makes a verified purchaser. */
export async function completedPurchase(t: FixtureTenant, customerId: string, productIndex = 0) {
  const variant = t.variants[productIndex]!;
  const [order] = await handle.db
    .insert(orders)
    .values({
      organizationId: t.org.id,
      orderNumber: ++orderNumber,
      customerId,
      locationId: t.locations[0]!.id,
      fulfillment: "pickup",
      purchaserType: "adult_use",
      paymentMethod: "cash",
      status: "completed",
      subtotalCents: variant.priceCents,
      totalCents: variant.priceCents,
      localDay: "2026-05-01",
      placedAt: new Date(),
      completedAt: new Date(),
    })
    .returning();
  await handle.db.insert(orderItems).values({
    organizationId: t.org.id,
    orderId: order!.id,
    variantId: variant.id,
    productName: t.products[productIndex]!.name,
    variantName: variant.name,
    sku: variant.sku,
    category: "flower",
    quantity: 1,
    unitPriceCents: variant.priceCents,
    subtotalCents: variant.priceCents,
    totalCents: variant.priceCents,
  });
  return order!.id;
}

/** Dashboard procedures: other organizations, shoppers, anonymous callers and tenant hosts are refused. */
export function itRefusesOutsiders(
  own: () => FixtureTenant,
  other: () => FixtureTenant,
  call: (caller: Awaited<ReturnType<typeof api>>) => Promise<unknown>,
) {
  it("refuses other organizations, shoppers, anonymous callers and tenant hosts", async () => {
    const at = (host: string, as: As) => api(host, as).then(call);
    expect(await codeOf(at(HOST.platform, { user: staff(own(), "owner"), org: other().org.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(at(HOST.platform, { user: multi, org: other().org.id }))).toBe("FORBIDDEN");
    expect(await codeOf(at(HOST.platform, { user: shopperOf(own()), org: own().org.id }))).toBe("FORBIDDEN");
    expect(await codeOf(at(HOST.platform, { org: own().org.id }))).toBe("UNAUTHORIZED");
    for (const host of NOT_DASHBOARD) {
      expect(await codeOf(at(host, { user: staff(own(), "owner"), org: own().org.id }))).toBe("FORBIDDEN");
    }
  });
}
