"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { RouterOutputs } from "@cannasaas/api";
import { Button } from "@cannasaas/ui/button";
import { Card } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { deliveryProgressText } from "~/components/deliveries/delivery-map";
import { toWire } from "~/components/deliveries/types";
import { formatCents } from "~/lib/format";
import { useTimeZone } from "~/components/time-zone";
import { useTRPC } from "~/lib/trpc/client";
import { SHARING_MESSAGES, usePositionSharing } from "./use-position-sharing";

type Mine = RouterOutputs["deliveries"]["mine"];
type Step = "picked_up" | "in_transit" | "arriving" | "delivered";

/** What the big button says for each next step. */
const STEP_BUTTONS: Record<Step, string> = {
  picked_up: "Picked up",
  in_transit: "On my way",
  arriving: "Arriving",
  delivered: "Delivered",
};

/** The driver's deliveries under way, big buttons for the next step, and position sharing while any is active. */
export function DriverDeliveries({ initial }: { initial: Mine }) {
  const trpc = useTRPC();
  const mine = useQuery({
    ...trpc.deliveries.mine.queryOptions(),
    initialData: initial,
    refetchInterval: 15_000,
  });
  const deliveries = mine.data ?? initial;
  const sharing = usePositionSharing(deliveries.map((d) => d.id));
  return (
    <div className="flex flex-col gap-4">
      <p
        role="status"
        data-testid="location-sharing"
        className={
          sharing.state === "denied" || sharing.state === "unsupported"
            ? "rounded-lg bg-amber-50 p-3 text-sm text-amber-900"
            : "text-sm text-stone-600"
        }
      >
        {SHARING_MESSAGES[sharing.state]}
        {sharing.error ? ` ${sharing.error}` : ""}
      </p>
      {deliveries.length === 0 ? (
        <p className="rounded-xl bg-white p-6 text-center text-stone-700 shadow-sm">
          No deliveries assigned to you right now.
        </p>
      ) : (
        <ul className="flex flex-col gap-4">
          {deliveries.map((d) => (
            <DriverDeliveryCard
              key={d.id}
              delivery={d}
              onChanged={() => void mine.refetch()}
              onStep={sharing.reportNow}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function DriverDeliveryCard({
  delivery: d,
  onChanged,
  onStep,
}: {
  delivery: Mine[number];
  onChanged: () => void;
  onStep: () => void;
}) {
  const trpc = useTRPC();
  const timeZone = useTimeZone();
  const [confirming, setConfirming] = useState(false);
  const advance = useMutation(
    trpc.deliveries.advance.mutationOptions({
      onSuccess: (updated) => {
        setConfirming(false);
        // Where each step happened is worth a fresh fix (not after the last one: sharing stops there).
        if (updated.status !== "delivered") onStep();
        onChanged();
      },
      onError: () => onChanged(),
    }),
  );
  const next = d.next as Step | null;
  const address = d.address;
  return (
    <Card as="li" data-testid="driver-delivery" className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="text-xl font-bold">Order #{d.orderNumber}</h2>
        <span className="rounded-full bg-stone-100 px-3 py-1 text-sm font-medium" data-testid="driver-status">
          {d.label}
        </span>
      </div>
      <div className="text-base">
        <p className="font-medium">{d.customerName ?? "Customer"}</p>
        {address ? (
          <address className="not-italic">
            {address.line1}
            {address.line2 ? `, ${address.line2}` : ""}, {address.city} {address.postalCode}
          </address>
        ) : null}
        <p className="text-sm text-stone-600">
          {d.units} item{d.units === 1 ? "" : "s"} · collect {formatCents(d.totalCents)} (
          {d.paymentMethod === "cash" ? "cash" : "debit"}) · check ID (21+)
        </p>
        <p className="text-sm text-stone-600">{deliveryProgressText(toWire(d), new Date(), timeZone)}</p>
      </div>
      {next ? (
        confirming ? (
          <div className="flex flex-col gap-2">
            <Button
              className="min-h-16 text-lg"
              disabled={advance.isPending}
              onClick={() => advance.mutate({ deliveryId: d.id, to: "delivered" })}
            >
              Confirm delivered: ID checked, paid
              <span className="sr-only"> order #{d.orderNumber}</span>
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Not yet
            </Button>
          </div>
        ) : (
          <Button
            className="min-h-16 text-lg"
            disabled={advance.isPending}
            onClick={() => {
              advance.reset();
              if (next === "delivered") setConfirming(true);
              else advance.mutate({ deliveryId: d.id, to: next });
            }}
          >
            {STEP_BUTTONS[next]}
            <span className="sr-only"> order #{d.orderNumber}</span>
          </Button>
        )
      ) : null}
      {advance.error ? (
        <p role="alert" className="text-sm text-red-700">
          {describeError(advance.error).message}
        </p>
      ) : null}
      <Link href={`/dashboard/deliveries/${d.id}/manifest`} className="text-sm text-brand underline">
        Manifest<span className="sr-only"> for order #{d.orderNumber}</span>
      </Link>
    </Card>
  );
}
