"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import type { FormEvent } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { useTRPC } from "~/lib/trpc/client";
import { describeError } from "./errors";
import { formText } from "~/lib/form";

export function SignUpForm({ minimumAge }: { minimumAge: number }) {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const failure = signUp.error ? describeError(signUp.error) : null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signUp.mutate({
      name: formText(form, "name"),
      email: formText(form, "email"),
      password: formText(form, "password"),
      dateOfBirth: formText(form, "dateOfBirth"),
      marketingEmailConsent: form.get("marketingEmailConsent") === "on",
    });
  };

  if (signUp.isSuccess) {
    return (
      <Notice tone="success">
        {signUp.data.message} Once confirmed,{" "}
        <Link href="/sign-in" className="underline">
          sign in
        </Link>
        .
      </Notice>
    );
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {failure ? <Notice tone="error">{failure.message}</Notice> : null}
      <Field label="Full name" name="name" autoComplete="name" required error={failure?.fields.name} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={failure?.fields.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
        error={failure?.fields.password}
      />
      <Field
        label="Date of birth"
        name="dateOfBirth"
        type="date"
        autoComplete="bday"
        hint={`You must be ${minimumAge} or older. We check ID at pickup.`}
        required
        error={failure?.fields.dateOfBirth}
      />
      <label className="flex items-start gap-3 text-sm text-stone-700">
        <input type="checkbox" name="marketingEmailConsent" className="mt-1 size-4" />
        Email me deals and new arrivals (optional; you can unsubscribe any time).
      </label>
      <Button type="submit" disabled={signUp.isPending}>
        {signUp.isPending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
