import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { parseHost, resolvePublicTenant, tenantKeyForHost } from "@cannasaas/core";
import { env } from "~/env";
import { getDeps } from "./deps";

/**
 * The launched tenant for a storefront route, or a 404. The route key must match the request's host, so
 * /s/<slug> typed on the platform domain (or another tenant's) is a 404 as well.
 */
export const storefrontTenant = cache(async (routeKey: string) => {
  const key = decodeURIComponent(routeKey);
  const h = await headers();
  const hostKey = tenantKeyForHost(parseHost(h.get("host"), env().ROOT_DOMAIN));
  if (!hostKey || hostKey !== key) notFound();
  const tenant = await resolvePublicTenant(await getDeps(), key);
  if (!tenant) notFound();
  return tenant;
});
