import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { listMemberships, parseHost } from "@cannasaas/core";
import { env } from "~/env";
import { auth } from "~/auth";
import { getDeps } from "./deps";

export const ACTIVE_ORG_COOKIE = "cs_org";

/** Origin of the current request as the browser sees it (tenant subdomain or platform domain). */
export function originFrom(h: Headers): string {
  const host = h.get("host") ?? "localhost:3000";
  const proto =
    h.get("x-forwarded-proto") ??
    (host.startsWith("localhost") || host.includes(".localhost") ? "http" : "https");
  return `${proto}://${host}`;
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
    origin: originFrom(h),
    cartToken: c.get("cs_cart")?.value ?? null,
  };
}
