import { z } from "zod";

/** `.env` files often contain `KEY=` and stray spaces; a blank value means unset. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" ? value.trim() || undefined : value), schema.optional());

const coreEnvSchema = z.object({
  NODE_ENV: optional(z.string()),
  /** `1` marks a production build running on a laptop or in CI with the embedded defaults. */
  CANNASAAS_LOCAL: optional(z.string()),
  /** The key ring sealing personal data (`id:base64key,...`); required on a hosted production deployment. */
  DATA_ENCRYPTION_KEYS: optional(z.string()),
  /** Signs marketing tracking and unsubscribe links; AUTH_SECRET is used when it is not set. */
  MARKETING_LINK_SECRET: optional(z.string().min(16, { error: "must be at least 16 characters" })),
  AUTH_SECRET: optional(z.string()),
  /**
   * Keys the fingerprints of debit cards recorded at handover (HMAC-SHA256); required on a hosted production
   * deployment to record a card. Changing it makes new fingerprints unlike the old ones.
   */
  PAYMENT_FINGERPRINT_SECRET: optional(z.string().min(16, { error: "must be at least 16 characters" })),
});

export type CoreEnv = z.output<typeof coreEnvSchema> & {
  /** A real deployment: NODE_ENV=production without CANNASAAS_LOCAL=1. Local defaults never apply there. */
  hostedProduction: boolean;
};

/**
 * The domain's environment. Read on every call (it is small), so tests that set or stub a variable see it;
 * `source` lets a test pass its own. Values are never echoed in errors.
 */
export function readCoreEnv(source: Record<string, string | undefined> = process.env): CoreEnv {
  const parsed = coreEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new Error(`Invalid core environment: ${problems.join("; ")}`);
  }
  const env = parsed.data;
  return { ...env, hostedProduction: env.NODE_ENV === "production" && env.CANNASAAS_LOCAL !== "1" };
}
