"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Field } from "@cannasaas/ui/field";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

export function DomainForm({ current, rootDomain }: { current: string | null; rootDomain: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [domain, setDomain] = useState(current ?? "");
  const [saved, setSaved] = useState("");
  const save = useMutation(
    trpc.customDomain.set.mutationOptions({
      onSuccess: (org) => {
        setSaved(org.customDomain ? `Saved: ${org.customDomain}.` : "Custom domain removed.");
        setDomain(org.customDomain ?? "");
        router.refresh();
      },
    }),
  );
  const error = save.error ? describeError(save.error).message : null;
  return (
    <form
      className="flex max-w-lg flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved("");
        save.mutate({ domain: domain.trim() === "" ? null : domain });
      }}
    >
      <Field
        label="Custom domain"
        name="domain"
        placeholder="shop.example.com"
        value={domain}
        onChange={(e) => setDomain(e.target.value)}
        error={error}
        hint={`Add a CNAME record from this domain to ${rootDomain}, then save it here. Leave empty to remove it.`}
        autoComplete="off"
      />
      <div>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save domain"}
        </Button>
      </div>
      <p aria-live="polite" className="text-sm text-emerald-800">
        {saved}
      </p>
    </form>
  );
}
