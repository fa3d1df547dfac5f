import { z } from "zod";
import { PROMOTION_STACKING, PURCHASER_TYPES, STRAIN_TYPES } from "@cannasaas/db/enums";

/*
 * What creating or editing a promotion sends. The dashboard form and the procedures validate with the same
 * schema, so an absurd deal (a negative amount, 150% off, a bundle of one) is refused before it reaches a cart.
 */

const MAX_CENTS = 1_000_000;
/** "Enter the bundle price." from the label "The bundle price". */
const enter = (label: string) => `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}.`;
const cents = (label: string) =>
  z
    .number({ error: enter(label) })
    .int({ error: `${label} must be whole cents.` })
    .min(0, { error: `${label} cannot be negative.` })
    .max(MAX_CENTS, { error: `${label} is too large.` });
const positiveCents = (label: string) => cents(label).min(1, { error: `${label} must be more than $0.` });
const percentBps = (label: string) =>
  z
    .number({ error: enter(label) })
    .int()
    .min(1, { error: `${label} must be more than 0%.` })
    .max(10_000, { error: `${label} cannot be more than 100%.` });
const count = (label: string, min = 1) =>
  z
    .number({ error: enter(label) })
    .int({ error: `${label} must be a whole number.` })
    .min(min, { error: `${label} must be at least ${min}.` })
    .max(1_000_000, { error: `${label} is too large.` });

export const promotionRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("percent_off"), percentBps: percentBps("The percentage") }),
  z.object({ kind: z.literal("amount_off"), amountCents: positiveCents("The amount off") }),
  z.object({ kind: z.literal("fixed_price"), priceCents: cents("The deal price") }),
  z.object({
    kind: z.literal("buy_x_get_y"),
    buyQuantity: count("How many to buy").max(50),
    getQuantity: count("How many are discounted").max(50),
    getPercentBps: percentBps("The discount on the extra items"),
  }),
  z.object({
    kind: z.literal("bundle"),
    quantity: count("The bundle size", 2).max(50),
    priceCents: positiveCents("The bundle price"),
  }),
  z
    .object({
      kind: z.literal("spend_threshold"),
      thresholdCents: positiveCents("The spend threshold"),
      rewardCents: positiveCents("The reward").nullable(),
      rewardVariantId: z.uuid({ error: "Choose the free item." }).nullable(),
    })
    .refine((r) => (r.rewardCents === null) !== (r.rewardVariantId === null), {
      error: "Give either money off or a free item.",
      path: ["rewardCents"],
    }),
  z.object({ kind: z.literal("free_delivery") }),
]);
export type PromotionRuleInput = z.infer<typeof promotionRuleSchema>;

const ids = z.array(z.uuid()).max(500).default([]);

export const promotionTargetSchema = z.object({
  productIds: ids,
  variantIds: ids,
  categorySlugs: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
  brandIds: ids,
  strainTypes: z.array(z.enum(STRAIN_TYPES)).default([]),
});

/** Who a promotion can be for, as the rules compute it from a shopper's history (`customerFacts`). */
export const PROMOTION_SEGMENTS = {
  new: "New (no completed order yet)",
  returning: "Returning (at least one completed order)",
  loyalty_member: "Loyalty members",
  medical_patient: "Medical patients",
} as const;
const SEGMENT_KEYS = Object.keys(PROMOTION_SEGMENTS) as Array<keyof typeof PROMOTION_SEGMENTS>;

export const promotionAudienceSchema = z.object({
  locationIds: ids,
  menus: z.array(z.enum(PURCHASER_TYPES)).default([]),
  customerSegments: z.array(z.enum(SEGMENT_KEYS)).default([]),
  tierIds: z.array(z.uuid()).max(20).default([]),
});

export const COUPON_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,31}$/;
export const couponCodeSchema = z
  .string()
  .trim()
  .transform((c) => c.toUpperCase())
  .pipe(z.string().regex(COUPON_CODE_PATTERN, { error: "A code is 3 to 32 letters, digits or dashes." }));

/**
 * A code as a shopper types it at the cart: the store decides whether it is one of its coupons, so only the
 * length is checked here (the cart's field and `cart.applyCoupon` alike).
 */
export const couponEntrySchema = z
  .string({ error: "Enter a coupon code." })
  .max(64, { error: "That code is too long." })
  .refine((code) => code.trim().length > 0, { error: "Enter a coupon code." });

/** A wall-clock time in the store's time zone, as a datetime-local field gives it: 2026-07-04T16:00. */
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "Enter a date and time." })
  .nullable();
const minuteOfDay = z.number().int().min(0).max(1440).nullable();

export const promotionInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: "Name the promotion." })
      .max(80, { error: "A name can be at most 80 characters." }),
    description: z
      .string()
      .trim()
      .max(300, { error: "A description can be at most 300 characters." })
      .nullable()
      .default(null),
    rule: promotionRuleSchema,
    target: promotionTargetSchema.default({
      productIds: [],
      variantIds: [],
      categorySlugs: [],
      brandIds: [],
      strainTypes: [],
    }),
    audience: promotionAudienceSchema.default({
      locationIds: [],
      menus: [],
      customerSegments: [],
      tierIds: [],
    }),
    stacking: z.enum(PROMOTION_STACKING).default("stackable"),
    priority: z.number().int().min(-1000).max(1000).default(0),
    /** Coupon codes that unlock it; with none the deal applies by itself. */
    codes: z.array(couponCodeSchema).max(20).default([]),
    firstOrderOnly: z.boolean().default(false),
    startsAt: localDateTime.default(null),
    endsAt: localDateTime.default(null),
    daysOfWeek: z.array(z.number().int().min(1).max(7)).max(7).default([]),
    startMinute: minuteOfDay.default(null),
    endMinute: minuteOfDay.default(null),
    perOrderLimit: count("The per-order limit").nullable().default(null),
    perCustomerLimit: count("The per-customer limit").nullable().default(null),
    totalLimit: count("The total limit").nullable().default(null),
    minSubtotalCents: positiveCents("The minimum order").nullable().default(null),
  })
  .superRefine((p, ctx) => {
    if (p.startsAt && p.endsAt && p.endsAt <= p.startsAt) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start." });
    }
    if ((p.startMinute === null) !== (p.endMinute === null)) {
      ctx.addIssue({ code: "custom", path: ["endMinute"], message: "Give both a start and an end hour." });
    }
    // Contradictions: each would save a deal that can never apply, or not as its limits say.
    if (p.startMinute !== null && p.startMinute % 1440 === p.endMinute) {
      ctx.addIssue({
        code: "custom",
        path: ["endMinute"],
        message: "The start and end hours are the same, so the deal would never run.",
      });
    }
    if (p.perCustomerLimit !== null && p.totalLimit !== null && p.perCustomerLimit > p.totalLimit) {
      ctx.addIssue({
        code: "custom",
        path: ["perCustomerLimit"],
        message: "The per-customer limit cannot be more than the total limit.",
      });
    }
    const segments = p.audience.customerSegments;
    if (p.firstOrderOnly && segments.length > 0 && segments.every((s) => s === "returning")) {
      ctx.addIssue({
        code: "custom",
        path: ["firstOrderOnly"],
        message: "A first-order deal cannot be for returning customers only.",
      });
    }
    if (p.rule.kind === "spend_threshold" && p.rule.rewardCents !== null) {
      if (p.rule.rewardCents >= p.rule.thresholdCents) {
        ctx.addIssue({
          code: "custom",
          path: ["rule", "rewardCents"],
          message: "The reward must be less than the spend threshold.",
        });
      }
    }
    if (p.rule.kind === "free_delivery" && p.perOrderLimit !== null) {
      ctx.addIssue({
        code: "custom",
        path: ["perOrderLimit"],
        message: "Free delivery applies once per order; leave the per-order limit empty.",
      });
    }
    if (new Set(p.codes).size !== p.codes.length) {
      ctx.addIssue({ code: "custom", path: ["codes"], message: "A code is listed twice." });
    }
  });
export type PromotionInput = z.infer<typeof promotionInputSchema>;
export type PromotionFormValues = z.input<typeof promotionInputSchema>;
