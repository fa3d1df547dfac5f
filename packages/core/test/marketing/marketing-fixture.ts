import { sql } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { customers, loyaltyAccounts, loyaltyTiers, orderItems, orders, users } from "@cannasaas/db/schema";
import { rebuildSalesRollups } from "@cannasaas/db/rollups";
import { sealPersonal } from "../../src";
import type { FixtureTenant } from "../../src/testing";

const DAY = 86_400_000;
let orderNumber = 1000;

export type Shopper = { customerId: string; email: string; userId: string };

/** A shopper of `t` with a birth date (none when `dob` is null) and consents; erased when `erased`. */
export async function addShopper(
  db: Database,
  t: FixtureTenant,
  tag: string,
  options: {
    dob?: string | null;
    emailConsent?: boolean;
    smsConsent?: boolean;
    phone?: string;
    pushConsent?: boolean;
    erased?: boolean;
    medical?: boolean;
    name?: string;
  } = {},
): Promise<Shopper> {
  const email = `${tag}@${t.org.slug}.test`;
  const [user] = await db
    .insert(users)
    .values({
      email,
      name: options.name ?? `${tag} Person`,
      dateOfBirth: options.dob === null ? null : sealPersonal(options.dob ?? "1985-03-03"),
    })
    .returning({ id: users.id });
  const [customer] = await db
    .insert(customers)
    .values({
      organizationId: t.org.id,
      userId: user!.id,
      marketingEmailConsent: options.emailConsent ?? true,
      marketingSmsConsent: options.smsConsent ?? false,
      marketingPushConsent: options.pushConsent ?? false,
      phone: options.phone ?? null,
      erasedAt: options.erased ? new Date() : null,
      isMedicalPatient: options.medical ?? false,
    })
    .returning({ id: customers.id });
  return { customerId: customer!.id, email, userId: user!.id };
}

/** A completed order of `units` of one category, `daysAgo` before `now`, worth `totalCents`. */
export async function addCompletedOrder(
  db: Database,
  t: FixtureTenant,
  customerId: string,
  input: {
    totalCents: number;
    daysAgo: number;
    category: string;
    units: number;
    now: Date;
    status?: "completed" | "pending";
  },
) {
  const at = new Date(input.now.getTime() - input.daysAgo * DAY);
  const [order] = await db
    .insert(orders)
    .values({
      organizationId: t.org.id,
      locationId: t.locations[0]!.id,
      customerId,
      orderNumber: ++orderNumber,
      status: input.status ?? "completed",
      fulfillment: "pickup",
      purchaserType: "adult_use",
      paymentMethod: "cash",
      subtotalCents: input.totalCents,
      totalCents: input.totalCents,
      localDay: at.toISOString().slice(0, 10),
      placedAt: at,
      completedAt: input.status === "pending" ? null : at,
    } as typeof orders.$inferInsert)
    .returning({ id: orders.id });
  await db.insert(orderItems).values({
    organizationId: t.org.id,
    orderId: order!.id,
    variantId: t.variants[0]!.id,
    productName: "P",
    variantName: "V",
    sku: "S",
    category: input.category,
    quantity: input.units,
    unitPriceCents: Math.round(input.totalCents / input.units),
    subtotalCents: input.totalCents,
    totalCents: input.totalCents,
  } as typeof orderItems.$inferInsert);
  return order!.id;
}

/** Rebuilds the customer rollups the segments read, as the order lifecycle keeps them. */
export const rebuildRollups = (db: Database, t: FixtureTenant) => rebuildSalesRollups(db, t.org.id);

export async function addTier(db: Database, t: FixtureTenant, name: string, customerIds: string[]) {
  const [tier] = await db
    .insert(loyaltyTiers)
    .values({ organizationId: t.org.id, name, thresholdPoints: 0 } as typeof loyaltyTiers.$inferInsert)
    .returning({ id: loyaltyTiers.id });
  for (const customerId of customerIds) {
    await db.insert(loyaltyAccounts).values({
      organizationId: t.org.id,
      customerId,
      tierId: tier!.id,
      referralCode: `R${customerId.slice(0, 8)}`,
    });
  }
  return tier!.id;
}

/** A trigger that fails the `n`th insert into marketing_messages: a process killed in the middle of a batch. */
export async function crashOnMessageInsert(db: Database, n: number) {
  await db.execute(
    sql.raw(`
    drop sequence if exists marketing_crash_seq;
    create sequence marketing_crash_seq;
    create or replace function marketing_crash() returns trigger language plpgsql as $$
    begin
      if nextval('marketing_crash_seq') = ${n} then raise exception 'simulated crash mid-batch'; end if;
      return null;
    end $$;
    drop trigger if exists marketing_crash on marketing_messages;
    create trigger marketing_crash after insert on marketing_messages
      for each statement execute function marketing_crash();`),
  );
}

export const removeCrash = (db: Database) =>
  db.execute(sql.raw(`drop trigger if exists marketing_crash on marketing_messages;`));
