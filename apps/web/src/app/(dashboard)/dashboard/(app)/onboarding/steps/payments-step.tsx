"use client";
import { useMutation } from "@tanstack/react-query";
import { Form, FormCheckboxGroup, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { paymentsSchema } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { useAfterSave } from "../use-step";

type Method = "cash" | "debit";
const METHODS: [Method, string, string][] = [
  ["cash", "Cash", "Paid at pickup or at the door."],
  ["debit", "Debit card (PIN)", "On your terminal at pickup or at the door."],
];

export function PaymentsStep({ initial }: { initial: Method[] }) {
  const trpc = useTRPC();
  const done = useAfterSave();
  const save = useMutation(trpc.onboarding.savePayments.mutationOptions({ onSuccess: done }));
  const form = useZodForm(paymentsSchema, { defaultValues: { methods: initial } });
  return (
    <Form form={form} onSubmit={(values) => save.mutateAsync(values)} describeError={describeError}>
      <p className="text-stone-700">
        Shoppers pay when they collect or receive their order; card networks do not process cannabis sales, so
        nothing is charged online. Checkout offers only the methods you accept.
      </p>
      <FormCheckboxGroup
        name="methods"
        legend="Methods you accept"
        legendClassName="mb-1 font-medium"
        optionClassName="flex min-h-11 items-start gap-3 rounded-lg border border-stone-300 p-3"
        options={METHODS.map(([value, label, hint]) => ({
          value,
          label: (
            <>
              <span className="font-medium">{label}</span>
              <span className="block text-sm text-stone-600">{hint}</span>
            </>
          ),
        }))}
      />
      <FormSubmit pending="Saving…">Save and continue</FormSubmit>
    </Form>
  );
}
