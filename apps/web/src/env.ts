import { z } from "zod";
import { platformUrl } from "@cannasaas/core/hosts";

// `CANNASAAS_LOCAL=1` marks a production build running on a laptop or in CI with the embedded defaults.
const isProduction = process.env.NODE_ENV === "production" && process.env.CANNASAAS_LOCAL !== "1";

export { isDevelopmentBuild } from "~/lib/build/env";

const rootDomainSchema = isProduction
  ? z.string({ error: "ROOT_DOMAIN is required in production (e.g. cannasaas.app)." }).min(3)
  : z.string().default("localhost:3000");

/** A blank value (`KEY=` in a .env file) means unset. */
const optionalText = z.preprocess(
  (value) => (typeof value === "string" ? value.trim() || undefined : value),
  z.string().optional(),
);

/**
 * `PUBLIC_SCHEME` (http or https): the scheme of every public link. Unset means https, except plain http on
 * local development domains (`localhost`, `*.localhost`). Links take their host from ROOT_DOMAIN, never from
 * the request.
 */
const publicSchemeSchema = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
  z.enum(["http", "https"], { error: "PUBLIC_SCHEME must be http or https." }).optional(),
);

/** The web app's environment, validated once. Local defaults apply only outside production. */
const schema = z.object({
  ROOT_DOMAIN: rootDomainSchema,
  PUBLIC_SCHEME: publicSchemeSchema,
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
  /** Live-map tiles: an `{z}/{x}/{y}` template (optionally `{s}`); unset draws a plain plot. */
  MAP_TILE_URL: optionalText,
  MAP_TILE_ATTRIBUTION: optionalText,
});

export type WebEnv = z.infer<typeof schema>;

let cached: WebEnv | undefined;
export function env(): WebEnv {
  cached ??= schema.parse(process.env);
  return cached;
}

let cachedRootDomain: string | undefined;
/**
 * The platform's domain, for the proxy: validated on its own so host routing needs nothing else (the proxy runs
 * on every request, before any page that needs the rest of the environment).
 */
export function rootDomain(): string {
  cachedRootDomain ??= z.object({ ROOT_DOMAIN: rootDomainSchema }).parse(process.env).ROOT_DOMAIN;
  return cachedRootDomain;
}

/** The settings every public link is built from (see `platformUrl` and `storefrontUrl` in core). */
export function publicUrlSettings(): { rootDomain: string; scheme: "http" | "https" | undefined } {
  return { rootDomain: env().ROOT_DOMAIN, scheme: env().PUBLIC_SCHEME };
}

const billingSchema = z.object({
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  STRIPE_PRICE_STARTER: optionalText,
  STRIPE_PRICE_PROFESSIONAL: optionalText,
  STRIPE_PRICE_ENTERPRISE: optionalText,
  STRIPE_API_BASE: optionalText,
  /** Comma-separated emails of the platform's operators (plan overrides for any organization). */
  PLATFORM_OPERATOR_EMAILS: optionalText,
  NODE_ENV: optionalText,
  CANNASAAS_LOCAL: optionalText,
});

/**
 * The billing variables, on their own so a deployment without Stripe needs none of them; whether a partial
 * Stripe configuration is an error is decided by core's `stripeOptionsFromEnv`, which names what is missing.
 */
export function billingEnv(): z.output<typeof billingSchema> {
  return billingSchema.parse(process.env);
}

/** Production builds refuse plain-http webhook URLs; laptops and CI may point them at loopback receivers. */
export const isProductionDeployment = () => isProduction;

/** With no mail server configured, emails stay in the outbox and the dev mailbox page shows them. */
export const devMailboxEnabled = () => !process.env.SMTP_URL;

/** With no Twilio account configured, texts stay in the outbox and the dev mailbox lists them too. */
export const smsDevMailboxEnabled = () => !process.env.TWILIO_ACCOUNT_SID;

const observabilitySchema = z.object({
  /** Bearer token a Prometheus scraper sends to /api/metrics; unset turns the endpoint off (404). */
  METRICS_TOKEN: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() || undefined : value),
    z.string().min(16, { error: "METRICS_TOKEN must be at least 16 characters." }).optional(),
  ),
  /** Where OpenTelemetry traces go (OTLP over HTTP); unset leaves tracing off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalText,
  OTEL_SERVICE_NAME: optionalText,
  /** Sentry project DSN for error reports; unset keeps error tracking off (nothing is sent anywhere). */
  SENTRY_DSN: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() || undefined : value),
    z.url({ protocol: /^https?$/, error: "SENTRY_DSN must be the project's https:// DSN." }).optional(),
  ),
  SENTRY_ENVIRONMENT: optionalText,
});

/** Metrics and tracing settings, on their own so a deployment without them needs none of these variables. */
export function observabilityEnv(): z.output<typeof observabilitySchema> {
  return observabilitySchema.parse(process.env);
}

/** Next sets NEXT_RUNTIME per bundle: "nodejs" for the server, "edge" for the proxy. */
export const isNodeRuntime = () => process.env.NEXT_RUNTIME === "nodejs";
/**
 * Whether the deployment is served over https (from PUBLIC_SCHEME, else the root domain: plain http only on
 * local development names) and is a production build: what HSTS and `Secure` cookies depend on. Validated on
 * its own, like `rootDomain`, because the proxy reads it (on each request: it is two variables).
 */
export function transportSettings(): { https: boolean; production: boolean } {
  // The proxy asks on every request: validate again only when the two raw values change (tests stub them).
  const raw = { PUBLIC_SCHEME: process.env.PUBLIC_SCHEME, NODE_ENV: process.env.NODE_ENV };
  const last = lastTransport;
  if (last && last.scheme === raw.PUBLIC_SCHEME && last.nodeEnv === raw.NODE_ENV) return last.settings;
  const { PUBLIC_SCHEME, NODE_ENV } = transportSchema.parse(raw);
  const https = platformUrl(rootDomain(), PUBLIC_SCHEME).startsWith("https:");
  const settings = { https, production: NODE_ENV === "production" };
  lastTransport = { scheme: raw.PUBLIC_SCHEME, nodeEnv: raw.NODE_ENV, settings };
  return settings;
}

const transportSchema = z.object({ PUBLIC_SCHEME: publicSchemeSchema, NODE_ENV: z.string().optional() });
let lastTransport:
  | {
      scheme: string | undefined;
      nodeEnv: string | undefined;
      settings: { https: boolean; production: boolean };
    }
  | undefined;

/** The port the production server listens on: PORT, else 3000, as for `next start`. */
export function listenPort(): number {
  return portSchema.parse(process.env.PORT || undefined);
}

const portSchema = z.coerce
  .number({ error: "PORT must be a port number (1 to 65535)." })
  .int()
  .min(1)
  .max(65_535)
  .default(3000);

/**
 * The storefront page cache (see `server/page-cache`): on for a production server on PostgreSQL, whose
 * LISTEN/NOTIFY tells it of changes, unless PAGE_CACHE=off. It renders pages by asking this server itself,
 * at PAGE_CACHE_ORIGIN or else on loopback at the port it listens on. Null when off.
 */
export function pageCacheSettings(): { databaseUrl: string; origin: string } | null {
  const { NODE_ENV, DATABASE_URL, PAGE_CACHE, PAGE_CACHE_ORIGIN, VERCEL } = process.env;
  if (NODE_ENV !== "production" || PAGE_CACHE === "off") return null;
  if (!DATABASE_URL || !/^postgres(ql)?:\/\//.test(DATABASE_URL)) return null;
  // A serverless function's proxy cannot reach a server of its own on loopback.
  const origin = PAGE_CACHE_ORIGIN || (VERCEL ? null : `http://127.0.0.1:${listenPort()}`);
  return origin ? { databaseUrl: DATABASE_URL, origin: origin.replace(/\/+$/, "") } : null;
}
