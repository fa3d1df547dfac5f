"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { describeError } from "~/components/auth/errors";
import { track } from "~/lib/analytics/beacon";
import { useTRPC } from "~/lib/trpc/client";

type Props = {
  variantId: string;
  /** What is added, named in full for screen readers ("Blue Dream, 3.5 g"). */
  itemName: string;
};

/**
 * One tap from a menu card adds one unit of the card's cheapest in-stock size. Sits above the card's link
 * overlay (z-10) so the tap adds instead of opening the product. The outcome is announced in place.
 */
export function QuickAdd({ variantId, itemName }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState<{ text: string; problem: boolean } | null>(null);
  const add = useMutation(
    trpc.cart.add.mutationOptions({
      onSuccess: async (result) => {
        track("add_to_cart");
        setNote(
          result.limitWarnings.length
            ? { text: result.limitWarnings.join(" "), problem: true }
            : { text: "Added to cart", problem: false },
        );
        await queryClient.invalidateQueries(trpc.cart.pathFilter());
      },
      onError: (error) => setNote({ text: describeError(error).message, problem: true }),
    }),
  );
  return (
    <div className="relative z-10 flex flex-col items-end gap-1">
      <button
        type="button"
        data-testid="quick-add"
        disabled={add.isPending}
        onClick={() => add.mutate({ variantId, quantity: 1 })}
        className="menu-quick-add"
      >
        {add.isPending ? (
          "Adding…"
        ) : (
          <>
            <span aria-hidden="true">+&nbsp;</span>Add<span className="sr-only"> {itemName} to cart</span>
          </>
        )}
      </button>
      <p aria-live="polite" className={note?.problem ? "text-xs text-red-700" : "text-xs text-emerald-800"}>
        {note?.text}
      </p>
    </div>
  );
}
