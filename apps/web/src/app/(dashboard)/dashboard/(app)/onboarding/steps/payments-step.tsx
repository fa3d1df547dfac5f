"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { useTRPC } from "~/lib/trpc/client";
import { errorOf, useAfterSave } from "../use-step";

type Method = "cash" | "debit";
const METHODS: [Method, string, string][] = [
  ["cash", "Cash", "Paid at pickup or at the door."],
  ["debit", "Debit card (PIN)", "On your terminal at pickup or at the door."],
];

export function PaymentsStep({ initial }: { initial: Method[] }) {
  const trpc = useTRPC();
  const done = useAfterSave();
  const [methods, setMethods] = useState<Method[]>(initial);
  const save = useMutation(trpc.onboarding.savePayments.mutationOptions({ onSuccess: done }));
  const failure = errorOf(save.error);
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ methods });
      }}
    >
      <p className="text-stone-700">
        Shoppers pay when they collect or receive their order; card networks do not process cannabis sales, so
        nothing is charged online. Checkout offers only the methods you accept.
      </p>
      {failure ? <Notice tone="error">{failure.message}</Notice> : null}
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">Methods you accept</legend>
        {METHODS.map(([id, label, hint]) => (
          <label key={id} className="flex min-h-11 items-start gap-3 rounded-lg border border-stone-300 p-3">
            <input
              type="checkbox"
              className="mt-1 size-4"
              checked={methods.includes(id)}
              onChange={(e) => setMethods((m) => (e.target.checked ? [...m, id] : m.filter((x) => x !== id)))}
            />
            <span>
              <span className="font-medium">{label}</span>
              <span className="block text-sm text-stone-600">{hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save and continue"}
      </Button>
    </form>
  );
}
