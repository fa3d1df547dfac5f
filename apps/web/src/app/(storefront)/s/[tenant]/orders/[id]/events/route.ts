import { ensureCustomer } from "@cannasaas/auth";
import { OPEN_STATUSES, orderStatusStamp, STATUS_LABELS, type OrderStatus } from "@cannasaas/core";
import { auth } from "~/auth";
import { getDeps } from "~/server/deps";
import { tenantForHost } from "~/server/tenant";

export const dynamic = "force-dynamic";

const POLL_MS = 2_000;
const HEARTBEAT_MS = 15_000;
const MAX_STREAM_MS = 10 * 60_000;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Stamp = { status: OrderStatus; updatedAt: Date };

const isFinal = (status: OrderStatus) => !OPEN_STATUSES.includes(status);
const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "content-type": "text/plain" } });
const statusEvent = (s: Stamp) =>
  `event: status\ndata: ${JSON.stringify({ status: s.status, label: STATUS_LABELS[s.status], updatedAt: s.updatedAt.toISOString() })}\n\n`;

/**
 * Live status of one of the signed-in shopper's orders as Server-Sent Events: the current status at once,
 * then every change (polled), a heartbeat comment, and the end of the stream at a final status. 204 tells
 * EventSource not to reconnect to an order that is already final.
 */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: routeKey, id } = await params;
  const tenant = await tenantForHost(routeKey, request.headers);
  if (!tenant) return plain(404, "Not found");
  const deps = await getDeps();
  const userId = (await auth())?.user?.id;
  const customerId = userId ? await ensureCustomer(deps, tenant.id, userId) : null;
  if (!customerId) return plain(401, "Sign in to follow this order.");
  const read = () => (UUID_PATTERN.test(id) ? orderStatusStamp(deps.db, tenant.id, id, customerId) : null);
  const first = await read();
  if (!first) return plain(404, "That order does not exist.");
  if (isFinal(first.status)) return new Response(null, { status: 204 });

  const encoder = new TextEncoder();
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal.addEventListener("abort", close);
      send(`retry: 3000\n\n${statusEvent(first)}`);
      void (async () => {
        const started = Date.now();
        let lastBeat = started;
        let last = first.updatedAt.getTime() + first.status;
        try {
          while (!closed && Date.now() - started < MAX_STREAM_MS) {
            await new Promise((resolve) => setTimeout(resolve, POLL_MS));
            if (closed) break;
            const stamp = await read();
            if (!stamp) break;
            const current = stamp.updatedAt.getTime() + stamp.status;
            if (current !== last) {
              last = current;
              send(statusEvent(stamp));
              if (isFinal(stamp.status)) break;
            }
            if (Date.now() - lastBeat >= HEARTBEAT_MS) {
              send(": heartbeat\n\n");
              lastBeat = Date.now();
            }
          }
        } catch (error) {
          deps.log?.warn(
            { err: error instanceof Error ? error.message : String(error) },
            "order events failed",
          );
        } finally {
          close();
        }
      })();
    },
    cancel() {
      closed = true;
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering the stream.
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
