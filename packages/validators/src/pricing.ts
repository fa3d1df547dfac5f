import { z } from "zod";

const wholeDays = (min: number, max: number) =>
  z
    .number({ error: "Enter a number of days." })
    .int({ error: "Enter whole days." })
    .min(min, { error: `Enter at least ${min} days.` })
    .max(max, { error: `Enter at most ${max} days.` });

/** The owner's markdown rules, as the dashboard's form and `pricing.setPolicy` check them. */
export const pricingPolicyInput = z.object({
  marginFloorBp: z
    .number({ error: "Enter a margin floor." })
    .int({ error: "Enter the margin in whole basis points." })
    .min(0, { error: "A margin floor cannot be negative." })
    .max(9500, { error: "Set a margin floor of at most 95%." }),
  expiryWindowDays: wholeDays(1, 180),
  slowMoverCoverDays: wholeDays(14, 730),
});
