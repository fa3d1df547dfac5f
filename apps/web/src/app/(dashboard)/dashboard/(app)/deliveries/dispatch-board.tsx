"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import type { RouterOutputs } from "@cannasaas/api";
import { Badge } from "@cannasaas/ui/badge";
import { Button } from "@cannasaas/ui/button";
import { Card } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { DeliveryMap, deliveryProgressText, type MapTiles } from "~/components/deliveries/delivery-map";
import type { Wire } from "~/components/deliveries/types";
import { useTimeZone } from "~/components/time-zone";
import { useTRPC } from "~/lib/trpc/client";

type Board = Wire<RouterOutputs["deliveries"]["board"]>;
type Delivery = Board["waiting"][number];

/** The board, kept live by the dispatch event stream; falls back to what the page rendered. */
export function DispatchBoard({ initial, tiles }: { initial: Board; tiles: MapTiles | null }) {
  const [streamed, setBoard] = useState<Board | null>(null);
  const board = streamed ?? initial;
  const [live, setLive] = useState<"connecting" | "live" | "lost">("connecting");
  useEffect(() => {
    const source = new EventSource("/dashboard/deliveries/events");
    source.onopen = () => setLive("live");
    source.onerror = () => setLive(source.readyState === EventSource.CLOSED ? "lost" : "connecting");
    source.addEventListener("board", (event) =>
      setBoard(JSON.parse((event as MessageEvent<string>).data) as Board),
    );
    return () => source.close();
  }, []);
  const all = [...board.active, ...board.waiting];
  return (
    <>
      <Card as="section" aria-labelledby="map-heading" className="flex flex-col gap-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="map-heading" className="text-lg font-semibold">
            Live map
          </h2>
          <p className="text-xs text-stone-600" aria-live="polite">
            {live === "live"
              ? "Updates live."
              : live === "lost"
                ? "Live updates stopped. Reload the page."
                : "Connecting for live updates…"}
          </p>
        </div>
        <DeliveryMap deliveries={all} tiles={tiles} title="Deliveries under way" />
      </Card>
      <DeliveryList
        title="Waiting for a driver"
        id="waiting"
        deliveries={board.waiting}
        drivers={board.drivers}
        empty="No orders are waiting for a driver."
      />
      <DeliveryList
        title="Under way"
        id="active"
        deliveries={board.active}
        drivers={board.drivers}
        empty="No deliveries are under way."
      />
    </>
  );
}

function DeliveryList({
  title,
  id,
  deliveries,
  drivers,
  empty,
}: {
  title: string;
  id: string;
  deliveries: Delivery[];
  drivers: Board["drivers"];
  empty: string;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title} ({deliveries.length})
      </h2>
      {deliveries.length === 0 ? (
        <p className="text-sm text-stone-600">{empty}</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {deliveries.map((d) => (
            <DeliveryCard key={d.id} delivery={d} drivers={drivers} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DeliveryCard({ delivery: d, drivers }: { delivery: Delivery; drivers: Board["drivers"] }) {
  const timeZone = useTimeZone();
  const address = d.address ? `${d.address.line1}, ${d.address.city} ${d.address.postalCode}` : "No address";
  return (
    <Card as="li" data-testid="dispatch-delivery" className="flex flex-col gap-2">
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="text-base font-semibold">Order #{d.orderNumber}</h3>
        <Badge>{d.label}</Badge>
      </div>
      <p className="text-sm">
        {d.customerName ?? "Customer"} · {address}
      </p>
      <p className="text-sm text-stone-600">
        {d.units} item{d.units === 1 ? "" : "s"} from {d.locationName}
        {d.driverName ? ` · driver ${d.driverName}` : ""}
      </p>
      {d.status !== "pending" ? (
        <p className="text-sm text-stone-700">{deliveryProgressText(d, new Date(), timeZone)}</p>
      ) : null}
      <AssignDriver delivery={d} drivers={drivers} />
      <Link
        href={`/dashboard/deliveries/${d.id}/manifest`}
        className="text-sm text-brand underline underline-offset-4"
      >
        Manifest<span className="sr-only"> for order #{d.orderNumber}</span>
      </Link>
    </Card>
  );
}

function AssignDriver({ delivery: d, drivers }: { delivery: Delivery; drivers: Board["drivers"] }) {
  const trpc = useTRPC();
  const id = useId();
  const [driverUserId, setDriverUserId] = useState(d.driverUserId ?? "");
  const [done, setDone] = useState("");
  const assign = useMutation(
    trpc.deliveries.assign.mutationOptions({
      onSuccess: () => setDone(`Order #${d.orderNumber} assigned.`),
    }),
  );
  if (drivers.length === 0)
    return <p className="text-sm text-stone-600">Nobody on the team can take deliveries. Invite a driver.</p>;
  const reassign = d.status !== "pending";
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        assign.reset();
        setDone("");
        assign.mutate({ orderId: d.orderId, driverUserId });
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="text-sm font-medium">
          {reassign ? "Hand to another driver" : "Driver"}
          <span className="sr-only"> for order #{d.orderNumber}</span>
        </label>
        <select
          id={id}
          value={driverUserId}
          onChange={(e) => setDriverUserId(e.target.value)}
          required
          className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
        >
          <option value="">Choose a driver</option>
          {drivers.map((driver) => (
            <option key={driver.userId} value={driver.userId}>
              {driver.name ?? driver.email}
              {driver.role === "driver" ? "" : ` (${driver.role})`}
            </option>
          ))}
        </select>
      </div>
      <Button
        type="submit"
        variant={reassign ? "secondary" : "primary"}
        disabled={assign.isPending || !driverUserId || driverUserId === d.driverUserId}
      >
        {reassign ? "Reassign" : "Assign"}
        <span className="sr-only"> order #{d.orderNumber}</span>
      </Button>
      <p aria-live="polite" className="sr-only">
        {done}
      </p>
      {assign.error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {describeError(assign.error).message}
        </p>
      ) : null}
    </form>
  );
}
