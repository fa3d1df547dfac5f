import { z } from "zod";
import { listApiPromotions } from "@cannasaas/core";
import {
  PROMOTION_KINDS,
  PROMOTION_STACKING,
  PROMOTION_STATUSES,
  PURCHASER_TYPES,
} from "@cannasaas/db/enums";
import { defineEndpoint, iso, isoOrNull } from "../http";

const list = <T extends z.ZodType>(item: T) => z.array(item).optional();

export const ApiPromotion = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(PROMOTION_KINDS),
    terms: z.string().describe('The deal in words, e.g. "Any 3 for $50.00".'),
    rule: z
      .record(z.string(), z.unknown())
      .describe("The kind's parameters: money in cents, percentages in basis points (20% = 2000)."),
    target: z
      .object({
        productIds: list(z.uuid()),
        variantIds: list(z.uuid()),
        categorySlugs: list(z.string()),
        brandIds: list(z.uuid()),
        strainTypes: list(z.string()),
      })
      .describe("Which lines it reaches; an empty list does not narrow."),
    audience: z.object({
      locationIds: list(z.uuid()),
      menus: list(z.enum(PURCHASER_TYPES)),
      customerSegments: list(z.string()),
    }),
    status: z.enum(PROMOTION_STATUSES),
    stacking: z.enum(PROMOTION_STACKING),
    priority: z.number().int(),
    codes: z.array(z.string()).describe("Coupon codes that unlock it; empty when it applies by itself."),
    firstOrderOnly: z.boolean(),
    startsAt: z.iso.datetime().nullable(),
    endsAt: z.iso.datetime().nullable(),
    daysOfWeek: z.array(z.number().int()).nullable().describe("ISO days (1 = Monday) in `timeZone`."),
    startMinute: z.number().int().nullable().describe("Minutes after local midnight the daily window opens."),
    endMinute: z.number().int().nullable(),
    timeZone: z.string(),
    perOrderLimit: z.number().int().nullable(),
    perCustomerLimit: z.number().int().nullable(),
    totalLimit: z.number().int().nullable(),
    minSubtotalCents: z.number().int().nullable(),
    redemptionCount: z.number().int(),
    liveNow: z.boolean().describe("Active, not used up and inside its schedule at the time of the request."),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Promotion" });

export const listPromotions = defineEndpoint({
  operationId: "listPromotions",
  method: "GET",
  path: "/promotions",
  scope: "promotions:read",
  tag: "Promotions",
  summary: "List promotions",
  description:
    "Every promotion of the store (a store keeps a handful, so the list is not paged), highest priority first.",
  query: z.object({
    status: z.enum(PROMOTION_STATUSES).optional().describe("Only promotions with this status."),
  }),
  response: z.object({ data: z.array(ApiPromotion) }),
  async handler({ deps, organizationId, query }) {
    const rows = await listApiPromotions(deps.db, organizationId, {
      status: query.status,
      now: deps.clock(),
    });
    return {
      data: rows.map((r) => ({
        ...r,
        startsAt: isoOrNull(r.startsAt),
        endsAt: isoOrNull(r.endsAt),
        updatedAt: iso(r.updatedAt),
      })),
    };
  },
});
