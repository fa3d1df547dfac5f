"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { describeError } from "~/components/auth/errors";
import { track } from "~/lib/analytics/beacon";
import { useTRPC, useTRPCClient } from "~/lib/trpc/client";

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
  // The plain client rather than a mutation hook: a menu page has 24 of these, and a hook per card made an
  // observer per card on every server render, for a button most shoppers never press.
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [note, setNote] = useState<{ text: string; problem: boolean } | null>(null);
  async function add() {
    setPending(true);
    try {
      const result = await client.cart.add.mutate({ variantId, quantity: 1 });
      track("add_to_cart");
      setNote(
        result.limitWarnings.length
          ? { text: result.limitWarnings.join(" "), problem: true }
          : { text: "Added to cart", problem: false },
      );
      await queryClient.invalidateQueries(trpc.cart.pathFilter());
    } catch (error) {
      setNote({ text: describeError(error).message, problem: true });
    } finally {
      setPending(false);
    }
  }
  return (
    <div className="relative z-10 flex flex-col items-end gap-1">
      <button
        type="button"
        data-testid="quick-add"
        disabled={pending}
        onClick={() => void add()}
        className="menu-quick-add"
      >
        {pending ? (
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
