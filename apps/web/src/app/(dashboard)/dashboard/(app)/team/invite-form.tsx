"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Notice } from "@cannasaas/ui/card";
import { Form, FormField, FormItem, FormRootError, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { inviteSchema } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

type Role = "owner" | "admin" | "manager" | "budtender" | "driver" | "viewer";

export function InviteForm({ roles }: { roles: { value: Role; label: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invite = useMutation(trpc.team.invite.mutationOptions({ onSuccess: () => router.refresh() }));
  const role = roles.find((r) => r.value === "budtender")?.value ?? roles[0]!.value;
  const form = useZodForm(inviteSchema, { defaultValues: { email: "", role } });
  return (
    <Form
      form={form}
      onSubmit={async (values) => {
        await invite.mutateAsync(values);
        form.reset({ email: "", role: values.role });
      }}
      // An error about the address shows under it alone; anything else above the form's end.
      describeError={(error) => {
        const failure = describeError(error);
        return failure.fields.email ? { ...failure, message: "" } : failure;
      }}
      showRootError={false}
      className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end"
    >
      <FormField label="Email" name="email" type="email" required className="flex-1" />
      <FormItem name="role" label="Role">
        {(control) => (
          <select
            {...control}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base"
          >
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        )}
      </FormItem>
      <FormSubmit pending="Sending…">Send invitation</FormSubmit>
      <div className="sm:basis-full" aria-live="polite">
        <FormRootError />
        {invite.isSuccess ? (
          <Notice tone="success">Invitation sent to {invite.data.email}. The link lasts 7 days.</Notice>
        ) : null}
      </div>
    </Form>
  );
}
