import type { NextRequest } from "next/server";
import { brandIconSvg } from "~/lib/brand-icon";
import { tenantForHost } from "~/server/tenant";

/** The storefront's favicon: its initial on its brand colour. Short-lived cache, so a rebrand shows soon. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await tenantForHost((await params).tenant, request.headers);
  if (!tenant) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  return new Response(brandIconSvg(tenant.name, tenant.branding.primaryColor), {
    headers: { "content-type": "image/svg+xml", "cache-control": "public, max-age=300" },
  });
}
