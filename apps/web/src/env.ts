import { z } from "zod";

// `CANNASAAS_LOCAL=1` marks a production build running on a laptop or in CI with the embedded defaults.
const isProduction = process.env.NODE_ENV === "production" && process.env.CANNASAAS_LOCAL !== "1";

/** The web app's environment, validated once. Local defaults apply only outside production. */
const schema = z.object({
  ROOT_DOMAIN: isProduction
    ? z.string({ error: "ROOT_DOMAIN is required in production (e.g. cannasaas.app)." }).min(3)
    : z.string().default("localhost:3000"),
  AUTH_SECRET: z
    .string({ error: "AUTH_SECRET is required: run `pnpm demo` or set it (openssl rand -base64 32)." })
    .min(16),
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  CRON_SECRET: isProduction ? z.string().min(16) : z.string().min(16).optional(),
  SMTP_URL: isProduction
    ? z.string({ error: "SMTP_URL is required in production so emails are delivered." }).url()
    : z.string().url().optional(),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
});

export type WebEnv = z.infer<typeof schema>;

let cached: WebEnv | undefined;
export function env(): WebEnv {
  cached ??= schema.parse(process.env);
  return cached;
}

/** Production builds refuse plain-http webhook URLs; laptops and CI may point them at loopback receivers. */
export const isProductionDeployment = () => isProduction;

/** With no mail server configured, emails stay in the outbox and the dev mailbox page shows them. */
export const devMailboxEnabled = () => !process.env.SMTP_URL;
