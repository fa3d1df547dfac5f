"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { formatCents } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";
import { CartLineItem } from "./cart-line-item";
import { CartPromotions } from "./cart-promotions";
import { CartTotalsList } from "./cart-totals";
import { CheckoutReadiness } from "./checkout-readiness";
import { FulfillmentForm } from "./fulfillment-form";
import { CartRecommendations } from "~/components/recommendations/cart-recommendations";

const primaryLink =
  "inline-flex min-h-11 items-center justify-center rounded-lg bg-brand px-4 text-sm font-semibold text-white hover:brightness-110 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand";

export function CartView({ signedIn }: { signedIn: boolean }) {
  const trpc = useTRPC();
  const cart = useQuery(trpc.cart.get.queryOptions());
  const [announcement, setAnnouncement] = useState("");

  if (cart.isPending) return <p role="status">Loading your cart…</p>;
  if (cart.isError) return <Notice tone="error">{describeError(cart.error).message}</Notice>;
  const { lines, locationId, subtotalCents, itemCount, totals } = cart.data;
  if (lines.length === 0) {
    return (
      <div className="flex flex-col items-start gap-3 rounded-xl bg-white p-6 shadow-sm">
        <p className="text-stone-700">Your cart is empty.</p>
        <Link href="/" className={primaryLink}>
          Browse the menu
        </Link>
      </div>
    );
  }
  const shortLines = lines.filter((l) => l.available !== null && l.quantity > l.available);
  const checkoutHref = signedIn ? "/checkout" : `/sign-in?next=${encodeURIComponent("/checkout")}`;
  return (
    <div className="flex flex-col gap-6">
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <ul className="flex flex-col gap-3" aria-label="Items in your cart">
        {lines.map((line) => (
          <CartLineItem key={line.variantId} line={line} onChanged={setAnnouncement} />
        ))}
      </ul>
      <p className="flex justify-between text-lg font-semibold">
        <span>
          Subtotal ({itemCount} {itemCount === 1 ? "item" : "items"})
        </span>
        <span data-testid="cart-subtotal">{formatCents(subtotalCents)}</span>
      </p>
      {totals ? (
        <section aria-label="Taxes and total" className="-mt-4">
          <CartTotalsList totals={totals} totalTestId="cart-total" />
        </section>
      ) : (
        <p className="-mt-4 text-sm text-stone-600">
          {locationId
            ? "Taxes and any delivery fee are added at checkout."
            : "Taxes and any delivery fee are calculated once you pick a location."}
        </p>
      )}
      <CartPromotions cart={cart.data} onChanged={setAnnouncement} />
      <FulfillmentForm cart={cart.data} onSaved={setAnnouncement} />
      <CheckoutReadiness purchaser="adult_use" signedIn={signedIn} />
      {shortLines.length ? (
        <Notice tone="error">
          Some items are short at this location. Lower their quantity or choose another location.
        </Notice>
      ) : null}
      {locationId ? (
        <Link href={checkoutHref} className={primaryLink}>
          {signedIn ? "Check out" : "Sign in to check out"}
        </Link>
      ) : (
        <p className="text-sm text-stone-700">Choose a location above to check out.</p>
      )}
      <CartRecommendations productIds={lines.map((l) => l.productId)} locationId={locationId} />
    </div>
  );
}
