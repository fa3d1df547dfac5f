"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatCents } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";

/**
 * On phones, once the cart holds something, a bar pinned to the bottom of the menu with the count, the
 * subtotal and the way to the cart, so the shopper never scrolls back up to the header to check out.
 * `data-phone-bar` lets the layout make room for it (the storefront layout pads its bottom and lifts the
 * assistant's button).
 */
export function PhoneCartBar() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.cart.get.queryOptions());
  if (!data || data.itemCount === 0) return null;
  return (
    <div
      data-phone-bar
      data-testid="phone-cart-bar"
      className="fixed inset-x-0 bottom-0 z-20 border-t border-stone-200 bg-white p-3 shadow-[0_-4px_12px_rgb(0_0_0/0.08)] sm:hidden"
    >
      <Link
        href="/cart"
        className="flex min-h-12 items-center justify-between rounded-xl bg-brand px-4 font-semibold text-white"
      >
        <span>
          View cart · {data.itemCount} {data.itemCount === 1 ? "item" : "items"}
        </span>
        <span>{formatCents(data.subtotalCents)}</span>
      </Link>
    </div>
  );
}
