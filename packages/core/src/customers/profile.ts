import { eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { users } from "@cannasaas/db/schema";
import { openPersonal } from "../crypto/pii";
import { DomainError } from "../errors";
import type { ProfileInput } from "./schemas";
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
