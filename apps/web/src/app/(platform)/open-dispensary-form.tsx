"use client";
import { useActionState, useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { openDispensaryAction } from "~/server/actions/onboarding";

const toSlug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);

/** The sign-up for a new dispensary: the owner's account, the store's name, address and state. */
export function OpenDispensaryForm({
  states,
  rootDomain,
}: {
  states: [code: string, name: string][];
  rootDomain: string;
}) {
  const [state, action, pending] = useActionState(openDispensaryAction, null);
  const [slug, setSlug] = useState(state?.values?.slug ?? "");
  const [slugTouched, setSlugTouched] = useState(false);
  // Controlled, so the choice survives the form reset React does after a refused submission.
  const [usState, setUsState] = useState(state?.values?.state ?? "");
  const fields = state?.fields ?? {};
  return (
    <form action={action} className="flex flex-col gap-4" noValidate aria-describedby="open-intro">
      {state?.error ? <Notice tone="error">{state.error}</Notice> : null}
      <Field
        label="Your name"
        name="ownerName"
        autoComplete="name"
        required
        defaultValue={state?.values?.ownerName}
        error={fields.ownerName}
      />
      <Field
        label="Work email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state?.values?.email}
        error={fields.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
        error={fields.password}
      />
      <Field
        label="Dispensary name"
        name="dispensaryName"
        required
        defaultValue={state?.values?.dispensaryName}
        error={fields.dispensaryName}
        onChange={(event) => {
          if (!slugTouched) setSlug(toSlug(event.target.value));
        }}
      />
      <Field
        label="Storefront address"
        name="slug"
        required
        value={slug}
        onChange={(event) => {
          setSlugTouched(true);
          setSlug(event.target.value.toLowerCase());
        }}
        hint={`Shoppers will find you at ${slug || "your-store"}.${rootDomain}`}
        error={fields.slug}
        autoCapitalize="none"
        spellCheck={false}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor="open-state" className="text-sm font-medium text-stone-800">
          State you are licensed in
        </label>
        <select
          id="open-state"
          name="state"
          required
          value={usState}
          onChange={(event) => setUsState(event.target.value)}
          aria-invalid={fields.state ? true : undefined}
          aria-describedby={fields.state ? "open-state-error" : undefined}
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
        {fields.state ? (
          <p id="open-state-error" role="alert" className="text-sm text-red-700">
            {fields.state}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Opening your dispensary…" : "Open your dispensary"}
      </Button>
      <p className="text-xs text-stone-600">14-day free trial on the Starter plan. No card needed.</p>
    </form>
  );
}
