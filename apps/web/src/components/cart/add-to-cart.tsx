"use client";
import { track } from "~/lib/analytics/beacon";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { describeError } from "~/components/auth/errors";
import { formatCents } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";
import { QuantityStepper } from "./quantity-stepper";

export type AddToCartVariant = { id: string; name: string; priceCents: number; available: number };

/** Variant choice, quantity and "Add to cart"; the header's cart count updates on success. */
export function AddToCart({ variants }: { variants: AddToCartVariant[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [variantId, setVariantId] = useState(variants.find((v) => v.available > 0)?.id ?? variants[0]?.id);
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation(
    trpc.cart.add.mutationOptions({
      onSuccess: async () => {
        track("add_to_cart");
        const variant = variants.find((v) => v.id === variantId);
        setAdded(`Added ${quantity} × ${variant?.name ?? "item"} to your cart.`);
        await queryClient.invalidateQueries(trpc.cart.pathFilter());
      },
      onError: () => setAdded(null),
    }),
  );
  const selected = variants.find((v) => v.id === variantId);
  const max = Math.max(1, Math.min(99, selected?.available ?? 99));
  const soldOut = !selected || selected.available <= 0;

  if (variants.length === 0) return <p className="text-sm text-stone-600">Not available to order online.</p>;
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (variantId) add.mutate({ variantId, quantity: Math.min(quantity, max) });
      }}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-stone-800">Size</legend>
        <div className="flex flex-wrap gap-2">
          {variants.map((v) => (
            <label
              key={v.id}
              className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-stone-300 bg-white px-3 text-sm has-[:checked]:border-brand has-[:checked]:ring-2 has-[:checked]:ring-brand/30 has-[:disabled]:opacity-50"
            >
              <input
                type="radio"
                name={`${id}-variant`}
                value={v.id}
                checked={v.id === variantId}
                disabled={v.available <= 0}
                onChange={() => {
                  setVariantId(v.id);
                  setQuantity(1);
                }}
              />
              <span>
                {v.name} · {formatCents(v.priceCents)}
                {v.available <= 0 ? " · sold out" : ""}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {/* On phones the quantity and button ride along at the bottom of the screen while the shopper reads on. */}
      <div
        data-phone-bar
        data-testid="add-to-cart-bar"
        className="flex flex-wrap items-end gap-3 max-sm:fixed max-sm:inset-x-0 max-sm:bottom-0 max-sm:z-20 max-sm:flex-nowrap max-sm:items-center max-sm:justify-between max-sm:border-t max-sm:border-stone-200 max-sm:bg-white max-sm:p-3 max-sm:shadow-[0_-4px_12px_rgb(0_0_0/0.08)]"
      >
        <QuantityStepper
          label="Quantity"
          value={quantity}
          max={max}
          onChange={setQuantity}
          disabled={soldOut}
        />
        <Button type="submit" disabled={soldOut || add.isPending}>
          {add.isPending ? "Adding…" : soldOut ? "Sold out" : "Add to cart"}
        </Button>
      </div>
      <div aria-live="polite" className="text-sm">
        {added ? (
          <p className="text-emerald-800">
            {added}{" "}
            <Link href="/cart" className="font-semibold underline underline-offset-4">
              View cart
            </Link>
          </p>
        ) : null}
      </div>
      {add.data?.limitWarnings.length ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {add.data.limitWarnings.join(" ")}
        </p>
      ) : null}
      {add.error ? (
        <p role="alert" className="text-sm text-red-700">
          {describeError(add.error).message}
        </p>
      ) : null}
    </form>
  );
}
