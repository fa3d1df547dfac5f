import { randomBytes } from "node:crypto";
import type { NextRequest } from "next/server";
import { storefrontLinks } from "@cannasaas/api";
import { MAX_MESSAGE_CHARS, runAssistantTurn } from "@cannasaas/core";
import { clientAddress } from "@cannasaas/integrations/client-address";
import { readClientAddressSettings } from "@cannasaas/integrations/env";
import { transportSettings } from "~/env";
import { AGE_COOKIE } from "~/lib/age";
import { getDeps } from "~/server/deps";
import { LOCATION_COOKIE } from "~/server/location";
import { currentUser } from "~/server/request";
import { isSameOrigin } from "~/server/route-api";
import { sseEvent } from "~/server/sse";
import { tenantForHost } from "~/server/tenant";

/** The chat session cookie: a random id, host-only; the conversation itself lives in the KV for 30 minutes. */
const CHAT_COOKIE = "cs_chat";
const SESSION_PATTERN = /^[a-f0-9]{32}$/;

const refuse = (status: number, message: string) =>
  Response.json({ error: message }, { status, headers: { "cache-control": "no-store" } });

/**
 * The storefront assistant: POST `{ message }`, answered as Server-Sent Events (`status`, `text`, `products`,
 * `handoff`, `done` or `error`). Every text event has already passed the guards; see `runAssistantTurn`.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await tenantForHost((await params).tenant, request.headers);
  if (!tenant) return new Response(null, { status: 404 });
  if (!isSameOrigin(request)) return refuse(403, "This request must come from the store's own pages.");
  if (request.cookies.get(AGE_COOKIE)?.value !== "1")
    return refuse(403, "Confirm your age on the menu first.");
  const text = await request.text();
  if (text.length > MAX_MESSAGE_CHARS * 4 + 100) return refuse(413, "That message is too long.");
  let message: unknown;
  try {
    message = (JSON.parse(text) as { message?: unknown }).message;
  } catch {
    return refuse(400, "Send a question as JSON.");
  }
  if (typeof message !== "string") return refuse(400, "Send a question as JSON.");

  const existing = request.cookies.get(CHAT_COOKIE)?.value;
  const sessionId = existing && SESSION_PATTERN.test(existing) ? existing : randomBytes(16).toString("hex");
  const [deps, user] = await Promise.all([getDeps(), currentUser()]);
  const events = runAssistantTurn(
    { ...deps, links: storefrontLinks },
    {
      organizationId: tenant.id,
      store: { name: tenant.name, state: tenant.state, timeZone: tenant.timeZone },
      sessionId,
      userId: user?.id ?? null,
      locationId: request.cookies.get(LOCATION_COOKIE)?.value ?? null,
      ip: clientAddress(request.headers, readClientAddressSettings()),
      message,
      signal: request.signal,
    },
  );
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(sseEvent(next.value.type, next.value)));
      } catch (error) {
        deps.log?.error({ err: error }, "assistant turn failed");
        controller.enqueue(
          encoder.encode(
            sseEvent("error", {
              type: "error",
              message: "Something went wrong on our side. Please try again.",
            }),
          ),
        );
        controller.close();
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  const headers = new Headers({
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    "x-accel-buffering": "no",
  });
  if (sessionId !== existing)
    headers.append(
      "set-cookie",
      `${CHAT_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax${transportSettings().https ? "; Secure" : ""}`,
    );
  return new Response(stream, { headers });
}
