"use client";
import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { magicLinkAction, passwordSignInAction } from "~/server/actions/auth";

/** Password sign-in with a magic-link alternative; errors come back from the server in plain words. */
export function SignInForm({
  redirectTo,
  forgotHref,
  notice,
}: {
  redirectTo: string;
  forgotHref: string;
  notice?: string;
}) {
  const [mode, setMode] = useState<"password" | "link">("password");
  const [passwordState, passwordAction, signingIn] = useActionState(passwordSignInAction, null);
  const [linkState, linkAction, sending] = useActionState(magicLinkAction, null);
  const state = mode === "password" ? passwordState : linkState?.ok ? null : linkState;
  // Signed in: load the next page afresh, so every part of it (and the storefront's proxy) sees the session.
  const next = passwordState?.ok ? passwordState.redirectTo : undefined;
  useEffect(() => {
    if (next) window.location.assign(next);
  }, [next]);

  return (
    <div className="flex flex-col gap-4">
      {notice ? <Notice tone="info">{notice}</Notice> : null}
      {state?.error ? <Notice tone="error">{state.error}</Notice> : null}
      {mode === "password" ? (
        <form action={passwordAction} className="flex flex-col gap-4" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={passwordState?.email}
          />
          <Field label="Password" name="password" type="password" autoComplete="current-password" required />
          <Button type="submit" disabled={signingIn || Boolean(next)}>
            {signingIn || next ? "Signing in…" : "Sign in"}
          </Button>
          <div className="flex flex-wrap justify-between gap-2 text-sm">
            <Link href={forgotHref} className="text-brand underline underline-offset-4">
              Forgot your password?
            </Link>
            <button
              type="button"
              onClick={() => setMode("link")}
              className="text-brand underline underline-offset-4"
            >
              Email me a sign-in link instead
            </button>
          </div>
        </form>
      ) : linkState?.ok ? (
        <div className="flex flex-col gap-2" role="status">
          <h2 className="text-lg font-semibold">Check your email</h2>
          <p className="text-sm text-stone-700">
            We sent a sign-in link to {linkState.email}. It works once and expires in 24 hours.
          </p>
        </div>
      ) : (
        <form action={linkAction} className="flex flex-col gap-4" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field label="Email" name="email" type="email" autoComplete="email" required />
          <Button type="submit" disabled={sending}>
            {sending ? "Sending…" : "Email me a link"}
          </Button>
          <button
            type="button"
            onClick={() => setMode("password")}
            className="text-left text-sm text-brand underline underline-offset-4"
          >
            Use my password instead
          </button>
        </form>
      )}
    </div>
  );
}
