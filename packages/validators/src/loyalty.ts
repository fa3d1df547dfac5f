import { z } from "zod";

/** Inputs for loyalty, referrals, reviews and wishlists, shared by the forms, the procedures and core. */

const points = (max: number) =>
  z.number({ error: "Enter a number." }).int("Use whole points.").min(0).max(max);

export const loyaltyTierInput = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "Name the tier.").max(40),
  thresholdPoints: points(1_000_000),
  /** 10000 = 1x. */
  multiplierBps: z.number().int().min(10_000, "At least 1x.").max(50_000, "At most 5x."),
  perks: z.string().trim().max(200).nullable().optional(),
});

export const loyaltySettingsInput = z.object({
  enabled: z.boolean(),
  pointsPerDollar: points(100),
  signupBonusPoints: points(100_000),
  birthdayBonusPoints: points(100_000),
  referrerRewardPoints: points(100_000),
  refereeRewardPoints: points(100_000),
  referralCapPerYear: points(1000),
  /** Months after earning that points expire, oldest first; 0 (or nothing) means they never expire. */
  pointsExpireMonths: z
    .number({ error: "Enter a number of months." })
    .int("Use whole months.")
    .min(0)
    .max(120, "At most 120 months.")
    .nullish()
    // Left out: unchanged; 0: never.
    .transform((m) => (m === undefined ? undefined : m || null)),
  tiers: z.array(loyaltyTierInput).min(1, "Keep at least one tier.").max(8),
});

export const loyaltyRewardInput = z
  .object({
    name: z.string().trim().min(2, "Name the reward.").max(80),
    kind: z.enum(["amount_off", "free_item"]),
    pointsCost: z.number().int().min(1, "A reward costs at least 1 point.").max(1_000_000),
    amountOffCents: z.number().int().min(1).max(100_000).nullable().optional(),
    variantId: z.uuid({ error: "Choose a product." }).nullable().optional(),
  })
  .refine((r) => r.kind !== "amount_off" || (r.amountOffCents ?? 0) > 0, {
    path: ["amountOffCents"],
    error: "Enter the amount the reward takes off.",
  })
  .refine((r) => r.kind !== "free_item" || Boolean(r.variantId), {
    path: ["variantId"],
    error: "Choose the product the reward gives away.",
  });

export const pointsAdjustmentInput = z.object({
  customerId: z.uuid({ error: "Unknown customer." }),
  points: z
    .number({ error: "Enter a number of points." })
    .int("Use whole points.")
    .min(-1_000_000)
    .max(1_000_000)
    .refine((n) => n !== 0, "Enter a number other than zero."),
  reason: z.string().trim().min(3, "Say why the points change.").max(300),
});

export const referralCodeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{4,16}$/, "Enter the code as it was shared."),
});

export const reviewInput = z.object({
  productId: z.uuid({ error: "Unknown product." }),
  rating: z
    .number({ error: "Choose a rating." })
    .int()
    .min(1, "Choose 1 to 5 stars.")
    .max(5, "Choose 1 to 5 stars."),
  title: z.string().trim().max(120).nullable().optional(),
  body: z.string().trim().min(10, "Write at least a sentence (10 characters).").max(4000),
});

export const reviewRejectReasonSchema = z.string().trim().min(3, "Say why the review is rejected.").max(300);

export const reviewModerationInput = z.discriminatedUnion("decision", [
  z.object({ reviewId: z.uuid(), decision: z.literal("approve") }),
  z.object({ reviewId: z.uuid(), decision: z.literal("reject"), reason: reviewRejectReasonSchema }),
]);

/** The store's public reply under a review; empty removes it. */
export const reviewReplySchema = z.string().trim().max(2000, "Keep the reply under 2,000 characters.");
