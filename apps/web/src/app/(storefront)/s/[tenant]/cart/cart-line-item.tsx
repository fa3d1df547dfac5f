"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@cannasaas/api";
import { useHydrated } from "@cannasaas/ui/form";
import { describeError } from "~/components/auth/errors";
import { QuantityStepper } from "~/components/cart/quantity-stepper";
import { formatCents } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";

export type CartData = inferRouterOutputs<AppRouter>["cart"]["get"];
type Line = CartData["lines"][number];

export function CartLineItem({ line, onChanged }: { line: Line; onChanged: (message: string) => void }) {
  const trpc = useTRPC();
  // Locked until hydrated: hydration undoes a change made before it, and may then save the undone value.
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const name = `${line.productName} (${line.variantName})`;
  const refresh = () => queryClient.invalidateQueries(trpc.cart.pathFilter());
  const update = useMutation(
    trpc.cart.update.mutationOptions({
      onSuccess: async (data, input) => {
        await refresh();
        onChanged([`${name}: quantity ${input.quantity}.`, ...data.limitWarnings].join(" "));
      },
    }),
  );
  const remove = useMutation(
    trpc.cart.remove.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onChanged(`${name} removed from your cart.`);
      },
    }),
  );
  const error = update.error ?? remove.error;
  const short = line.available !== null && line.quantity > line.available;
  return (
    <li className="flex flex-col gap-3 rounded-xl bg-white p-4 shadow-sm sm:flex-row sm:items-end sm:justify-between">
      <div className="flex flex-col gap-1">
        <p className="font-semibold">{line.productName}</p>
        <p className="text-sm text-stone-600">
          {line.variantName} · {formatCents(line.unitPriceCents)} each
        </p>
        {short ? (
          <p className="text-sm font-medium text-amber-800">
            {line.available === 0
              ? "Sold out at this location."
              : `Only ${line.available} available at this location.`}
          </p>
        ) : null}
        {update.data?.limitWarnings.length ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {update.data.limitWarnings.join(" ")}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {describeError(error).message}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <QuantityStepper
          label={`Quantity of ${name}`}
          value={line.quantity}
          disabled={!hydrated || update.isPending || remove.isPending}
          onChange={(quantity) => update.mutate({ variantId: line.variantId, quantity })}
        />
        <p className="min-w-20 text-right font-semibold">{formatCents(line.subtotalCents)}</p>
        <button
          type="button"
          onClick={() => remove.mutate({ variantId: line.variantId })}
          disabled={remove.isPending}
          className="min-h-11 rounded-lg px-3 text-sm font-medium text-red-700 underline underline-offset-4 hover:bg-red-50"
        >
          {remove.isPending ? "Removing…" : "Remove"}
          <span className="sr-only"> {name}</span>
        </button>
      </div>
    </li>
  );
}
