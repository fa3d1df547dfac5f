"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Fulfillment, UsAddress } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { formatCents } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";
import { AddressFields } from "./address-fields";
import type { CartData } from "./cart-line-item";

const option =
  "flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-stone-300 bg-white p-3 has-[:checked]:border-brand has-[:checked]:ring-2 has-[:checked]:ring-brand/30 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-50";

/**
 * Where and how: pickup saves as soon as it is chosen (each choice is its own save, so this is not one
 * form); delivery is checked against the location's zones when the address form is sent.
 */
export function FulfillmentForm({ cart, onSaved }: { cart: CartData; onSaved: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locations = useQuery(trpc.storefront.locations.queryOptions());
  const [locationId, setLocationId] = useState(cart.locationId);
  const [fulfillment, setFulfillment] = useState<Fulfillment>(cart.fulfillment);
  const [zone, setZone] = useState<{ deliveryFeeCents: number; minimumOrderCents: number } | null>(null);
  const save = useMutation(
    trpc.cart.setFulfillment.mutationOptions({
      onSuccess: async (result, input) => {
        setZone(input.fulfillment === "delivery" ? result : null);
        await queryClient.invalidateQueries(trpc.cart.pathFilter());
        const name = locations.data?.find((l) => l.id === input.locationId)?.name ?? "the store";
        onSaved(input.fulfillment === "pickup" ? `Pickup at ${name}.` : `Delivery from ${name} confirmed.`);
      },
    }),
  );
  const message = save.error ? describeError(save.error).message : null;
  const chosen = locations.data?.find((l) => l.id === locationId);

  const choose = (nextLocation: string | null, nextFulfillment: Fulfillment) => {
    const location = locations.data?.find((l) => l.id === nextLocation);
    const mode = nextFulfillment === "delivery" && !location?.deliveryEnabled ? "pickup" : nextFulfillment;
    setLocationId(nextLocation);
    setFulfillment(mode);
    save.reset();
    if (nextLocation && mode === "pickup") save.mutate({ locationId: nextLocation, fulfillment: "pickup" });
  };
  const submitAddress = (address: UsAddress) => {
    if (locationId) save.mutate({ locationId, fulfillment: "delivery", address });
  };

  if (locations.isPending) return <p role="status">Loading store locations…</p>;
  if (locations.isError) return <p role="alert">{describeError(locations.error).message}</p>;
  return (
    <section
      aria-labelledby="fulfillment-heading"
      className="flex flex-col gap-4 rounded-xl bg-white p-4 shadow-sm"
    >
      <h2 id="fulfillment-heading" className="text-lg font-semibold">
        Pickup or delivery
      </h2>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Store location</legend>
        {locations.data.map((l) => (
          <label key={l.id} className={option}>
            <input
              type="radio"
              name="location"
              className="mt-1"
              checked={l.id === locationId}
              onChange={() => choose(l.id, fulfillment)}
            />
            <span className="flex flex-col">
              <span className="font-medium">{l.name}</span>
              <span className="text-sm text-stone-600">
                {l.addressLine1}, {l.city} · {l.openNow ? "Open now" : "Closed now"}
                {l.deliveryEnabled ? " · Delivers" : ""}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-wrap gap-2" disabled={!locationId}>
        <legend className="mb-1 text-sm font-medium">How do you want it?</legend>
        <label className={option}>
          <input
            type="radio"
            name="fulfillment"
            checked={fulfillment === "pickup"}
            onChange={() => choose(locationId, "pickup")}
          />
          Pickup in store
        </label>
        <label className={option}>
          <input
            type="radio"
            name="fulfillment"
            checked={fulfillment === "delivery"}
            disabled={!chosen?.deliveryEnabled}
            onChange={() => choose(locationId, "delivery")}
          />
          Delivery{chosen && !chosen.deliveryEnabled ? " (not offered at this location)" : ""}
        </label>
      </fieldset>
      {fulfillment === "delivery" && locationId ? (
        <AddressFields
          initial={cart.deliveryAddress}
          state={chosen?.state ?? ""}
          error={message}
          pending={save.isPending}
          onSubmit={submitAddress}
        />
      ) : null}
      {message && fulfillment === "pickup" ? (
        <p role="alert" className="text-sm text-red-700">
          {message}
        </p>
      ) : null}
      {zone ? (
        <p className="text-sm text-emerald-800">
          We deliver there:{" "}
          {zone.deliveryFeeCents ? `${formatCents(zone.deliveryFeeCents)} fee` : "free delivery"}, minimum
          order {formatCents(zone.minimumOrderCents)}.
        </p>
      ) : null}
      {save.isPending ? (
        <p role="status" className="text-sm text-stone-600">
          Saving…
        </p>
      ) : null}
      {fulfillment === "pickup" &&
      cart.locationId === locationId &&
      cart.fulfillment === "pickup" &&
      chosen ? (
        <p className="text-sm text-stone-700">Pickup at {chosen.name}: bring your ID.</p>
      ) : null}
    </section>
  );
}
