"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import { Button } from "@cannasaas/ui/button";
import { Card, Notice } from "@cannasaas/ui/card";
import { Form, FormField, FormRootError, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { shopperAddressSchema } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

export function AddressesSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const addresses = useQuery(trpc.shopperAccount.addresses.list.queryOptions());
  const refresh = {
    onSuccess: () => queryClient.invalidateQueries(trpc.shopperAccount.addresses.pathFilter()),
  };
  const add = useMutation(trpc.shopperAccount.addresses.add.mutationOptions(refresh));
  const remove = useMutation(trpc.shopperAccount.addresses.remove.mutationOptions(refresh));
  const setDefault = useMutation(trpc.shopperAccount.addresses.setDefault.mutationOptions(refresh));
  const [adding, setAdding] = useState(false);
  const actionError = remove.error ?? setDefault.error;
  const form = useZodForm(shopperAddressSchema, {
    defaultValues: { label: "", line1: "", line2: "", city: "", state: "", postalCode: "" },
  });
  const submit = async (values: z.input<typeof shopperAddressSchema>) => {
    await add.mutateAsync(values);
    form.reset();
    setAdding(false);
  };

  return (
    <Card className="flex flex-col gap-3 p-5">
      <h2 className="text-lg font-semibold">Delivery addresses</h2>
      {actionError ? <Notice tone="error">{describeError(actionError).message}</Notice> : null}
      {addresses.data?.length === 0 ? <p className="text-stone-700">No saved addresses yet.</p> : null}
      <ul className="flex flex-col gap-2">
        {addresses.data?.map((a) => (
          <li
            key={a.id}
            className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-stone-200 p-3"
          >
            <div>
              <p className="font-medium">
                {a.label ?? a.line1}{" "}
                {a.isDefault ? <span className="ml-1 text-xs text-emerald-800">Default</span> : null}
              </p>
              <p className="text-sm text-stone-700">
                {[a.line1, a.line2, `${a.city}, ${a.state} ${a.postalCode}`].filter(Boolean).join(", ")}
              </p>
            </div>
            <div className="flex gap-2">
              {a.isDefault ? null : (
                <Button variant="ghost" onClick={() => setDefault.mutate({ addressId: a.id })}>
                  Make default
                </Button>
              )}
              <Button variant="secondary" onClick={() => remove.mutate({ addressId: a.id })}>
                Remove
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {adding ? (
        <Form
          form={form}
          onSubmit={submit}
          describeError={describeError}
          showRootError={false}
          className="grid gap-3 sm:grid-cols-2"
        >
          <FormRootError className="sm:col-span-2" />
          <FormField label="Label (optional)" name="label" placeholder="Home" />
          <FormField label="Street address" name="line1" autoComplete="address-line1" required />
          <FormField label="Apartment, suite (optional)" name="line2" autoComplete="address-line2" />
          <FormField label="City" name="city" autoComplete="address-level2" required />
          <FormField label="State" name="state" autoComplete="address-level1" maxLength={2} required />
          <FormField
            label="ZIP code"
            name="postalCode"
            autoComplete="postal-code"
            inputMode="numeric"
            required
          />
          <div className="flex gap-2 sm:col-span-2">
            <FormSubmit>Save address</FormSubmit>
            <Button variant="ghost" onClick={() => setAdding(false)}>
              Cancel
            </Button>
          </div>
        </Form>
      ) : (
        <Button variant="secondary" className="self-start" onClick={() => setAdding(true)}>
          Add an address
        </Button>
      )}
    </Card>
  );
}
