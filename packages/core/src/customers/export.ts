import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { customerAddresses, identityDocuments, orderItems, orders, users } from "@cannasaas/db/schema";
import { openPersonal } from "../crypto/pii";
import { activeCustomer, type CustomerScope } from "./scope";

/** Everything this dispensary holds about the shopper, as JSON-ready data; ID scans are described, not included. */
export async function exportCustomerData(db: Database, scope: CustomerScope, now: Date) {
  const customer = await activeCustomer(db, scope);
  const [user] = customer.userId ? await db.select().from(users).where(eq(users.id, customer.userId)) : [];
  const [addresses, documents, orderRows] = await Promise.all([
    db
      .select()
      .from(customerAddresses)
      .where(
        and(
          eq(customerAddresses.organizationId, scope.organizationId),
          eq(customerAddresses.customerId, scope.customerId),
        ),
      )
      .orderBy(asc(customerAddresses.createdAt)),
    db
      .select()
      .from(identityDocuments)
      .where(
        and(
          eq(identityDocuments.organizationId, scope.organizationId),
          eq(identityDocuments.customerId, scope.customerId),
        ),
      )
      .orderBy(asc(identityDocuments.createdAt)),
    db
      .select()
      .from(orders)
      .where(and(eq(orders.organizationId, scope.organizationId), eq(orders.customerId, scope.customerId)))
      .orderBy(asc(orders.placedAt)),
  ]);
  const items = orderRows.length
    ? await db
        .select()
        .from(orderItems)
        .where(
          and(
            eq(orderItems.organizationId, scope.organizationId),
            inArray(
              orderItems.orderId,
              orderRows.map((o) => o.id),
            ),
          ),
        )
    : [];

  return {
    exportedAt: now.toISOString(),
    user: user
      ? {
          id: user.id,
          email: user.email,
          name: user.name,
          dateOfBirth: openPersonal(user.dateOfBirth),
          emailVerifiedAt: user.emailVerified,
          createdAt: user.createdAt,
        }
      : null,
    customer: {
      id: customer.id,
      isMedicalPatient: customer.isMedicalPatient,
      marketingEmailConsent: customer.marketingEmailConsent,
      marketingSmsConsent: customer.marketingSmsConsent,
      marketingPushConsent: customer.marketingPushConsent,
      loyaltyMember: customer.loyaltyMember,
      createdAt: customer.createdAt,
    },
    addresses: addresses.map(({ organizationId: _o, customerId: _c, ...a }) => a),
    identityDocuments: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      status: d.status,
      documentNumber: openPersonal(d.documentNumber),
      issuingState: d.issuingState,
      expiresOn: d.expiresOn,
      fileContentType: d.fileContentType,
      fileStored: d.fileKey !== null,
      submittedAt: d.createdAt,
      reviewedAt: d.reviewedAt,
      rejectionReason: d.rejectionReason,
    })),
    orders: orderRows.map(({ organizationId: _o, customerId: _c, ...o }) => ({
      ...o,
      items: items.filter((i) => i.orderId === o.id).map(({ organizationId: _io, orderId: _oid, ...i }) => i),
    })),
  };
}
