import type { NextRequest } from "next/server";
import {
  BEACON_MAX_BYTES,
  isLikelyBot,
  recordStorefrontEvents,
  storefrontBeaconSchema,
} from "@cannasaas/core";
import { getDeps } from "~/server/deps";
import { tenantForHost } from "~/server/tenant";

const noContent = () => new Response(null, { status: 204, headers: { "cache-control": "no-store" } });

/**
 * The storefront's analytics beacon. Bots are answered but not counted; bodies over 8 KB or with more than 20
 * events are refused; nothing about the sender (IP, user agent, account) is stored with the events.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await tenantForHost((await params).tenant, request.headers);
  if (!tenant) return new Response(null, { status: 404 });
  if (Number(request.headers.get("content-length") ?? 0) > BEACON_MAX_BYTES)
    return new Response(null, { status: 413 });
  const text = await request.text();
  if (new TextEncoder().encode(text).length > BEACON_MAX_BYTES) return new Response(null, { status: 413 });
  if (isLikelyBot(request.headers.get("user-agent"))) return noContent();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(null, { status: 400 });
  }
  const parsed = storefrontBeaconSchema.safeParse(body);
  if (!parsed.success) return new Response(null, { status: 400 });
  const deps = await getDeps();
  await recordStorefrontEvents(deps.db, tenant.id, parsed.data.events, deps.clock());
  return noContent();
}
