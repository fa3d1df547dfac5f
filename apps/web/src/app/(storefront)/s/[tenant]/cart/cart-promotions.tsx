"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@cannasaas/ui/button";
import { Field } from "@cannasaas/ui/field";
import { describeError } from "~/components/auth/errors";
import { formatCents } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";
import type { CartData } from "./cart-line-item";

/**
 * The deals on this cart as the server decided them (what applied, what was not combined and why), and the
 * coupon field. A refused code shows the server's reason: expired, used up, another store, another menu.
 */
export function CartPromotions({
  cart,
  onChanged,
}: {
  cart: CartData;
  onChanged: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [code, setCode] = useState("");
  const refresh = () => queryClient.invalidateQueries(trpc.cart.pathFilter());
  const apply = useMutation(
    trpc.cart.applyCoupon.mutationOptions({
      onSuccess: async (result) => {
        setCode("");
        await refresh();
        onChanged(`Code ${result.code} added: ${result.promotionName}.`);
      },
    }),
  );
  const remove = useMutation(
    trpc.cart.removeCoupon.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onChanged("Coupon removed.");
      },
    }),
  );
  const promotions = cart.promotions;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply.mutate({ code });
  };

  return (
    <section
      aria-labelledby="deals-heading"
      className="flex flex-col gap-3 rounded-xl bg-white p-4 shadow-sm"
    >
      <h2 id="deals-heading" className="text-lg font-semibold">
        Deals and coupons
      </h2>
      {promotions?.applied.length ? (
        <ul className="flex flex-col gap-1 text-sm" aria-label="Deals applied">
          {promotions.applied.map((a) => (
            <li key={a.promotionId} className="flex justify-between text-green-800">
              <span>{a.name}</span>
              <span>−{formatCents(a.discountCents)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-stone-600">No deals apply to this cart right now.</p>
      )}
      {promotions?.explanation ? (
        <p className="text-sm text-stone-700" data-testid="deals-explanation">
          {promotions.explanation}.
        </p>
      ) : null}
      {promotions?.hints.map((hint) => (
        <p key={hint} className="text-sm text-amber-800">
          {hint}
        </p>
      ))}
      {promotions?.coupon ? (
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span>
            Code <strong>{promotions.coupon.code}</strong>
            {promotions.coupon.applied ? " applied" : " added (not applied to this cart yet)"}
          </span>
          <Button variant="ghost" onClick={() => remove.mutate()} disabled={remove.isPending}>
            Remove code
          </Button>
        </div>
      ) : (
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2" noValidate>
          <Field
            label="Coupon code"
            name="code"
            value={code}
            autoComplete="off"
            autoCapitalize="characters"
            onChange={(e) => {
              setCode(e.target.value);
              apply.reset();
            }}
            error={apply.error ? describeError(apply.error).message : null}
            className="min-w-48 flex-1"
          />
          <Button type="submit" variant="secondary" disabled={apply.isPending || !code.trim()}>
            {apply.isPending ? "Checking…" : "Apply"}
          </Button>
        </form>
      )}
    </section>
  );
}
