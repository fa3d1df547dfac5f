import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { customers, users } from "@cannasaas/db/schema";
import {
  decodeCursor,
  encodeCursor,
  keysetPage,
  type KeysetPage,
  type KeysetPageInput,
} from "../pagination/keyset";

export type CustomerDirectoryFilter = KeysetPageInput & {
  /** Exact match, ignoring case. */
  email?: string;
  updatedSince?: Date;
};

/**
 * What an integration may know of a customer: enough to match them, never a date of birth, ID or medical card
 * number. An erased customer keeps the row but loses name and email.
 */
export type CustomerDirectoryEntry = {
  id: string;
  name: string | null;
  email: string | null;
  isMedicalPatient: boolean;
  loyaltyMember: boolean;
  marketingEmailConsent: boolean;
  marketingSmsConsent: boolean;
  marketingPushConsent: boolean;
  erased: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/** One page of an organization's customers, oldest change first, so `updatedSince` plus the cursor is a sync feed. */
export async function listCustomerDirectoryPage(
  db: DbOrTx,
  organizationId: string,
  filter: CustomerDirectoryFilter,
): Promise<KeysetPage<CustomerDirectoryEntry>> {
  const after = decodeCursor(filter.cursor);
  const rows = await db
    .select({
      customer: customers,
      name: users.name,
      email: users.email,
      sortKey: sql<string>`${customers.updatedAt}::text`,
    })
    .from(customers)
    .leftJoin(users, eq(users.id, customers.userId))
    .where(
      and(
        eq(customers.organizationId, organizationId),
        filter.email ? sql`lower(${users.email}) = lower(${filter.email})` : undefined,
        filter.updatedSince ? gte(customers.updatedAt, filter.updatedSince) : undefined,
        after
          ? sql`(${customers.updatedAt}, ${customers.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(customers.updatedAt), asc(customers.id))
    .limit(filter.limit + 1);
  const page = keysetPage(rows, filter.limit, (r) => encodeCursor(r.sortKey, r.customer.id));
  return {
    items: page.items.map(({ customer: c, name, email }) => ({
      id: c.id,
      name: c.erasedAt ? null : name,
      email: c.erasedAt ? null : email,
      isMedicalPatient: c.isMedicalPatient,
      loyaltyMember: c.loyaltyMember,
      marketingEmailConsent: c.marketingEmailConsent,
      marketingSmsConsent: c.marketingSmsConsent,
      marketingPushConsent: c.marketingPushConsent,
      erased: c.erasedAt !== null,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    })),
    nextCursor: page.nextCursor,
  };
}
