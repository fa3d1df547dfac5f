"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { useTRPC } from "~/lib/trpc/client";
import { describeError } from "./errors";
import { formText } from "~/lib/form";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions());
  const failure = request.error ? describeError(request.error) : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    request.mutate({ email: formText(new FormData(event.currentTarget), "email") });
  };
  if (request.isSuccess) return <Notice tone="success">{request.data.message}</Notice>;
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {failure ? <Notice tone="error">{failure.message}</Notice> : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={failure?.fields.email}
      />
      <Button type="submit" disabled={request.isPending}>
        {request.isPending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ token, signInHref }: { token: string; signInHref: string }) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.account.resetPassword.mutationOptions());
  const [mismatch, setMismatch] = useState(false);
  const failure = reset.error ? describeError(reset.error) : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = formText(form, "password");
    const differs = password !== formText(form, "confirm");
    setMismatch(differs);
    if (differs) return;
    reset.mutate({ token, password });
  };
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
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {failure ? <Notice tone="error">{failure.message}</Notice> : null}
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
        error={failure?.fields.password}
      />
      <Field
        label="Repeat new password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={mismatch ? "The two passwords do not match." : null}
      />
      <Button type="submit" disabled={reset.isPending}>
        {reset.isPending ? "Saving…" : "Set new password"}
      </Button>
    </form>
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
