"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Form, FormField, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { passwordResetRequestSchema } from "@cannasaas/validators";
import { newPasswordFormSchema } from "@cannasaas/validators/forms";
import { useTRPC } from "~/lib/trpc/client";
import { describeError } from "./errors";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions());
  const form = useZodForm(passwordResetRequestSchema, { defaultValues: { email: "" } });
  if (request.isSuccess) return <Notice tone="success">{request.data.message}</Notice>;
  return (
    <Form form={form} onSubmit={(values) => request.mutateAsync(values)} describeError={describeError}>
      <FormField label="Email" name="email" type="email" autoComplete="email" required />
      <FormSubmit pending="Sending…">Send reset link</FormSubmit>
    </Form>
  );
}

export function ResetPasswordForm({ token, signInHref }: { token: string; signInHref: string }) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.account.resetPassword.mutationOptions());
  const form = useZodForm(newPasswordFormSchema, { defaultValues: { password: "", confirm: "" } });
  if (reset.isSuccess) {
    return (
      <Notice tone="success">
        Your password has been changed.{" "}
        <Link href={signInHref} className="underline">
          Sign in
        </Link>{" "}
        with it now.
      </Notice>
    );
  }
  return (
    <Form
      form={form}
      onSubmit={({ password }) => reset.mutateAsync({ token, password })}
      describeError={describeError}
    >
      <FormField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
      />
      <FormField
        label="Repeat new password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
      />
      <FormSubmit pending="Saving…">Set new password</FormSubmit>
    </Form>
  );
}

/** Verification happens on a button press, not on page load, so mail scanners that open links cannot use it up. */
export function VerifyEmailButton({ token, signInHref }: { token: string; signInHref: string }) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.account.verifyEmail.mutationOptions());
  if (verify.isSuccess) {
    return (
      <Notice tone="success">
        Your email is confirmed.{" "}
        <Link href={signInHref} className="underline">
          Sign in
        </Link>
        .
      </Notice>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {verify.error ? <Notice tone="error">{describeError(verify.error).message}</Notice> : null}
      <Button onClick={() => verify.mutate({ token })} disabled={verify.isPending}>
        {verify.isPending ? "Confirming…" : "Confirm my email"}
      </Button>
    </div>
  );
}
