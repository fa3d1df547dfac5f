import { z } from "zod";
import { assertFeature, customerLedger } from "@cannasaas/core";
import { defineEndpoint, iso, uuidParam } from "../http";

const ApiLoyaltyEntry = z.object({
  id: z.uuid(),
  kind: z.enum(["earn", "redeem", "expire", "adjust", "reverse"]),
  source: z.enum(["order", "signup", "birthday", "referral", "staff", "checkout", "expiry"]),
  points: z.number().int().describe("Signed: positive adds to the balance."),
  orderId: z.uuid().nullable(),
  discountCents: z.number().int().nullable().describe("What a redemption took off its order."),
  reason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const ApiCustomerLoyalty = z
  .object({
    customerId: z.uuid(),
    member: z.boolean().describe("Whether the shopper joined the rewards program."),
    balance: z.number().int().describe("The sum of the ledger's entries."),
    tier: z.object({ name: z.string(), multiplierBps: z.number().int() }).nullable(),
    yearPoints: z.number().int().describe("Order points over the rolling 12 months, which decide the tier."),
    nextTier: z.object({ name: z.string(), pointsToNext: z.number().int() }).nullable(),
    entries: z.array(ApiLoyaltyEntry).describe("The latest 200 ledger entries, newest first."),
  })
  .meta({ id: "CustomerLoyalty" });

export const getCustomerLoyalty = defineEndpoint({
  operationId: "getCustomerLoyalty",
  method: "GET",
  path: "/customers/{id}/loyalty",
  scope: "customers:read",
  tag: "Customers",
  summary: "Get a customer's loyalty balance, tier and points ledger",
  description: "Needs the loyalty program (Professional plan). No personal data beyond the customer id.",
  params: z.object({ id: uuidParam }),
  response: ApiCustomerLoyalty,
  async handler({ deps, organizationId, params }) {
    await assertFeature(deps, organizationId, "loyalty_program");
    const ledger = await customerLedger(deps.db, organizationId, params.id, deps.clock());
    return {
      customerId: ledger.customerId,
      member: ledger.member,
      balance: ledger.balance,
      tier: ledger.tier ? { name: ledger.tier.name, multiplierBps: ledger.tier.multiplierBps } : null,
      yearPoints: ledger.yearPoints,
      nextTier: ledger.progress.next
        ? { name: ledger.progress.next.name, pointsToNext: ledger.progress.pointsToNext }
        : null,
      entries: ledger.entries.map((e) => ({
        id: e.id,
        kind: e.kind,
        source: e.source,
        points: e.points,
        orderId: e.orderId,
        discountCents: e.discountCents,
        reason: e.reason,
        createdAt: iso(e.createdAt),
      })),
    };
  },
});
