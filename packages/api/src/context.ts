import type { AuthDeps } from "@cannasaas/auth";
import { parseHost, resolvePublicTenant, type HostKind, type Tenant } from "@cannasaas/core";

export type SessionUser = { id: string; email?: string | null };

export type TrpcContext = {
  deps: AuthDeps;
  host: HostKind;
  /** The launched tenant whose storefront this request came from (null on the platform domain). */
  tenant: Tenant | null;
  user: SessionUser | null;
  /** The dashboard's selected organization (cookie); membership is checked by staff procedures. */
  activeOrganizationId: string | null;
  ip: string;
  requestId: string;
  /** Origin of the current request, for links in emails. */
  origin: string;
  /** Delivers outbox rows written by a mutation once it has committed. */
  deliverOutbox: (ids: string[]) => void;
  /** The storefront's guest cart token (cookie set by the proxy on tenant hosts). */
  cartToken: string | null;
};

export type CreateContextInput = {
  deps: AuthDeps;
  headers: Headers;
  rootDomain: string;
  user: SessionUser | null;
  activeOrganizationId: string | null;
  origin: string;
  deliverOutbox?: (ids: string[]) => void;
  cartToken?: string | null;
};

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
    ip: input.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown",
    requestId: input.headers.get("x-request-id") ?? crypto.randomUUID(),
    origin: input.origin,
    deliverOutbox: input.deliverOutbox ?? (() => undefined),
    cartToken: input.cartToken && /^[A-Za-z0-9_-]{20,100}$/.test(input.cartToken) ? input.cartToken : null,
  };
}
