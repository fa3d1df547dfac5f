import { and, eq, isNull, sql } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { withPlatformAccess } from "@cannasaas/db/tenant-scope";
import {
  accounts,
  carts,
  customerAddresses,
  customers,
  identityDocuments,
  memberships,
  outboxMessages,
  pushSubscriptions,
  sessions,
  users,
  userTokens,
} from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { deleteStoredFiles } from "./documents";
import { activeCustomer, requireStorage, type CustomerScope } from "./scope";

const mailTo = (email: string) =>
  and(eq(outboxMessages.channel, "email"), sql`${outboxMessages.payload}->>'to' = ${email}`);

/**
 * Deletes a shopper's account at one dispensary. Orders and their lines stay (sales records must be kept), but
 * point at a customer with nothing personal left. The person's login is anonymised too once no dispensary
 * and no staff membership needs it any more.
 */
export async function eraseCustomer(
  deps: Pick<CoreDeps, "db" | "clock" | "storage" | "log">,
  scope: CustomerScope,
) {
  requireStorage(deps);
  const now = deps.clock();
  const { fileKeys, userAnonymized } = await deps.db.transaction(async (tx) => {
    const customer = await activeCustomer(tx, scope, true);
    const docs = and(
      eq(identityDocuments.organizationId, scope.organizationId),
      eq(identityDocuments.customerId, scope.customerId),
    );
    const files = await tx.select({ fileKey: identityDocuments.fileKey }).from(identityDocuments).where(docs);
    await tx
      .update(identityDocuments)
      .set({ documentNumber: null, fileKey: null, fileContentType: null })
      .where(docs);
    await tx
      .update(identityDocuments)
      .set({ status: "rejected", rejectionReason: "Withdrawn: the account was deleted.", reviewedAt: now })
      .where(and(docs, eq(identityDocuments.status, "pending")));
    await tx
      .delete(customerAddresses)
      .where(
        and(
          eq(customerAddresses.organizationId, scope.organizationId),
          eq(customerAddresses.customerId, scope.customerId),
        ),
      );
    await tx
      .delete(pushSubscriptions)
      .where(
        and(
          eq(pushSubscriptions.organizationId, scope.organizationId),
          eq(pushSubscriptions.customerId, scope.customerId),
        ),
      );
    await tx
      .delete(carts)
      .where(and(eq(carts.organizationId, scope.organizationId), eq(carts.customerId, scope.customerId)));
    await tx
      .update(customers)
      .set({
        userId: null,
        erasedAt: now,
        updatedAt: now,
        isMedicalPatient: false,
        marketingEmailConsent: false,
        marketingSmsConsent: false,
        marketingPushConsent: false,
        loyaltyMember: false,
      })
      .where(eq(customers.id, customer.id));
    // Whether the person still shops or works elsewhere is a question about every tenant: platform-level.
    const userId = customer.userId;
    const anonymized = userId
      ? await withPlatformAccess(tx, () => releaseUser(tx, userId, scope.organizationId))
      : false;
    return { fileKeys: files.flatMap((f) => (f.fileKey ? [f.fileKey] : [])), userAnonymized: anonymized };
  });
  await deleteStoredFiles(deps, fileKeys);
  return { erased: true as const, userAnonymized };
}

/** Removes this store's mail to the person, and anonymises the login when nothing else uses it. */
async function releaseUser(tx: Transaction, userId: string, organizationId: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user) return false;
  await tx
    .delete(outboxMessages)
    .where(and(eq(outboxMessages.organizationId, organizationId), mailTo(user.email)));
  const [otherCustomer] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.userId, userId), isNull(customers.erasedAt)))
    .limit(1);
  const [membership] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .limit(1);
  if (otherCustomer || membership) return false;
  await tx.delete(outboxMessages).where(and(isNull(outboxMessages.organizationId), mailTo(user.email)));
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await tx.delete(accounts).where(eq(accounts.userId, userId));
  await tx.delete(userTokens).where(eq(userTokens.userId, userId));
  await tx
    .update(users)
    .set({
      email: `erased-${userId}@invalid`,
      name: null,
      dateOfBirth: null,
      passwordHash: null,
      image: null,
      emailVerified: null,
    })
    .where(eq(users.id, userId));
  return true;
}
