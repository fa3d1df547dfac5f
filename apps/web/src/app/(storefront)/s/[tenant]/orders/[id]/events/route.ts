import { ensureCustomer } from "@cannasaas/auth";
import {
  OPEN_STATUSES,
  orderStatusStamp,
  shopperDeliveryView,
  STATUS_LABELS,
  type OrderStatus,
} from "@cannasaas/core";
import { auth } from "~/auth";
import { getDeps } from "~/server/deps";
import { eventStream, sseEvent } from "~/server/sse";
import { tenantForHost } from "~/server/tenant";

export const dynamic = "force-dynamic";

const POLL_MS = 2_000;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Stamp = { status: OrderStatus; updatedAt: Date };

const isFinal = (status: OrderStatus) => !OPEN_STATUSES.includes(status);
const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "content-type": "text/plain" } });
const statusEvent = (s: Stamp) =>
  sseEvent("status", {
    status: s.status,
    label: STATUS_LABELS[s.status],
    updatedAt: s.updatedAt.toISOString(),
  });

/**
 * Live status of one of the signed-in shopper's orders as Server-Sent Events: the current status at once,
 * then every change (polled), a heartbeat comment, and the end of the stream at a final status. While the
 * order is out for delivery, `delivery` events carry the delivery's step, the driver's position (once the
 * package is on its way) and the ETA. 204 tells EventSource not to reconnect to an order that is already final.
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
  const readDelivery = async (status: OrderStatus) =>
    status === "out_for_delivery" ? shopperDeliveryView(deps, tenant.id, id, customerId) : null;
  const first = await read();
  if (!first) return plain(404, "That order does not exist.");
  if (isFinal(first.status)) return new Response(null, { status: 204 });

  const firstDelivery = await readDelivery(first.status);
  let last = first.updatedAt.getTime() + first.status;
  let lastDelivery = JSON.stringify(firstDelivery);
  return eventStream(request, {
    first: statusEvent(first) + (firstDelivery ? sseEvent("delivery", firstDelivery) : ""),
    pollMs: POLL_MS,
    poll: async () => {
      const stamp = await read();
      if (!stamp) return { text: null, done: true };
      let text = "";
      const current = stamp.updatedAt.getTime() + stamp.status;
      if (current !== last) {
        last = current;
        text += statusEvent(stamp);
      }
      const delivery = JSON.stringify(await readDelivery(stamp.status));
      if (delivery !== lastDelivery && delivery !== "null") text += `event: delivery\ndata: ${delivery}\n\n`;
      lastDelivery = delivery;
      return { text: text || null, done: isFinal(stamp.status) };
    },
    onError: (error) =>
      deps.log?.warn({ err: error instanceof Error ? error.message : String(error) }, "order events failed"),
  });
}
