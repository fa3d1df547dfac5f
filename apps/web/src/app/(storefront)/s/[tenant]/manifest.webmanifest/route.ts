import type { NextRequest } from "next/server";
import { storefrontManifest } from "~/lib/web-manifest";
import { tenantForHost } from "~/server/tenant";

/** The storefront's web app manifest, per tenant host. Short-lived cache, so a rebrand shows soon. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await tenantForHost((await params).tenant, request.headers);
  if (!tenant) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const manifest = storefrontManifest({
    name: tenant.name,
    tagline: tenant.branding.tagline,
    primaryColor: tenant.branding.primaryColor,
  });
  return new Response(JSON.stringify(manifest), {
    headers: { "content-type": "application/manifest+json", "cache-control": "public, max-age=300" },
  });
}
