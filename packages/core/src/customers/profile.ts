import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { customers, users } from "@cannasaas/db/schema";
import { openPersonal } from "../crypto/pii";
import { DomainError } from "../errors";
import type { MarketingPreferencesInput, ProfileInput } from "./schemas";
import { activeCustomer, type CustomerScope } from "./scope";

export async function getCustomerProfile(db: DbOrTx, scope: CustomerScope) {
  const customer = await activeCustomer(db, scope);
  const [user] = customer.userId ? await db.select().from(users).where(eq(users.id, customer.userId)) : [];
  if (!user) throw new DomainError("NOT_FOUND", "That account does not exist.");
  return {
    customerId: customer.id,
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerified !== null,
    dateOfBirth: openPersonal(user.dateOfBirth),
    isMedicalPatient: customer.isMedicalPatient,
    marketingEmailConsent: customer.marketingEmailConsent,
    marketingSmsConsent: customer.marketingSmsConsent,
    marketingPushConsent: customer.marketingPushConsent,
    phone: customer.phone,
    timeZone: customer.timeZone,
    loyaltyMember: customer.loyaltyMember,
  };
}

/** The name belongs to the person, so it changes at every dispensary they shop at. */
export async function updateCustomerProfile(db: DbOrTx, scope: CustomerScope, { name }: ProfileInput) {
  const customer = await activeCustomer(db, scope);
  if (!customer.userId) throw new DomainError("NOT_FOUND", "That account does not exist.");
  await db.update(users).set({ name }).where(eq(users.id, customer.userId));
  return getCustomerProfile(db, scope);
}

/** The signed-in shopper's own customer record at this dispensary, with their account's name and email. */
export async function getShopperSummary(db: DbOrTx, scope: CustomerScope) {
  const [row] = await db
    .select({
      customerId: customers.id,
      email: users.email,
      name: users.name,
      emailVerified: users.emailVerified,
      isMedicalPatient: customers.isMedicalPatient,
      marketingEmailConsent: customers.marketingEmailConsent,
      marketingSmsConsent: customers.marketingSmsConsent,
      loyaltyMember: customers.loyaltyMember,
    })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.userId))
    .where(and(eq(customers.id, scope.customerId), eq(customers.organizationId, scope.organizationId)));
  if (!row) throw new DomainError("NOT_FOUND", "That account does not exist.");
  return row;
}

/**
 * Marketing consent is per dispensary: only this customer row changes, not the person's other stores. Texts
 * need a mobile number: SMS consent cannot be turned on without one, and removing the number turns it off.
 */
export async function updateMarketingPreferences(
  db: DbOrTx,
  scope: CustomerScope,
  input: MarketingPreferencesInput,
  now: Date,
) {
  const current = await activeCustomer(db, scope);
  const phone = input.phone === undefined ? current.phone : input.phone;
  if (input.marketingSmsConsent && !phone) {
    throw new DomainError("BAD_REQUEST", "Add your mobile number to get texts.", {
      fields: { phone: "Add your mobile number to get texts." },
    });
  }
  const [row] = await db
    .update(customers)
    // updatedAt keeps the SET non-empty when nothing was sent (drizzle refuses an empty update).
    .set({ ...input, ...(input.phone === null ? { marketingSmsConsent: false } : {}), updatedAt: now })
    .where(and(eq(customers.id, scope.customerId), eq(customers.organizationId, scope.organizationId)))
    .returning({
      marketingEmailConsent: customers.marketingEmailConsent,
      marketingSmsConsent: customers.marketingSmsConsent,
      phone: customers.phone,
      timeZone: customers.timeZone,
    });
  if (!row) throw new DomainError("NOT_FOUND", "That account does not exist.");
  return row;
}
