import { and, asc, eq, gte, sql } from "drizzle-orm";
import { z } from "zod";
import { customers, users } from "@cannasaas/db/schema";
import {
  cursorParam,
  dateTimeParam,
  decodeCursor,
  defineEndpoint,
  encodeCursor,
  iso,
  limitParam,
  page,
  pageSchema,
} from "../http";

/** Minimal personal data: enough to match a customer, never a date of birth, ID or medical card number. */
export const ApiCustomer = z
  .object({
    id: z.uuid(),
    name: z.string().nullable(),
    email: z.string().nullable().describe("Null once the shopper has erased their account."),
    isMedicalPatient: z.boolean(),
    loyaltyMember: z.boolean(),
    marketingEmailConsent: z.boolean(),
    marketingSmsConsent: z.boolean(),
    erased: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Customer" });

export const listCustomers = defineEndpoint({
  operationId: "listCustomers",
  method: "GET",
  path: "/customers",
  scope: "customers:read",
  tag: "Customers",
  summary: "List customers",
  description: "Oldest change first. Dates of birth, ID and medical card numbers are never exposed.",
  query: z.object({
    email: z.email("Enter a valid email address.").optional().describe("Exact email match."),
    updated_since: dateTimeParam.optional(),
    limit: limitParam,
    cursor: cursorParam,
  }),
  response: pageSchema(ApiCustomer),
  async handler({ deps, organizationId, query }) {
    const after = decodeCursor(query.cursor);
    const rows = await deps.db
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
          query.email ? sql`lower(${users.email}) = lower(${query.email})` : undefined,
          query.updated_since ? gte(customers.updatedAt, new Date(query.updated_since)) : undefined,
          after
            ? sql`(${customers.updatedAt}, ${customers.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
            : undefined,
        ),
      )
      .orderBy(asc(customers.updatedAt), asc(customers.id))
      .limit(query.limit + 1);
    const result = page(rows, query.limit, (r) => encodeCursor(r.sortKey, r.customer.id));
    return {
      data: result.data.map(({ customer: c, name, email }) => ({
        id: c.id,
        name: c.erasedAt ? null : name,
        email: c.erasedAt ? null : email,
        isMedicalPatient: c.isMedicalPatient,
        loyaltyMember: c.loyaltyMember,
        marketingEmailConsent: c.marketingEmailConsent,
        marketingSmsConsent: c.marketingSmsConsent,
        erased: c.erasedAt !== null,
        createdAt: iso(c.createdAt),
        updatedAt: iso(c.updatedAt),
      })),
      nextCursor: result.nextCursor,
    };
  },
});
