"use client";
import { track } from "~/lib/analytics/beacon";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import {
  FieldError,
  Form,
  FormItem,
  FormRootError,
  FormSubmit,
  useFieldError,
  useZodForm,
} from "@cannasaas/ui/form";
import { checkoutSchema, type CheckoutInput, type InPersonPaymentMethod } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { CheckoutReadiness } from "../cart/checkout-readiness";
import { OrderReview } from "./order-review";
import { SlotPicker } from "./slot-picker";
import { shownQuote } from "./shown-quote";

const option =
  "flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-stone-300 bg-white p-3 has-[:checked]:border-brand has-[:checked]:ring-2 has-[:checked]:ring-brand/30";

/**
 * Sends choices (purchaser, time, payment, notes) and the total the review showed: the server prices, taxes
 * and checks the order itself, and refuses it, saying what changed, if it would cost anything else.
 */
export function CheckoutForm({
  medicalEnabled,
  paymentMethods,
}: {
  medicalEnabled: boolean;
  paymentMethods: InPersonPaymentMethod[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useZodForm(checkoutSchema, {
    defaultValues: { purchaser: "adult_use", paymentMethod: paymentMethods[0] ?? "cash", notes: "" },
  });
  // The review prices the cart for whoever is buying, as checkout will.
  const purchaser = useWatch({ control: form.control, name: "purchaser" }) ?? "adult_use";
  // Placing waits for the store's times. The picker puts the earliest in the form, but a value set from an
  // effect does not always reach a watcher, so the button follows the times themselves and an untouched
  // picker (which shows the earliest) sends the earliest.
  const slots = useQuery(trpc.checkout.slots.queryOptions());
  const earliest = slots.data?.slots[0]?.startsAt;
  const place = useMutation(
    trpc.checkout.place.mutationOptions({
      onSuccess: async ({ orderId }) => {
        track("order_placed");
        await queryClient.invalidateQueries(trpc.cart.pathFilter());
        router.push(`/orders/${orderId}`);
      },
      // Whatever changed (a price, a time, the cart) shows in the review and the picker at once.
      onError: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.cart.pathFilter()),
          queryClient.invalidateQueries(trpc.checkout.slots.pathFilter()),
        ]),
    }),
  );

  return (
    <Form
      form={form}
      className="flex flex-col gap-6"
      showRootError={false}
      describeError={describeError}
      onSubmit={async (values: CheckoutInput) => {
        const review = queryClient.getQueryData(trpc.cart.get.queryKey({ purchaser }));
        await place.mutateAsync({
          ...values,
          slotStartsAt: values.slotStartsAt || earliest,
          notes: values.notes?.trim() || undefined,
          shown: review ? shownQuote(review) : undefined,
        });
      }}
    >
      <OrderReview purchaser={purchaser} />
      <SlotPicker />
      {medicalEnabled ? (
        <RadioGroup name="purchaser" legend="Buying as">
          <Radio name="purchaser" value="adult_use">
            Adult-use (21+)
          </Radio>
          <Radio name="purchaser" value="medical">
            Registered medical patient (needs an approved medical card)
          </Radio>
        </RadioGroup>
      ) : null}
      <RadioGroup
        name="paymentMethod"
        legend="Payment"
        note="You pay when you collect or receive your order. Card networks do not process cannabis purchases, so nothing is charged online."
      >
        {paymentMethods.includes("cash") ? (
          <Radio name="paymentMethod" value="cash">
            Cash
          </Radio>
        ) : null}
        {paymentMethods.includes("debit") ? (
          <Radio name="paymentMethod" value="debit">
            Debit card (PIN) in store or at the door
          </Radio>
        ) : null}
      </RadioGroup>
      <FormItem name="notes" label="Notes for the store (optional)">
        {(control) => (
          <textarea
            {...control}
            maxLength={500}
            rows={3}
            className="rounded-lg border border-stone-300 bg-white p-3 text-base focus:border-brand focus:ring-2 focus:ring-brand/30"
          />
        )}
      </FormItem>
      <CheckoutReadiness purchaser={purchaser} signedIn />
      <FormRootError />
      <FormSubmit pending="Placing your order…" disabled={place.isSuccess || !earliest}>
        Place order
      </FormSubmit>
    </Form>
  );
}

/** A fieldset of radios for one field, with an optional note under the legend and the field's error. */
function RadioGroup({
  name,
  legend,
  note,
  children,
}: {
  name: keyof CheckoutInput;
  legend: string;
  note?: string;
  children: ReactNode;
}) {
  const error = useFieldError(name);
  const describedBy = [note ? `${name}-note` : null, error ? `${name}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={describedBy || undefined}>
      <legend className="mb-1 font-semibold">{legend}</legend>
      {note ? (
        <p id={`${name}-note`} className="text-sm text-stone-600">
          {note}
        </p>
      ) : null}
      {children}
      <FieldError id={`${name}-error`} message={error} />
    </fieldset>
  );
}

function Radio({ name, value, children }: { name: keyof CheckoutInput; value: string; children: ReactNode }) {
  const { register } = useFormContext<CheckoutInput>();
  return (
    <label className={option}>
      <input type="radio" value={value} {...register(name)} />
      {children}
    </label>
  );
}
