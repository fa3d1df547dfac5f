"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { OrderReview } from "./order-review";

type Purchaser = "adult_use" | "medical";
type Payment = "cash" | "debit";
const option =
  "flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-stone-300 bg-white p-3 has-[:checked]:border-brand has-[:checked]:ring-2 has-[:checked]:ring-brand/30";

/** Sends only choices (purchaser, payment, notes): the server prices, taxes and checks the order. */
export function CheckoutForm({
  medicalEnabled,
  paymentMethods,
}: {
  medicalEnabled: boolean;
  paymentMethods: Payment[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [purchaser, setPurchaser] = useState<Purchaser>("adult_use");
  const [payment, setPayment] = useState<Payment>(paymentMethods[0] ?? "cash");
  const [notes, setNotes] = useState("");
  const place = useMutation(
    trpc.checkout.place.mutationOptions({
      onSuccess: async ({ orderId }) => {
        await queryClient.invalidateQueries(trpc.cart.pathFilter());
        router.push(`/orders/${orderId}`);
      },
    }),
  );

  return (
    <form
      className="flex flex-col gap-6"
      onSubmit={(event) => {
        event.preventDefault();
        place.mutate({ purchaser, paymentMethod: payment, notes: notes.trim() || undefined });
      }}
    >
      <OrderReview purchaser={purchaser} />
      {medicalEnabled ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-semibold">Buying as</legend>
          <label className={option}>
            <input
              type="radio"
              name="purchaser"
              checked={purchaser === "adult_use"}
              onChange={() => setPurchaser("adult_use")}
            />
            Adult-use (21+)
          </label>
          <label className={option}>
            <input
              type="radio"
              name="purchaser"
              checked={purchaser === "medical"}
              onChange={() => setPurchaser("medical")}
            />
            Registered medical patient (needs an approved medical card)
          </label>
        </fieldset>
      ) : null}
      <fieldset className="flex flex-col gap-2" aria-describedby="payment-note">
        <legend className="mb-1 font-semibold">Payment</legend>
        <p id="payment-note" className="text-sm text-stone-600">
          You pay when you collect or receive your order. Card networks do not process cannabis purchases, so
          nothing is charged online.
        </p>
        {paymentMethods.includes("cash") ? (
          <label className={option}>
            <input
              type="radio"
              name="payment"
              checked={payment === "cash"}
              onChange={() => setPayment("cash")}
            />
            Cash
          </label>
        ) : null}
        {paymentMethods.includes("debit") ? (
          <label className={option}>
            <input
              type="radio"
              name="payment"
              checked={payment === "debit"}
              onChange={() => setPayment("debit")}
            />
            Debit card (PIN) in store or at the door
          </label>
        ) : null}
      </fieldset>
      <div className="flex flex-col gap-1">
        <label htmlFor="order-notes" className="font-semibold">
          Notes for the store (optional)
        </label>
        <textarea
          id="order-notes"
          maxLength={500}
          rows={3}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          className="rounded-lg border border-stone-300 bg-white p-3 text-base focus:border-brand focus:ring-2 focus:ring-brand/30"
        />
      </div>
      {place.error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {describeError(place.error).message}
        </p>
      ) : null}
      <Button type="submit" disabled={place.isPending || place.isSuccess}>
        {place.isPending ? "Placing your order…" : "Place order"}
      </Button>
    </form>
  );
}
