import { z } from "zod";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_MAIL_FROM = "CannaSaaS <no-reply@cannasaas.localhost>";

/** `.env` files often contain `KEY=`; treat blank values as unset. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema.optional(),
  );

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
const smtpUrl = z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" });

export const logLevelSchema = optional(z.enum(LOG_LEVELS)).transform((level) => level ?? "info");

const integrationsEnvSchema = z
  .object({
    UPSTASH_REDIS_REST_URL: optional(httpUrl),
    UPSTASH_REDIS_REST_TOKEN: optional(z.string()),
    SMTP_URL: optional(smtpUrl),
    MAIL_FROM: optional(z.string()).transform((from) => from ?? DEFAULT_MAIL_FROM),
    LOG_LEVEL: logLevelSchema,
    /** The platform's METRC integrator (vendor) key; without it METRC sync reports "not configured". */
    METRC_VENDOR_KEY: optional(z.string().min(8)),
    /** Points every METRC call at one base URL (a stand-in or mock); normally derived from the state. */
    METRC_BASE_URL: optional(httpUrl),
    METRC_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(120_000)),
  })
  .superRefine((env, ctx) => {
    if (env.UPSTASH_REDIS_REST_URL && !env.UPSTASH_REDIS_REST_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["UPSTASH_REDIS_REST_TOKEN"],
        message: "is required when UPSTASH_REDIS_REST_URL is set",
      });
    }
    if (env.UPSTASH_REDIS_REST_TOKEN && !env.UPSTASH_REDIS_REST_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["UPSTASH_REDIS_REST_URL"],
        message: "is required when UPSTASH_REDIS_REST_TOKEN is set",
      });
    }
  });

export type IntegrationsEnv = z.output<typeof integrationsEnvSchema>;

export class IntegrationsEnvError extends Error {
  override name = "IntegrationsEnvError";
}

/** Issue messages name the variable but never echo its value (values may be secrets). */
export function readIntegrationsEnv(
  source: Record<string, string | undefined> = process.env,
): IntegrationsEnv {
  const parsed = integrationsEnvSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  throw new IntegrationsEnvError(`Invalid integrations environment: ${problems.join("; ")}`);
}
