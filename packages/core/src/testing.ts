import { eq } from "drizzle-orm";
import { sealPersonal } from "./crypto/pii";
import { addCartItem, getOrCreateCart } from "./cart/cart";
import { setCartFulfillment } from "./cart/view";
import { invalidateMenu } from "./catalog/menu-cache";
import { createPromotion } from "./promotions/admin";
import type { Database } from "@cannasaas/db/client";
import {
  brands,
  categories,
  customers,
  inventoryLevels,
  locations,
  memberships,
  organizations,
  products,
  productVariants,
  promotions,
  users,
} from "@cannasaas/db/schema";
import { STAFF_ROLES } from "@cannasaas/db/enums";
import type { KV } from "@cannasaas/integrations/kv";
import { promotionInputSchema } from "@cannasaas/validators";

/** One staff member per role. */
export const FIXTURE_ROLES = STAFF_ROLES;

export type FixtureTenant = Awaited<ReturnType<typeof createFixtureTenant>>;

/**
 * A small, complete tenant for integration tests: two locations, one staff member per role, an adult shopper,
 * an under-age shopper, two categories and three products with stock. `tag` keeps slugs and emails unique.
 */
export async function createFixtureTenant(
  db: Database,
  options: {
    tag: string;
    state?: string;
    passwordHash: string;
    launched?: boolean;
    medicalEnabled?: boolean;
  },
) {
  const tag = options.tag;
  const [org] = await db
    .insert(organizations)
    .values({
      slug: tag,
      name: `Store ${tag}`,
      state: options.state ?? "CA",
      timeZone: "America/Los_Angeles",
      branding: { primaryColor: "#1f7a4d", accentColor: "#f2b705" },
      compliance: {
        idVerificationRequired: false,
        medicalEnabled: options.medicalEnabled ?? false,
        adultUseEnabled: true,
        idVerificationValidDays: 90,
      },
      plan: "professional",
      launchedAt: options.launched === false ? null : new Date("2026-01-01T00:00:00Z"),
    })
    .returning();
  const orgId = org!.id;
  // Open around the clock, so fixture stores take "as soon as possible" orders whenever tests run.
  const allDay = { open: "00:00", close: "00:00" };
  const hours = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
  const locs = await db
    .insert(locations)
    .values(
      ["north", "south"].map((slug) => ({
        organizationId: orgId,
        slug,
        name: `${tag} ${slug}`,
        addressLine1: "1 Main St",
        city: "Town",
        state: options.state ?? "CA",
        postalCode: "90001",
        timeZone: "America/Los_Angeles",
        hours,
      })),
    )
    .returning();

  const staff: Record<(typeof FIXTURE_ROLES)[number], { id: string; email: string }> = {} as never;
  for (const role of FIXTURE_ROLES) {
    const email = `${role}@${tag}.test`;
    const [user] = await db
      .insert(users)
      .values({
        email,
        name: `${role} ${tag}`,
        passwordHash: options.passwordHash,
        emailVerified: new Date(),
      })
      .returning({ id: users.id });
    await db.insert(memberships).values({ organizationId: orgId, userId: user!.id, role });
    staff[role] = { id: user!.id, email };
  }

  const shopperRows = await db
    .insert(users)
    .values([
      {
        email: `shopper@${tag}.test`,
        name: "Adult Shopper",
        passwordHash: options.passwordHash,
        emailVerified: new Date(),
        dateOfBirth: sealPersonal("1990-05-01"),
      },
      {
        email: `minor@${tag}.test`,
        name: "Minor Shopper",
        passwordHash: options.passwordHash,
        emailVerified: new Date(),
        dateOfBirth: sealPersonal("2008-05-01"),
      },
    ])
    .returning({ id: users.id, email: users.email });
  const customerRows = await db
    .insert(customers)
    .values(shopperRows.map((u) => ({ organizationId: orgId, userId: u.id })))
    .returning({ id: customers.id, userId: customers.userId });

  const cats = await db
    .insert(categories)
    .values([
      { organizationId: orgId, slug: "flower", name: "Flower", position: 0, limitKind: "flower" },
      { organizationId: orgId, slug: "edible", name: "Edibles", position: 1, limitKind: "edible_solid" },
    ])
    .returning();
  const [brand] = await db
    .insert(brands)
    .values({ organizationId: orgId, slug: "house", name: `${tag} House` })
    .returning();
  const prods = await db
    .insert(products)
    .values([
      {
        organizationId: orgId,
        categoryId: cats[0]!.id,
        brandId: brand!.id,
        slug: "blue-dream",
        name: `${tag} Blue Dream`,
        strainType: "hybrid",
        thcBps: 2100,
      },
      {
        organizationId: orgId,
        categoryId: cats[0]!.id,
        brandId: brand!.id,
        slug: "og-kush",
        name: `${tag} OG Kush`,
        strainType: "indica",
        thcBps: 2400,
      },
      {
        organizationId: orgId,
        categoryId: cats[1]!.id,
        brandId: brand!.id,
        slug: "gummies",
        name: `${tag} Gummies`,
        thcMg: 100,
      },
    ])
    .returning();
  const variants = await db
    .insert(productVariants)
    .values(
      prods.map((p, i) => ({
        organizationId: orgId,
        productId: p.id,
        sku: `${tag}-${i}`,
        name: p.thcMg ? "10-pack" : "3.5 g",
        weightMg: p.thcMg ? null : 3500,
        priceCents: 2500 + i * 500,
      })),
    )
    .returning();
  await db
    .insert(inventoryLevels)
    .values(
      locs.flatMap((l) =>
        variants.map((v) => ({ organizationId: orgId, locationId: l.id, variantId: v.id, onHand: 10 })),
      ),
    );

  return {
    org: org!,
    locations: locs,
    staff,
    shopper: { userId: shopperRows[0]!.id, email: shopperRows[0]!.email, customerId: customerRows[0]!.id },
    minor: { userId: shopperRows[1]!.id, email: shopperRows[1]!.email, customerId: customerRows[1]!.id },
    products: prods,
    variants,
  };
}

type CartLine = { variantId: string; quantity: number };

/**
 * A new shopper of the organization as checkout requires one: email verified at `verifiedAt` and, unless
 * `dateOfBirth` says otherwise, an adult. Returns the customer id.
 */
export async function createShopper(
  db: Database,
  organizationId: string,
  options: { verifiedAt: Date; dateOfBirth?: string },
) {
  const email = `s-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const [user] = await db
    .insert(users)
    .values({ email, dateOfBirth: options.dateOfBirth ?? "1990-01-01", emailVerified: options.verifiedAt })
    .returning({ id: users.id });
  const [customer] = await db
    .insert(customers)
    .values({ organizationId, userId: user!.id })
    .returning({ id: customers.id });
  return customer!.id;
}

/** The customer's cart holding `lines`, for pickup at `locationId`; returns its id. */
export async function fillPickupCart(
  db: Database,
  organizationId: string,
  input: { customerId: string; locationId: string; lines: CartLine[] },
) {
  const cart = await getOrCreateCart(db, organizationId, { customerId: input.customerId });
  for (const line of input.lines) {
    await addCartItem(db, organizationId, cart.id, line.variantId, line.quantity);
  }
  await setCartFulfillment(db, organizationId, cart.id, {
    locationId: input.locationId,
    fulfillment: "pickup",
  });
  return cart.id;
}

/** A new adult shopper (see `createShopper`) with a pickup cart (see `fillPickupCart`). */
export async function shopperWithPickupCart(
  db: Database,
  organizationId: string,
  input: { verifiedAt: Date; locationId: string; lines: CartLine[] },
) {
  const customerId = await createShopper(db, organizationId, { verifiedAt: input.verifiedAt });
  const cartId = await fillPickupCart(db, organizationId, {
    customerId,
    locationId: input.locationId,
    lines: input.lines,
  });
  return { customerId, cartId };
}

/**
 * A deal of $1 off `variantId` that can be redeemed `totalLimit` times in all, `redeemed` of them already taken
 * (none unless given), with the menu cache's promotions invalidated so checkout reads it at once. Its name is
 * unique, for a test to expect in a refusal.
 */
export async function limitedDeal(
  deps: { db: Database; kv: KV },
  organization: { id: string; timeZone: string },
  input: { variantId: string; totalLimit: number; redeemed?: number },
) {
  const deal = await createPromotion(
    deps.db,
    organization,
    promotionInputSchema.parse({
      name: `Limited deal ${Math.random().toString(36).slice(2, 8)}`,
      rule: { kind: "amount_off", amountCents: 100 },
      target: { variantIds: [input.variantId] },
      totalLimit: input.totalLimit,
    }),
  );
  if (input.redeemed) {
    await deps.db
      .update(promotions)
      .set({ redemptionCount: input.redeemed })
      .where(eq(promotions.id, deal.id));
  }
  await invalidateMenu(deps.kv, organization.id, "promotions");
  return deal;
}

export * from "./testing-kv";
