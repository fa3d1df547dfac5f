"use client";
import { useQuery } from "@tanstack/react-query";
import type { PurchaserType } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { formatCents } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";
import { CartTotalsList } from "../cart/cart-totals";
import { RewardPicker } from "~/components/loyalty/reward-picker";

/** The cart priced by the server for the chosen purchaser, with the taxes and total checkout will charge. */
export function OrderReview({ purchaser }: { purchaser: PurchaserType }) {
  const trpc = useTRPC();
  const cart = useQuery(trpc.cart.get.queryOptions({ purchaser }));
  return (
    <section
      aria-labelledby="review-heading"
      aria-busy={cart.isFetching}
      className="rounded-xl bg-white p-4 shadow-sm"
    >
      <h2 id="review-heading" className="mb-2 font-semibold">
        Your order
      </h2>
      {cart.isPending ? (
        <p role="status">Loading…</p>
      ) : cart.isError ? (
        <p role="alert">{describeError(cart.error).message}</p>
      ) : (
        <>
          <ul className="flex flex-col divide-y divide-stone-100">
            {cart.data.lines.map((l) => (
              <li key={l.variantId} className="flex justify-between gap-3 py-2">
                <span>
                  {l.quantity} × {l.productName} <span className="text-stone-600">({l.variantName})</span>
                  {l.available !== null && l.quantity > l.available ? (
                    <span className="block text-sm text-amber-800">
                      Only {l.available} available at this location.
                    </span>
                  ) : null}
                </span>
                <span className="font-medium">{formatCents(l.subtotalCents)}</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 flex justify-between border-t border-stone-200 pt-2 font-semibold">
            <span>Subtotal</span>
            <span>{formatCents(cart.data.subtotalCents)}</span>
          </p>
          {cart.data.totals ? (
            <CartTotalsList totals={cart.data.totals} totalTestId="review-total" />
          ) : (
            <p className="text-sm text-stone-600">
              Cannabis excise, local and sales taxes are added when you place the order.
            </p>
          )}
          <RewardPicker chosenRewardId={cart.data.reward?.rewardId ?? null} />
        </>
      )}
    </section>
  );
}
