/**
 * Host parsing for the three surfaces (platform, tenant storefront, custom domain). Pure: used by the proxy,
 * which must not load database code.
 */
export const RESERVED_SUBDOMAINS = new Set([
  "www",
  "app",
  "api",
  "admin",
  "dashboard",
  "auth",
  "mail",
  "email",
  "static",
  "assets",
  "cdn",
  "status",
  "docs",
  "help",
  "support",
  "blog",
  "billing",
  "metrics",
  "health",
  "dev",
  "staging",
  "test",
  "s",
]);

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type HostKind =
  | { kind: "platform" }
  | { kind: "tenant"; slug: string }
  | { kind: "custom-domain"; domain: string }
  | { kind: "reserved"; subdomain: string }
  | { kind: "invalid"; reason: string };

const HOSTNAME_PATTERN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Strips the port and lower-cases; returns null when the header is not a plausible host. */
export function normalizeHost(hostHeader: string | null | undefined): string | null {
  if (!hostHeader) return null;
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith("[")) return null; // IPv6 literal: never a tenant
  const name = host.replace(/:\d{1,5}$/, "").replace(/\.$/, "");
  return HOSTNAME_PATTERN.test(name) ? name : null;
}

export function parseHost(hostHeader: string | null | undefined, rootDomain: string): HostKind {
  const host = normalizeHost(hostHeader);
  const root = normalizeHost(rootDomain);
  if (!host || !root) return { kind: "invalid", reason: "The Host header is missing or malformed." };
  if (host === root || host === `www.${root}`) return { kind: "platform" };
  if (host === "127.0.0.1" || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return { kind: "platform" };
  if (host.endsWith(`.${root}`)) {
    const sub = host.slice(0, -(root.length + 1));
    if (sub.includes(".")) return { kind: "invalid", reason: "Nested subdomains are not storefronts." };
    if (RESERVED_SUBDOMAINS.has(sub)) return { kind: "reserved", subdomain: sub };
    if (!SLUG_PATTERN.test(sub))
      return { kind: "invalid", reason: "That is not a valid storefront address." };
    return { kind: "tenant", slug: sub };
  }
  return { kind: "custom-domain", domain: host };
}

/** The `[tenant]` route segment: a slug, or a custom domain (slugs never contain dots). */
export function tenantKeyForHost(parsed: HostKind): string | null {
  if (parsed.kind === "tenant") return parsed.slug;
  if (parsed.kind === "custom-domain") return parsed.domain;
  return null;
}

export type PublicScheme = "http" | "https";

/** Plain http only for local development hosts, unless the deployment says otherwise (`PUBLIC_SCHEME`). */
function schemeFor(rootDomain: string, scheme?: PublicScheme): PublicScheme {
  if (scheme) return scheme;
  const local =
    /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(rootDomain) || /\.localhost(:\d+)?$/.test(rootDomain);
  return local ? "http" : "https";
}

/**
 * The platform's public origin (dashboard, sign-in, invitations, billing), from configuration only. Links in
 * emails and redirects to third parties (Stripe) are built from this, never from the request's Host header:
 * a forged Host would otherwise put an attacker's domain in front of a working token.
 */
export function platformUrl(rootDomain: string, scheme?: PublicScheme): string {
  return `${schemeFor(rootDomain, scheme)}://${rootDomain}`;
}

/**
 * A storefront's public address, from the tenant's slug and configuration. Custom domains are not used for
 * links: nothing verifies yet that a saved custom domain points at the platform (no DNS check), so a link on
 * one could lead anywhere. Once domains are verified, a verified one may be preferred here.
 */
export function storefrontUrl(slug: string, rootDomain: string, scheme?: PublicScheme): string {
  return `${schemeFor(rootDomain, scheme)}://${slug}.${rootDomain}`;
}

/**
 * The public origin for links sent from a request: the storefront's for a tenant (the request's host chose
 * the tenant, but only its slug reaches the link), else the platform's.
 */
export function publicOrigin(
  tenant: { slug: string } | null,
  rootDomain: string,
  scheme?: PublicScheme,
): string {
  return tenant ? storefrontUrl(tenant.slug, rootDomain, scheme) : platformUrl(rootDomain, scheme);
}
