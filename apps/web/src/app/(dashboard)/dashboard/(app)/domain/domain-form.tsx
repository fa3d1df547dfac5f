"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Form, FormField, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { customDomainFormSchema } from "@cannasaas/validators/forms";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

export function DomainForm({ current, rootDomain }: { current: string | null; rootDomain: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState("");
  const form = useZodForm(customDomainFormSchema, { defaultValues: { domain: current ?? "" } });
  const save = useMutation(
    trpc.customDomain.set.mutationOptions({
      onSuccess: (org) => {
        setSaved(org.customDomain ? `Saved: ${org.customDomain}.` : "Custom domain removed.");
        form.reset({ domain: org.customDomain ?? "" });
        router.refresh();
      },
    }),
  );
  return (
    <Form
      form={form}
      onSubmit={({ domain }) => {
        setSaved("");
        return save.mutateAsync({ domain: domain.trim() === "" ? null : domain });
      }}
      // Whatever the server refuses is about the one field.
      describeError={(error) => ({ message: "", fields: { domain: describeError(error).message } })}
      showRootError={false}
      className="flex max-w-lg flex-col gap-3"
    >
      <FormField
        label="Custom domain"
        name="domain"
        placeholder="shop.example.com"
        hint={`Save the domain here, then create the DNS record shown below (a TXT record, or a CNAME to your ${rootDomain} address). Leave empty to remove it.`}
        autoComplete="off"
      />
      <div>
        <FormSubmit pending="Saving…">Save domain</FormSubmit>
      </div>
      <p aria-live="polite" className="text-sm text-emerald-800">
        {saved}
      </p>
    </Form>
  );
}
