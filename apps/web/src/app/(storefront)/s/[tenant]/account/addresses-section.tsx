"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@cannasaas/ui/button";
import { Card, Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { describeError } from "~/components/auth/errors";
import { formText } from "~/lib/form";
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
  const failure = add.error ? describeError(add.error) : null;
  const actionError = remove.error ?? setDefault.error;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => formText(form, name);
    add.mutate(
      {
        label: field("label"),
        line1: field("line1"),
        line2: field("line2"),
        city: field("city"),
        state: field("state"),
        postalCode: field("postalCode"),
      },
      { onSuccess: () => setAdding(false) },
    );
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
        <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" noValidate>
          {failure ? (
            <Notice tone="error" className="sm:col-span-2">
              {failure.message}
            </Notice>
          ) : null}
          <Field label="Label (optional)" name="label" placeholder="Home" error={failure?.fields.label} />
          <Field
            label="Street address"
            name="line1"
            autoComplete="address-line1"
            required
            error={failure?.fields.line1}
          />
          <Field
            label="Apartment, suite (optional)"
            name="line2"
            autoComplete="address-line2"
            error={failure?.fields.line2}
          />
          <Field
            label="City"
            name="city"
            autoComplete="address-level2"
            required
            error={failure?.fields.city}
          />
          <Field
            label="State"
            name="state"
            autoComplete="address-level1"
            maxLength={2}
            required
            error={failure?.fields.state}
          />
          <Field
            label="ZIP code"
            name="postalCode"
            autoComplete="postal-code"
            inputMode="numeric"
            required
            error={failure?.fields.postalCode}
          />
          <div className="flex gap-2 sm:col-span-2">
            <Button type="submit" disabled={add.isPending}>
              Save address
            </Button>
            <Button variant="ghost" onClick={() => setAdding(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="secondary" className="self-start" onClick={() => setAdding(true)}>
          Add an address
        </Button>
      )}
    </Card>
  );
}
