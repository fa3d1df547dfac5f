import type { NextRequest } from "next/server";
import { brandIconPng } from "~/lib/brand-icon-png";
import { tenantForHost } from "~/server/tenant";

/** The 192 px install icon the web manifest lists. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await tenantForHost((await params).tenant, request.headers);
  if (!tenant) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  return brandIconPng({ name: tenant.name, primaryColor: tenant.branding.primaryColor }, 192);
}
