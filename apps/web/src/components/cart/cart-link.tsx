"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/lib/trpc/client";

/** The header's cart link with the number of items; refreshed whenever a cart mutation invalidates cart.get. */
export function CartLink() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.cart.get.queryOptions());
  const count = data?.itemCount ?? 0;
  return (
    <Link
      href="/cart"
      className="inline-flex min-h-11 items-center gap-2 rounded-md px-2 py-1 hover:bg-black/15"
    >
      {/* The name is the visible text ("Cart 2") plus a hidden unit, so voice control finds it by what it shows. */}
      Cart
      <span className="min-w-6 rounded-full bg-white px-1.5 text-center text-xs font-bold text-brand">
        {count}
        <span className="sr-only">{count === 1 ? " item" : " items"}</span>
      </span>
    </Link>
  );
}
