"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { describeError } from "~/components/auth/errors";
import { formText } from "~/lib/form";
import { useTRPC } from "~/lib/trpc/client";

type Role = "owner" | "admin" | "manager" | "budtender" | "driver" | "viewer";

export function InviteForm({ roles }: { roles: { value: Role; label: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [role, setRole] = useState<Role>(
    roles.find((r) => r.value === "budtender")?.value ?? roles[0]!.value,
  );
  const invite = useMutation(trpc.team.invite.mutationOptions({ onSuccess: () => router.refresh() }));
  const failure = invite.error ? describeError(invite.error) : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const email = formText(new FormData(form), "email");
    invite.mutate({ email, role }, { onSuccess: () => form.reset() });
  };
  return (
    <form onSubmit={submit} className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
      <Field
        label="Email"
        name="email"
        type="email"
        required
        className="flex-1"
        error={failure?.fields.email}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor="invite-role" className="text-sm font-medium text-stone-800">
          Role
        </label>
        <select
          id="invite-role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base"
        >
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={invite.isPending}>
        {invite.isPending ? "Sending…" : "Send invitation"}
      </Button>
      <div className="sm:basis-full" aria-live="polite">
        {failure && !failure.fields.email ? <Notice tone="error">{failure.message}</Notice> : null}
        {invite.isSuccess ? (
          <Notice tone="success">Invitation sent to {invite.data.email}. The link lasts 7 days.</Notice>
        ) : null}
      </div>
    </form>
  );
}
