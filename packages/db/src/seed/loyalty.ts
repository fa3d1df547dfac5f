/**
 * Demo loyalty and reviews: each launched store gets a rewards program with three tiers and a rewards catalog;
 * its member shoppers get a few completed orders in the past months (the purchases that earned their points and
 * make them verified reviewers), a points history and approved reviews (one still waiting, with a word the
 * moderator should check). Deterministic, like the rest of the seed: the same code gives the same data.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Transaction } from "../client";
import { takeOrderNumber } from "../order-numbers";
import {
  categories,
  customers,
  locations,
  loyaltyAccounts,
  loyaltyLedger,
  loyaltyPrograms,
  loyaltyRewards,
  loyaltyTiers,
  orderItems,
  orders,
  organizations,
  productReviews,
  products,
  productVariants,
  users,
} from "../schema";
import { DEMO_SEED, hashString, mulberry32 } from "./random";

const DAY_MS = 24 * 60 * 60 * 1000;

const TIERS = [
  { name: "Bronze", thresholdPoints: 0, multiplierBps: 10_000, perks: "1 point per dollar" },
  { name: "Silver", thresholdPoints: 500, multiplierBps: 12_500, perks: "1.25x points" },
  {
    name: "Gold",
    thresholdPoints: 2_000,
    multiplierBps: 15_000,
    perks: "1.5x points and early access to drops",
  },
];

const REVIEW_TEXTS = [
  {
    rating: 5,
    title: "Smooth and flavorful",
    body: "Really smooth, great citrus taste and a calm, happy evening.",
  },
  {
    rating: 4,
    title: "Solid choice",
    body: "Good quality for the price. Budtender recommendation was spot on.",
  },
  { rating: 5, title: "New favorite", body: "Fresh, well cured and the staff were friendly at pickup." },
  { rating: 3, title: "Decent", body: "Fine overall, a bit milder than I expected from the label." },
];

export async function seedLoyalty(tx: Transaction, now: Date) {
  const orgs = await tx
    .select({ id: organizations.id, slug: organizations.slug, timeZone: organizations.timeZone })
    .from(organizations)
    .where(sql`${organizations.launchedAt} is not null`)
    .orderBy(asc(organizations.slug));
  for (const org of orgs) await seedStore(tx, org, now);
}

async function seedStore(tx: Transaction, org: { id: string; slug: string }, now: Date) {
  const organizationId = org.id;
  const random = mulberry32(hashString(`loyalty:${org.slug}`) ^ DEMO_SEED);
  await tx.insert(loyaltyPrograms).values({
    organizationId,
    pointsPerDollar: 1,
    signupBonusPoints: 100,
    birthdayBonusPoints: 200,
    referrerRewardPoints: 250,
    refereeRewardPoints: 250,
    referralCapPerYear: 10,
  });
  const tiers = await tx
    .insert(loyaltyTiers)
    .values(TIERS.map((t) => ({ ...t, organizationId })))
    .returning();
  const [location] = await tx
    .select()
    .from(locations)
    .where(eq(locations.organizationId, organizationId))
    .limit(1);
  const menu = await tx
    .select({
      productId: products.id,
      productName: products.name,
      variantId: productVariants.id,
      variantName: productVariants.name,
      sku: productVariants.sku,
      priceCents: productVariants.priceCents,
      category: categories.slug,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(eq(productVariants.organizationId, organizationId), eq(products.status, "active")))
    .orderBy(asc(products.slug), asc(productVariants.position));
  if (!location || menu.length < 8) return;
  const preRoll = menu.find((m) => m.category === "pre-roll") ?? menu[0]!;
  await tx.insert(loyaltyRewards).values([
    { organizationId, name: "$5 off your order", kind: "amount_off", pointsCost: 500, amountOffCents: 500 },
    {
      organizationId,
      name: "$12 off your order",
      kind: "amount_off",
      pointsCost: 1000,
      amountOffCents: 1200,
    },
    {
      organizationId,
      name: `Free ${preRoll.productName}`,
      kind: "free_item",
      pointsCost: 800,
      variantId: preRoll.variantId,
    },
  ]);

  const members = await tx
    .select({ customerId: customers.id, email: users.email })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.userId))
    .where(and(eq(customers.organizationId, organizationId), eq(customers.loyaltyMember, true)))
    .orderBy(asc(users.email));
  // The first eight products of the menu are the ones the demo shoppers bought and reviewed.
  const bought = [...new Map(menu.map((m) => [m.productId, m])).values()].slice(0, 8);
  for (const [index, member] of members.entries()) {
    const entries: Array<typeof loyaltyLedger.$inferInsert> = [
      {
        organizationId,
        customerId: member.customerId,
        kind: "earn",
        source: "signup",
        points: 100,
        reason: "Welcome bonus",
        dedupeKey: "signup",
        createdAt: new Date(now.getTime() - 200 * DAY_MS),
      },
    ];
    let yearPoints = 0;
    const mine = bought.filter((_, i) => (i + index) % 2 === 0).slice(0, 4);
    for (const [n, item] of mine.entries()) {
      const at = new Date(now.getTime() - (150 - n * 30 - index * 5) * DAY_MS);
      const quantity = 1 + Math.floor(random() * 3);
      const subtotal = item.priceCents * quantity;
      const orderNumber = await takeOrderNumber(tx, organizationId);
      const [order] = await tx
        .insert(orders)
        .values({
          organizationId,
          orderNumber,
          customerId: member.customerId,
          locationId: location.id,
          status: "completed",
          fulfillment: "pickup",
          purchaserType: "adult_use",
          paymentMethod: "cash",
          paymentStatus: "paid",
          subtotalCents: subtotal,
          totalCents: subtotal,
          // A demo order in the past: its UTC day stands in for the store's (no purchase limit looks that far back).
          localDay: at.toISOString().slice(0, 10),
          placedAt: at,
          completedAt: at,
          notes: "Demo order (loyalty history)",
        })
        .returning({ id: orders.id, orderNumber: orders.orderNumber });
      await tx.insert(orderItems).values({
        organizationId,
        orderId: order!.id,
        variantId: item.variantId,
        productName: item.productName,
        variantName: item.variantName,
        sku: item.sku,
        category: item.category,
        quantity,
        unitPriceCents: item.priceCents,
        subtotalCents: subtotal,
        totalCents: subtotal,
      });
      const points = Math.floor(subtotal / 100);
      yearPoints += points;
      entries.push({
        organizationId,
        customerId: member.customerId,
        kind: "earn",
        source: "order",
        points,
        orderId: order!.id,
        reason: `Order #${order!.orderNumber}`,
        dedupeKey: `earn:${order!.id}`,
        createdAt: at,
      });
      const text = REVIEW_TEXTS[(n + index) % REVIEW_TEXTS.length]!;
      const waiting = n === mine.length - 1 && index === 0;
      await tx.insert(productReviews).values({
        organizationId,
        productId: item.productId,
        customerId: member.customerId,
        orderId: order!.id,
        rating: text.rating,
        title: text.title,
        body: waiting ? "Helped me sleep, it treats my back pain better than anything." : text.body,
        status: waiting ? "pending" : "approved",
        flaggedTerms: waiting ? ["treats"] : [],
        moderatedAt: waiting ? null : new Date(at.getTime() + DAY_MS),
        helpfulCount: waiting ? 0 : Math.floor(random() * 6),
        createdAt: new Date(at.getTime() + 3 * DAY_MS),
      });
    }
    // A manager's goodwill adjustment, so the history shows every kind a shopper meets.
    entries.push({
      organizationId,
      customerId: member.customerId,
      kind: "adjust",
      source: "staff",
      points: 150,
      reason: "Goodwill: late pickup",
      createdAt: new Date(now.getTime() - 20 * DAY_MS),
    });
    await tx.insert(loyaltyLedger).values(entries);
    // The tier the tier job would have computed from these orders.
    const tier = [...tiers].reverse().find((t) => yearPoints >= t.thresholdPoints) ?? tiers[0]!;
    await tx.insert(loyaltyAccounts).values({
      organizationId,
      customerId: member.customerId,
      tierId: tier.id,
      tierComputedAt: now,
      referralCode: `${org.slug
        .replace(/[^a-z]/g, "")
        .slice(0, 4)
        .toUpperCase()}${String(hashString(member.email)).slice(0, 4)}`,
    });
  }
}
