"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useFormContext } from "react-hook-form";
import { FieldError, useFieldError } from "@cannasaas/ui/form";
import type { CheckoutInput } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { formatSlot, formatSlotDay } from "~/lib/slots";
import { useTRPC } from "~/lib/trpc/client";

/**
 * The pickup time or delivery window, from the times the location offers now (its hours and lead time, on its
 * clock). The earliest is chosen for the shopper, so "as soon as possible" is one press away.
 */
export function SlotPicker() {
  const trpc = useTRPC();
  const slots = useQuery(trpc.checkout.slots.queryOptions());
  const { register, setValue, getValues } = useFormContext<CheckoutInput>();
  const error = useFieldError("slotStartsAt");
  const first = slots.data?.slots[0]?.startsAt;
  useEffect(() => {
    const chosen = getValues("slotStartsAt");
    const offered = slots.data?.slots.some((s) => s.startsAt === chosen);
    if (first && !offered) setValue("slotStartsAt", first);
  }, [first, slots.data, getValues, setValue]);

  const pickup = slots.data?.fulfillment !== "delivery";
  const label = pickup ? "Pickup time" : "Delivery window";
  if (slots.isPending) return <p role="status">Loading {label.toLowerCase()}s…</p>;
  if (slots.isError) return <p role="alert">{describeError(slots.error).message}</p>;
  const { timeZone } = slots.data;
  if (!slots.data.slots.length)
    return (
      <p role="alert" className="rounded-lg bg-amber-50 p-3 text-amber-900">
        This location has no {label.toLowerCase()}s in the next 7 days. Choose another location in your cart.
      </p>
    );
  const days = new Map<string, typeof slots.data.slots>();
  for (const s of slots.data.slots) days.set(s.day, [...(days.get(s.day) ?? []), s]);
  // The store's calendar day now, to name "Today" and "Tomorrow".
  const storeToday = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="slotStartsAt" className="font-semibold">
        {label}
      </label>
      <p id="slotStartsAt-note" className="text-sm text-stone-600">
        Times are the store&apos;s local time. The earliest is chosen for you.
      </p>
      <select
        id="slotStartsAt"
        {...register("slotStartsAt")}
        aria-describedby={`slotStartsAt-note${error ? " slotStartsAt-error" : ""}`}
        aria-invalid={error ? true : undefined}
        className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base focus:border-brand focus:ring-2 focus:ring-brand/30"
      >
        {[...days.entries()].map(([day, list]) => (
          <optgroup key={day} label={formatSlotDay(day, storeToday)}>
            {list.map((s) => (
              <option key={s.startsAt} value={s.startsAt}>
                {formatSlot(s, slots.data.fulfillment, timeZone)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <FieldError id="slotStartsAt-error" message={error} />
    </div>
  );
}
