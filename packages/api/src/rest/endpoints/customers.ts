import { z } from "zod";
import { listCustomerDirectoryPage } from "@cannasaas/core";
import { cursorParam, dateTimeParam, defineEndpoint, iso, limitParam, pageSchema } from "../http";

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
    marketingPushConsent: z
      .boolean()
      .describe(
        "Deals and news by web push. Reaches the shopper only while one of their browsers is subscribed to notifications.",
      ),
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
    const page = await listCustomerDirectoryPage(deps.db, organizationId, {
      email: query.email,
      updatedSince: query.updated_since ? new Date(query.updated_since) : undefined,
      limit: query.limit,
      cursor: query.cursor,
    });
    return {
      data: page.items.map((c) => ({ ...c, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) })),
      nextCursor: page.nextCursor,
    };
  },
});
