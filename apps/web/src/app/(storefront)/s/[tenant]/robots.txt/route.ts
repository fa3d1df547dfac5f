import type { NextRequest } from "next/server";
import { publicOriginFor } from "~/server/request";
import { tenantForHost } from "~/server/tenant";

/** A launched storefront's robots.txt: crawl the menu, not accounts or the API; the sitemap is on this host. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await tenantForHost((await params).tenant, request.headers);
  if (!tenant) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const body = [
    "User-agent: *",
    "Allow: /",
    "Disallow: /account",
    "Disallow: /api/",
    "Disallow: /location",
    "",
    `Sitemap: ${publicOriginFor(request.headers)}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
