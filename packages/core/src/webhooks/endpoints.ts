import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { webhookEndpoints } from "@cannasaas/db/schema";
import { classifyHost, type SafeHttpClient } from "@cannasaas/integrations/http";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { DOMAIN_EVENT_TYPES, type DomainEventType } from "../events/domain-events";
import type { SecretBox } from "../crypto/secret-box";
import { personalDataBox } from "../crypto/pii";
import { assertFeature } from "../plans/features";

export type WebhookDeps = Pick<CoreDeps, "db" | "kv" | "clock" | "log" | "allowInsecureWebhookUrls"> & {
  secrets: SecretBox;
  /**
   * The HTTP client deliveries use: one that resolves the host, refuses private addresses and connects to the
   * address it checked. By default the system resolver, with loopback allowed only when
   * allowInsecureWebhookUrls is set by configuration.
   */
  http?: SafeHttpClient;
  /** How long a receiver may take to answer; WEBHOOK_TIMEOUT_MS by default. */
  timeoutMs?: number;
};

/**
 * Webhook services with their secret box: the one in deps, else the DATA_ENCRYPTION_KEYS ring that also seals
 * personal data (which refuses to work in production without keys).
 */
export function webhookDeps(deps: CoreDeps): WebhookDeps {
  return { ...deps, secrets: deps.secrets ?? personalDataBox() };
}

export const MAX_WEBHOOK_ENDPOINTS = 20;

/**
 * Endpoints must be https on a public host: no literal address that is not public (in any form, including
 * IPv4-mapped IPv6) and no name that is never public (localhost, *.internal, single labels). Names are
 * resolved and checked again at every delivery. Local development and tests, by configuration, may use http
 * on loopback, so a receiver on 127.0.0.1 works without a certificate.
 */
export function validateWebhookUrl(raw: string, options: { allowInsecureLoopback?: boolean } = {}) {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new DomainError("BAD_REQUEST", "Enter a full URL, like https://example.com/webhooks.", {
      field: "url",
    });
  }
  if (url.username || url.password)
    throw new DomainError("BAD_REQUEST", "Put no user name or password in the URL.", { field: "url" });
  const host = classifyHost(url.hostname);
  if (
    host === "loopback" &&
    options.allowInsecureLoopback &&
    (url.protocol === "http:" || url.protocol === "https:")
  )
    return url.toString();
  if (url.protocol !== "https:")
    throw new DomainError("BAD_REQUEST", "Webhook URLs must start with https://.", { field: "url" });
  if (host !== "public" && host !== "name")
    throw new DomainError("BAD_REQUEST", "Webhook URLs must point to a public host.", { field: "url" });
  return url.toString();
}

function checkEvents(events: readonly string[]): DomainEventType[] {
  const unique = [...new Set(events)];
  const unknown = unique.find((e) => !(DOMAIN_EVENT_TYPES as readonly string[]).includes(e));
  if (unknown) throw new DomainError("BAD_REQUEST", `Unknown event "${unknown}".`, { field: "events" });
  if (!unique.length) throw new DomainError("BAD_REQUEST", "Choose at least one event.", { field: "events" });
  return unique as DomainEventType[];
}

type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** An endpoint as the dashboard shows it: never the secret. */
export function publicEndpoint(row: EndpointRow) {
  const { secretSealed: _secret, ...rest } = row;
  return rest;
}

export async function createWebhookEndpoint(
  deps: WebhookDeps,
  organizationId: string,
  input: { url: string; events: string[]; description?: string | null; createdBy: string | null },
) {
  await assertFeature(deps, organizationId, "api_access");
  const url = validateWebhookUrl(input.url, { allowInsecureLoopback: deps.allowInsecureWebhookUrls });
  const events = checkEvents(input.events);
  const existing = await deps.db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organizationId, organizationId));
  if (existing.length >= MAX_WEBHOOK_ENDPOINTS)
    throw new DomainError(
      "FORBIDDEN",
      `An organization can have at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints.`,
    );
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const [row] = await deps.db
    .insert(webhookEndpoints)
    .values({
      organizationId,
      url,
      events,
      description: input.description?.trim() || null,
      secretSealed: deps.secrets.seal(secret),
      createdBy: input.createdBy,
    })
    .returning();
  return { endpoint: publicEndpoint(row!), secret };
}

export async function listWebhookEndpoints(deps: Pick<CoreDeps, "db">, organizationId: string) {
  const rows = await deps.db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organizationId, organizationId))
    .orderBy(desc(webhookEndpoints.createdAt));
  return rows.map(publicEndpoint);
}

export async function getWebhookEndpointRow(
  deps: Pick<CoreDeps, "db">,
  organizationId: string,
  endpointId: string,
) {
  const [row] = await deps.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.organizationId, organizationId)));
  if (!row) throw new DomainError("NOT_FOUND", "That webhook endpoint does not exist.");
  return row;
}

export async function updateWebhookEndpoint(
  deps: WebhookDeps,
  organizationId: string,
  endpointId: string,
  input: { url?: string; events?: string[]; enabled?: boolean; description?: string | null },
) {
  await getWebhookEndpointRow(deps, organizationId, endpointId);
  const [row] = await deps.db
    .update(webhookEndpoints)
    .set({
      ...(input.url !== undefined
        ? { url: validateWebhookUrl(input.url, { allowInsecureLoopback: deps.allowInsecureWebhookUrls }) }
        : {}),
      ...(input.events !== undefined ? { events: checkEvents(input.events) } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
    })
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.organizationId, organizationId)))
    .returning();
  return publicEndpoint(row!);
}

/** The signing secret, opened from its sealed form, for owners and admins who need to configure a receiver. */
export async function revealWebhookSecret(deps: WebhookDeps, organizationId: string, endpointId: string) {
  const row = await getWebhookEndpointRow(deps, organizationId, endpointId);
  return { endpointId: row.id, secret: deps.secrets.open(row.secretSealed) };
}
