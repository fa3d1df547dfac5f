"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { Button } from "@cannasaas/ui/button";
import { Form, FormField, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { couponEntrySchema } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { formatCents } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";
import type { CartData } from "./cart-line-item";

const couponSchema = z.object({ code: couponEntrySchema });

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
  const form = useZodForm(couponSchema, { defaultValues: { code: "" } });
  const code = form.watch("code");
  const refresh = () => queryClient.invalidateQueries(trpc.cart.pathFilter());
  const apply = useMutation(trpc.cart.applyCoupon.mutationOptions());
  const remove = useMutation(
    trpc.cart.removeCoupon.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onChanged("Coupon removed.");
      },
    }),
  );
  const promotions = cart.promotions;

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
        <Form
          form={form}
          className="flex flex-wrap items-start gap-2"
          showRootError={false}
          // The store's refusal (expired, used up, another menu) is about the code: it shows under it.
          describeError={(error) => ({ message: "", fields: { code: describeError(error).message } })}
          onSubmit={async (values) => {
            const result = await apply.mutateAsync(values);
            form.reset();
            await refresh();
            onChanged(`Code ${result.code} added: ${result.promotionName}.`);
          }}
        >
          <FormField
            label="Coupon code"
            name="code"
            autoComplete="off"
            autoCapitalize="characters"
            className="min-w-48 flex-1"
          />
          <FormSubmit variant="secondary" pending="Checking…" disabled={!code.trim()} className="sm:mt-6">
            Apply
          </FormSubmit>
        </Form>
      )}
    </section>
  );
}
