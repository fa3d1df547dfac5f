import "server-only";
import { cookies, headers } from "next/headers";
import { auth } from "~/auth";

export const ACTIVE_ORG_COOKIE = "cs_org";

/** Origin of the current request as the browser sees it (tenant subdomain or platform domain). */
export function originFrom(h: Headers): string {
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.includes(".localhost") ? "http" : "https");
  return `${proto}://${host}`;
}

export async function currentUser() {
  const session = await auth();
  return session?.user?.id ? { id: session.user.id, email: session.user.email ?? null } : null;
}

export async function requestInfo() {
  const [h, c, user] = await Promise.all([headers(), cookies(), currentUser()]);
  return { headers: h, user, activeOrganizationId: c.get(ACTIVE_ORG_COOKIE)?.value ?? null, origin: originFrom(h) };
}
