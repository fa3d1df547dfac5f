import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { listMemberships, parseHost, platformUrl, storefrontUrl } from "@cannasaas/core";
import { env, publicUrlSettings } from "~/env";
import { auth } from "~/auth";
import { getDeps } from "./deps";

export const ACTIVE_ORG_COOKIE = "cs_org";

/**
 * The configured public origin of the surface the request's host chose: the platform's, a storefront's
 * subdomain, or the custom domain the storefront was reached on (which then only matches the tenant that has
 * it). Any other host (an IP literal, a reserved or malformed name) gets the platform's, never its own.
 */
export function publicOriginFor(h: Headers): string {
  const { rootDomain, scheme } = publicUrlSettings();
  const host = parseHost(h.get("host"), rootDomain);
  if (host.kind === "tenant") return storefrontUrl(host.slug, rootDomain, scheme);
  if (host.kind === "custom-domain") return `${scheme ?? "https"}://${host.domain}`;
  return platformUrl(rootDomain, scheme);
}

/** The signed-in user; decoded once per request however many layouts and pages ask. */
export const currentUser = cache(async () => {
  const session = await auth();
  return session?.user?.id ? { id: session.user.id, email: session.user.email ?? null } : null;
});

/**
 * The dashboard's organization: the one chosen with the switcher (cookie), else the user's first. A chosen
 * organization is passed on as is; staff procedures refuse it if the user is not (or no longer) a member.
 * Storefront requests never use one, so they skip the membership lookup.
 */
export async function activeOrganizationFor(
  requestHeaders: Headers,
  user: { id: string } | null,
  chosen: string | null | undefined,
) {
  if (parseHost(requestHeaders.get("host"), env().ROOT_DOMAIN).kind !== "platform") return null;
  if (chosen) return chosen;
  if (!user) return null;
  const [first] = await listMemberships((await getDeps()).db, user.id);
  return first?.organizationId ?? null;
}

export async function requestInfo() {
  const [h, c, user] = await Promise.all([headers(), cookies(), currentUser()]);
  const activeOrganizationId = await activeOrganizationFor(h, user, c.get(ACTIVE_ORG_COOKIE)?.value);
  return {
    headers: h,
    user,
    activeOrganizationId,
    publicScheme: publicUrlSettings().scheme,
    cartToken: c.get("cs_cart")?.value ?? null,
  };
}
