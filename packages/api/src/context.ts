import type { AuthDeps } from "@cannasaas/auth";
import {
  parseHost,
  platformUrl,
  publicOrigin,
  storefrontUrl,
  resolvePublicTenant,
  type HostKind,
  type PublicScheme,
  type Tenant,
} from "@cannasaas/core";
import { clientAddress, type ClientAddressSettings } from "@cannasaas/integrations/client-address";
import { readClientAddressSettings } from "@cannasaas/integrations/env";

export type SessionUser = { id: string; email?: string | null };

export type TrpcContext = {
  deps: AuthDeps;
  host: HostKind;
  /** The launched tenant whose storefront this request came from (null on the platform domain). */
  tenant: Tenant | null;
  user: SessionUser | null;
  /** The dashboard's selected organization (cookie); membership is checked by staff procedures. */
  activeOrganizationId: string | null;
  /** The client address from trusted forwarding only (see client-address.ts); null when unknown. */
  ip: string | null;
  requestId: string;
  /**
   * The public origin for links in emails and third-party redirects: the tenant's storefront or the platform,
   * built from configuration. Never the request's Host header, which anyone can forge.
   */
  origin: string;
  /** The platform's configured domain (e.g. `cannasaas.app`). */
  rootDomain: string;
  /** Delivers outbox rows written by a mutation once it has committed. */
  deliverOutbox: (ids: string[]) => void;
  /** The storefront's guest cart token (cookie set by the proxy on tenant hosts). */
  cartToken: string | null;
  /** A browser sent this from a page on another origin (Origin or Sec-Fetch-Site); mutations refuse it. */
  crossOrigin: boolean;
};

export type CreateContextInput = {
  deps: AuthDeps;
  headers: Headers;
  rootDomain: string;
  user: SessionUser | null;
  activeOrganizationId: string | null;
  /** `PUBLIC_SCHEME`; unset means https except on local development domains. */
  publicScheme?: PublicScheme;
  deliverOutbox?: (ids: string[]) => void;
  cartToken?: string | null;
  /** Which forwarded headers to believe; read from TRUSTED_PROXY_HOPS / CLIENT_IP_HEADER when not given. */
  clientAddressSettings?: ClientAddressSettings;
};

/** The origin a browser shows for pages of this host, from configuration (never from the Host header itself). */
function servedOrigin(host: HostKind, rootDomain: string, scheme?: PublicScheme): string | null {
  if (host.kind === "platform") return platformUrl(rootDomain, scheme);
  if (host.kind === "tenant") return storefrontUrl(host.slug, rootDomain, scheme);
  // Only a verified custom domain resolves to a tenant; the scheme follows the deployment's.
  if (host.kind === "custom-domain")
    return `${new URL(platformUrl(rootDomain, scheme)).protocol}//${host.domain}`;
  return null;
}

function isCrossOrigin(headers: Headers, expected: string | null): boolean {
  const origin = headers.get("origin");
  if (origin !== null) return origin !== expected;
  const site = headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}

export async function createTrpcContext(input: CreateContextInput): Promise<TrpcContext> {
  const host = parseHost(input.headers.get("host"), input.rootDomain);
  let tenant: Tenant | null = null;
  if (host.kind === "tenant") tenant = await resolvePublicTenant(input.deps, host.slug);
  if (host.kind === "custom-domain") tenant = await resolvePublicTenant(input.deps, host.domain);
  return {
    deps: input.deps,
    host,
    tenant,
    user: input.user,
    activeOrganizationId: input.activeOrganizationId,
    ip: clientAddress(input.headers, input.clientAddressSettings ?? readClientAddressSettings()),
    requestId: input.headers.get("x-request-id") ?? crypto.randomUUID(),
    origin: publicOrigin(tenant, input.rootDomain, input.publicScheme),
    rootDomain: input.rootDomain,
    deliverOutbox: input.deliverOutbox ?? (() => undefined),
    cartToken: input.cartToken && /^[A-Za-z0-9_-]{20,100}$/.test(input.cartToken) ? input.cartToken : null,
    crossOrigin: isCrossOrigin(input.headers, servedOrigin(host, input.rootDomain, input.publicScheme)),
  };
}
