"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { Notice } from "@cannasaas/ui/card";
import { Form, FormCheckbox, FormField, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { shopperSignUpSchema } from "@cannasaas/validators";
import { useTRPC } from "~/lib/trpc/client";
import { describeError } from "./errors";

export function SignUpForm({ minimumAge }: { minimumAge: number }) {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const form = useZodForm(shopperSignUpSchema, {
    defaultValues: { name: "", email: "", password: "", dateOfBirth: "", marketingEmailConsent: false },
  });

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
    <Form form={form} onSubmit={(values) => signUp.mutateAsync(values)} describeError={describeError}>
      <FormField label="Full name" name="name" autoComplete="name" required />
      <FormField label="Email" name="email" type="email" autoComplete="email" required />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
      />
      <FormField
        label="Date of birth"
        name="dateOfBirth"
        type="date"
        autoComplete="bday"
        hint={`You must be ${minimumAge} or older. We check ID at pickup.`}
        required
      />
      <FormCheckbox
        name="marketingEmailConsent"
        label="Email me deals and new arrivals (optional; you can unsubscribe any time)."
      />
      <FormSubmit pending="Creating account…">Create account</FormSubmit>
    </Form>
  );
}
