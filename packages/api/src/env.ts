import { z } from "zod";

const apiEnvSchema = z.object({
  /** km/h used for delivery ETAs; tunes them to the city. Unset means the core default (30). */
  DELIVERY_AVERAGE_SPEED_KMH: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce
      .number({ error: "must be a number of km/h" })
      .positive({ error: "must be above 0" })
      .max(300)
      .optional(),
  ),
});

export type ApiEnv = z.output<typeof apiEnvSchema>;

/**
 * The API package's environment, read on every call (it is small) so a test may set a variable first; an invalid
 * value names the variable, never the value.
 */
export function apiEnv(source: Record<string, string | undefined> = process.env): ApiEnv {
  const parsed = apiEnvSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  throw new Error(`Invalid API environment: ${problems.join("; ")}`);
}
