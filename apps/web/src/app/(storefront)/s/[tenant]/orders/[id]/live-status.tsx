"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { DeliveryMap, type MapTiles } from "~/components/deliveries/delivery-map";
import type { MapDelivery } from "~/components/deliveries/types";

type StatusEvent = { status: string; label: string; updatedAt: string };
const FINAL = ["completed", "cancelled", "refunded"];
const DELIVERY_STEPS: Array<[string, string]> = [
  ["assigned", "Driver assigned"],
  ["picked_up", "Picked up"],
  ["in_transit", "On the way"],
  ["arriving", "Arriving"],
  ["delivered", "Delivered"],
];

/**
 * The order's status, kept current by the server's event stream; the page is re-rendered on each change.
 * While the order is out for delivery, the delivery's step, the driver on a map and the ETA update live too.
 */
export function LiveStatus({
  orderId,
  status,
  label,
  live,
  tiles,
}: {
  orderId: string;
  status: string;
  label: string;
  live: boolean;
  tiles: MapTiles | null;
}) {
  const router = useRouter();
  const [streamed, setStreamed] = useState<StatusEvent | null>(null);
  const [delivery, setDelivery] = useState<MapDelivery | null>(null);
  const [connected, setConnected] = useState(false);
  const known = useRef(status);

  useEffect(() => {
    if (!live) return;
    const source = new EventSource(`/orders/${orderId}/events`);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener("status", (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as StatusEvent;
      setStreamed(data);
      if (known.current !== data.status) {
        known.current = data.status;
        router.refresh();
      }
      if (FINAL.includes(data.status)) source.close();
    });
    source.addEventListener("delivery", (event) => {
      setDelivery(JSON.parse((event as MessageEvent<string>).data) as MapDelivery);
    });
    return () => source.close();
  }, [orderId, live, router]);

  return (
    <section
      aria-labelledby="status-heading"
      className="flex flex-col gap-3 rounded-xl border-2 border-brand/40 bg-white p-4 shadow-sm"
    >
      <div>
        <h2 id="status-heading" className="text-sm font-medium text-stone-600">
          Status
        </h2>
        <p aria-live="polite" aria-atomic="true" className="text-xl font-bold" data-testid="order-status">
          {streamed?.label ?? label}
        </p>
        {live ? (
          <p className="text-xs text-stone-500">
            {connected ? "Updates live." : "Connecting for live updates…"}
          </p>
        ) : null}
      </div>
      {delivery ? <DeliveryTracker delivery={delivery} tiles={tiles} /> : null}
    </section>
  );
}

function DeliveryTracker({ delivery, tiles }: { delivery: MapDelivery; tiles: MapTiles | null }) {
  const reached = DELIVERY_STEPS.findIndex(([step]) => step === delivery.status);
  return (
    <div className="flex flex-col gap-3" data-testid="delivery-tracker">
      <p aria-live="polite" aria-atomic="true" className="text-base" data-testid="delivery-status">
        <span className="font-semibold">{delivery.label}</span>
        {delivery.driverName && delivery.status !== "pending"
          ? ` · your driver is ${delivery.driverName}`
          : ""}
      </p>
      <ol aria-label="Delivery steps" className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {DELIVERY_STEPS.map(([step, text], i) => (
          <li
            key={step}
            aria-current={i === reached ? "step" : undefined}
            className={i <= reached ? "font-medium text-brand" : "text-stone-500"}
          >
            {i <= reached ? "✓ " : ""}
            {text}
          </li>
        ))}
      </ol>
      {delivery.store || delivery.destination || delivery.driver ? (
        <DeliveryMap deliveries={[delivery]} tiles={tiles} title="Your delivery" />
      ) : null}
    </div>
  );
}
