"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

type StatusEvent = { status: string; label: string; updatedAt: string };
const FINAL = ["completed", "cancelled", "refunded"];

/** The order's status, kept current by the server's event stream; the page is re-rendered on each change. */
export function LiveStatus({
  orderId,
  status,
  label,
  live,
}: {
  orderId: string;
  status: string;
  label: string;
  live: boolean;
}) {
  const router = useRouter();
  const [streamed, setStreamed] = useState<StatusEvent | null>(null);
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
    return () => source.close();
  }, [orderId, live, router]);

  return (
    <section
      aria-labelledby="status-heading"
      className="rounded-xl border-2 border-brand/40 bg-white p-4 shadow-sm"
    >
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
    </section>
  );
}
