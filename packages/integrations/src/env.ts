import { z } from "zod";
import type { ClientAddressSettings } from "./client-address";
import { parseStorageSettings, type StorageSettings } from "./storage/settings";
import { aiSettingsFrom, type AiSettings } from "./ai/settings";
import type { TwilioSettings } from "./sms/twilio";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_MAIL_FROM = "CannaSaaS <no-reply@cannasaas.localhost>";
export const DEFAULT_VAPID_SUBJECT = "mailto:no-reply@cannasaas.localhost";

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
    NODE_ENV: optional(z.string()),
    /** Where custom-domain checks look: real DNS ("system") or the offline table below. */
    DOMAIN_DNS: optional(z.enum(["system", "offline"])),
    /** Comma-separated `ip` or `ip:port` DNS servers for "system"; the machine's resolvers when unset. */
    DNS_SERVERS: optional(z.string()).transform((v) =>
      v
        ?.split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    /** Coordinates for locations: "census" (the US Census Bureau's geocoder) or "zip" (offline ZIP centroids). */
    GEOCODER: optional(z.enum(["census", "zip"])),
    /** Points the "census" geocoder at another origin (a stand-in in tests). */
    GEOCODER_URL: optional(httpUrl),
    /** Web push (VAPID) keys, base64url, from `npx web-push generate-vapid-keys`; without them pushes are only recorded. */
    VAPID_PUBLIC_KEY: optional(
      z.string().regex(/^[A-Za-z0-9_-]{80,90}$/, { error: "must be a base64url P-256 public key" }),
    ),
    VAPID_PRIVATE_KEY: optional(
      z.string().regex(/^[A-Za-z0-9_-]{40,45}$/, { error: "must be a base64url P-256 private key" }),
    ),
    /** Who push services may contact about our pushes: a mailto: or https: address. */
    VAPID_SUBJECT: optional(
      z.string().regex(/^(mailto:|https:\/\/)\S+$/, { error: "must be a mailto: or https: address" }),
    ).transform((subject) => subject ?? DEFAULT_VAPID_SUBJECT),
    /** JSON `{ "name": { "txt": [...], "cname": [...] } }` answered by the offline resolver. */
    LOCAL_DNS_RECORDS: optional(
      z.string().transform((v, ctx) => {
        try {
          return JSON.parse(v) as Record<string, { txt?: string[]; cname?: string[] }>;
        } catch {
          ctx.addIssue({ code: "custom", message: "must be JSON" });
          return z.NEVER;
        }
      }),
    ),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: [env.VAPID_PUBLIC_KEY ? "VAPID_PRIVATE_KEY" : "VAPID_PUBLIC_KEY"],
        message: "is required with the other VAPID key",
      });
    }
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

/** Where variables come from: the process environment unless a test passes its own. */
export type EnvSource = Record<string, string | undefined>;

export type IntegrationsEnv = z.output<typeof integrationsEnvSchema>;

export class IntegrationsEnvError extends Error {
  override name = "IntegrationsEnvError";
}

/** Issue messages name the variable but never echo its value (values may be secrets). */
export function readIntegrationsEnv(source: EnvSource = process.env): IntegrationsEnv {
  const parsed = integrationsEnvSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  throw new IntegrationsEnvError(`Invalid integrations environment: ${problems.join("; ")}`);
}

/** The log level: an explicit one, else LOG_LEVEL, else "info". Only LOG_LEVEL is read, so a logger can start
 * even when another integration is misconfigured (that one then fails with its own message). */
export function readLogLevel(explicit?: string, source: EnvSource = process.env): LogLevel {
  return logLevelSchema.parse(explicit ?? source.LOG_LEVEL);
}

const clientAddressEnvSchema = z
  .object({
    /** Proxies we run in front of the app that append to X-Forwarded-For; 0 (the default) trusts none. */
    TRUSTED_PROXY_HOPS: optional(
      z.coerce
        .number({ error: "must be a whole number" })
        .int({ error: "must be a whole number" })
        .min(0)
        .max(10),
    ),
    /** A header the platform's edge overwrites with the client address (Vercel: x-vercel-forwarded-for). */
    CLIENT_IP_HEADER: optional(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9-]+$/, { error: "must be a header name" }),
    ),
  })
  .refine((env) => !(env.CLIENT_IP_HEADER && env.TRUSTED_PROXY_HOPS), {
    path: ["CLIENT_IP_HEADER"],
    error: "and TRUSTED_PROXY_HOPS are alternatives: set one",
  });

/**
 * Where client addresses come from (see client-address.ts). Read apart from the other integrations so a rate
 * limit never depends on, say, SMTP being configured; read on every call so a test may set a variable first.
 */
export function readClientAddressSettings(source: EnvSource = process.env): ClientAddressSettings {
  const parsed = clientAddressEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new IntegrationsEnvError(`Invalid integrations environment: ${problems.join("; ")}`);
  }
  return {
    trustedProxyHops: parsed.data.TRUSTED_PROXY_HOPS ?? 0,
    clientIpHeader: parsed.data.CLIENT_IP_HEADER ?? null,
  };
}

/** Where uploaded files go (see storage/settings.ts); read apart so storage never depends on, say, SMTP. */
export function readStorageSettings(source: EnvSource = process.env): StorageSettings {
  return parseStorageSettings(source);
}

/** The Anthropic key, model, base URL, time-out and retries; null when no key is set (AI off). */
export function readAiSettings(source: EnvSource = process.env): AiSettings {
  return aiSettingsFrom(source);
}

const e164 = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, { error: "must be a phone number in E.164 form (+14155550100)" });

const smsEnvSchema = z
  .object({
    TWILIO_ACCOUNT_SID: optional(
      z.string().regex(/^AC[0-9a-fA-F]{32}$/, { error: "must be an account SID (AC...)" }),
    ),
    TWILIO_AUTH_TOKEN: optional(z.string().min(16)),
    /** The platform's sending number; a store may have its own (Dashboard › Marketing), used before this. */
    TWILIO_FROM: optional(e164),
    TWILIO_MESSAGING_SERVICE_SID: optional(
      z.string().regex(/^MG[0-9a-fA-F]{32}$/, { error: "must be a Messaging Service SID (MG...)" }),
    ),
    /** Points the client at another origin (a stand-in); Twilio's own API otherwise. */
    TWILIO_BASE_URL: optional(httpUrl),
    TWILIO_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(120_000)),
  })
  .superRefine((env, ctx) => {
    const set = [env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN].filter(Boolean).length;
    if (set === 1) {
      ctx.addIssue({
        code: "custom",
        path: [env.TWILIO_ACCOUNT_SID ? "TWILIO_AUTH_TOKEN" : "TWILIO_ACCOUNT_SID"],
        message: "is required when the other Twilio credential is set",
      });
    }
    if (set === 2 && !env.TWILIO_FROM && !env.TWILIO_MESSAGING_SERVICE_SID) {
      ctx.addIssue({
        code: "custom",
        path: ["TWILIO_FROM"],
        message: "or TWILIO_MESSAGING_SERVICE_SID is required with the Twilio credentials",
      });
    }
  });

/** Twilio's settings, or null when no credentials are set (SMS then goes to the dev mailbox). */
export function readSmsSettings(source: EnvSource = process.env): TwilioSettings | null {
  const parsed = smsEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new IntegrationsEnvError(`Invalid integrations environment: ${problems.join("; ")}`);
  }
  const env = parsed.data;
  if (!env.TWILIO_ACCOUNT_SID || !env.TWILIO_AUTH_TOKEN) return null;
  return {
    accountSid: env.TWILIO_ACCOUNT_SID,
    authToken: env.TWILIO_AUTH_TOKEN,
    from: env.TWILIO_FROM ?? null,
    messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID ?? null,
    baseUrl: env.TWILIO_BASE_URL ?? null,
    timeoutMs: env.TWILIO_TIMEOUT_MS ?? 10_000,
  };
}
