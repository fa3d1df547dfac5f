import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { parseHost, resolvePublicTenant, tenantKeyForHost, type Tenant } from "@cannasaas/core";
import { env } from "~/env";
import { getDeps } from "./deps";

/**
 * The launched tenant for a storefront route key, or null. The key must match the request's host, so
 * /s/<slug> reached on the platform domain (or another tenant's) finds nothing.
 */
export async function tenantForHost(routeKey: string, requestHeaders: Headers): Promise<Tenant | null> {
  const key = decodeURIComponent(routeKey);
  const hostKey = tenantKeyForHost(parseHost(requestHeaders.get("host"), env().ROOT_DOMAIN));
  if (!hostKey || hostKey !== key) return null;
  return resolvePublicTenant(await getDeps(), key);
}

/** The launched tenant for a storefront page, or a 404. */
export const storefrontTenant = cache(async (routeKey: string) => {
  const tenant = await tenantForHost(routeKey, await headers());
  if (!tenant) notFound();
  return tenant;
});
