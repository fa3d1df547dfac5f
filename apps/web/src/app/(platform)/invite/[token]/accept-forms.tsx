"use client";
import { useActionState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { acceptAsNewUserAction, acceptInvitationAction } from "~/server/actions/onboarding";

/** Accepting: one button for a signed-in user, or a name and password for someone new. */
export function AcceptForms({ mode, token }: { mode: "existing" | "new"; token: string }) {
  const [state, action, pending] = useActionState(
    mode === "existing" ? acceptInvitationAction : acceptAsNewUserAction,
    null,
  );
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {state?.error ? <Notice tone="error">{state.error}</Notice> : null}
      {mode === "new" ? (
        <>
          <Field
            label="Your name"
            name="name"
            autoComplete="name"
            required
            defaultValue={state?.values?.name}
            error={state?.fields?.name}
          />
          <Field
            label="Choose a password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters."
            required
            error={state?.fields?.password}
          />
        </>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Joining…" : mode === "new" ? "Create my account and join" : "Accept the invitation"}
      </Button>
    </form>
  );
}
