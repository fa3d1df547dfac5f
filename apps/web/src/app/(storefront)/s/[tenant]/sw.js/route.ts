import type { NextRequest } from "next/server";
import { serviceWorkerScript } from "~/server/service-worker";
import { tenantForHost } from "~/server/tenant";

/**
 * The storefront's service worker at /sw.js on the store's host, so its scope is the whole storefront.
 * no-cache: the browser checks for a new worker on every visit instead of keeping an old one for up to a day.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await tenantForHost((await params).tenant, request.headers);
  if (!tenant) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  return new Response(serviceWorkerScript(tenant.name), {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "no-cache",
      "service-worker-allowed": "/",
    },
  });
}
