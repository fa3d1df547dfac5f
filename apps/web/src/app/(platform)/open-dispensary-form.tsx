"use client";
import { useRef, useState } from "react";
import Link from "next/link";
import { Notice } from "@cannasaas/ui/card";
import { useWatch } from "react-hook-form";
import { Form, FormField, FormItem, FormSubmit, applyServerError, useZodForm } from "@cannasaas/ui/form";
import { dispensarySignUpSchema, slugify } from "@cannasaas/validators";
import { openDispensaryAction } from "~/server/actions/onboarding";

/** The sign-up for a new dispensary: the owner's account, the store's name, address and state. */
export function OpenDispensaryForm({
  states,
  rootDomain,
}: {
  states: [code: string, name: string][];
  rootDomain: string;
}) {
  const form = useZodForm(dispensarySignUpSchema, {
    defaultValues: { ownerName: "", email: "", password: "", dispensaryName: "", slug: "", state: "" },
  });
  const slug = useWatch({ control: form.control, name: "slug" });
  // The address follows the dispensary's name until the owner edits it.
  const slugTouched = useRef(false);
  const [sent, setSent] = useState<string | null>(null);
  const submit = async (values: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(values)) data.set(name, value);
    const answer = await openDispensaryAction(null, data);
    if (answer?.error) applyServerError(form, { message: answer.error, fields: answer.fields ?? {} });
    else if (answer?.message) setSent(answer.message);
  };
  if (sent) {
    return (
      <Notice tone="success">
        {sent} Already confirmed?{" "}
        <Link href="/dashboard/sign-in" className="underline">
          Sign in
        </Link>
        .
      </Notice>
    );
  }
  return (
    <Form form={form} onSubmit={submit} aria-describedby="open-intro">
      <FormField label="Your name" name="ownerName" autoComplete="name" required />
      <FormField label="Work email" name="email" type="email" autoComplete="email" required />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
      />
      <FormField
        label="Dispensary name"
        name="dispensaryName"
        required
        rules={{
          onChange: (event: { target: { value: string } }) => {
            if (!slugTouched.current) form.setValue("slug", slugify(event.target.value, { maxLength: 40 }));
          },
        }}
      />
      <FormField
        label="Storefront address"
        name="slug"
        required
        rules={{
          onChange: (event: { target: { value: string } }) => {
            slugTouched.current = true;
            const lower = event.target.value.toLowerCase();
            if (lower !== event.target.value) form.setValue("slug", lower);
          },
        }}
        hint={`Shoppers will find you at ${slug || "your-store"}.${rootDomain}`}
        autoCapitalize="none"
        spellCheck={false}
      />
      <FormItem name="state" label="State you are licensed in">
        {(control) => (
          <select
            {...control}
            required
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base"
          >
            <option value="" disabled>
              Choose a state
            </option>
            {states.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        )}
      </FormItem>
      <FormSubmit pending="Opening your dispensary…">Open your dispensary</FormSubmit>
      <p className="text-xs text-stone-600">14-day free trial on the Starter plan. No card needed.</p>
    </Form>
  );
}
