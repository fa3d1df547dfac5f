"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Button } from "@cannasaas/ui/button";
import { Card, Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { useTRPC } from "~/lib/trpc/client";

const KIND_LABEL = { government_id: "Government ID", medical_card: "Medical card" } as const;

async function upload(form: FormData): Promise<void> {
  const response = await fetch("/account/documents/upload", { method: "POST", body: form });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? "The upload failed. Try again.");
  }
}

type Doc = {
  status: "pending" | "approved" | "rejected";
  expiresOn: string | null;
  rejectionReason: string | null;
  verificationValidUntil: string | null;
};

function statusText(d: Doc, today: string) {
  if (d.expiresOn && d.expiresOn < today) return `Expired on ${d.expiresOn}`;
  if (d.status === "pending") return "Waiting for review";
  if (d.status === "rejected") return `Rejected: ${d.rejectionReason ?? "no reason given"}`;
  return `Approved · verification valid until ${d.verificationValidUntil ?? d.expiresOn ?? "—"}`;
}

export function DocumentsSection({ medicalEnabled }: { medicalEnabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const documents = useQuery(trpc.shopperAccount.documents.list.queryOptions());
  const submit = useMutation({
    mutationFn: upload,
    onSuccess: () => queryClient.invalidateQueries(trpc.shopperAccount.documents.pathFilter()),
  });
  const today = new Date().toISOString().slice(0, 10);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    submit.mutate(new FormData(form), { onSuccess: () => form.reset() });
  };

  return (
    <Card className="flex flex-col gap-4 p-5">
      <h2 className="text-lg font-semibold">ID{medicalEnabled ? " and medical card" : ""}</h2>
      <p className="text-sm text-stone-700">
        Staff check your document before your first pickup. Only reviewers at this store can see the image.
      </p>
      <ul className="flex flex-col gap-2" aria-label="Your documents">
        {documents.data?.map((d) => (
          <li key={d.id} data-testid="id-document" className="rounded-lg border border-stone-200 p-3">
            <p className="font-medium">
              {KIND_LABEL[d.kind]} · {d.issuingState} ending {d.documentNumberLast4 ?? "—"}
            </p>
            <p className="text-sm text-stone-700">
              {statusText(d, today)} · expires {d.expiresOn ?? "—"}
            </p>
          </li>
        ))}
      </ul>
      <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate>
        {submit.error ? (
          <Notice tone="error" className="sm:col-span-2">
            {submit.error.message}
          </Notice>
        ) : null}
        {submit.isSuccess ? (
          <Notice tone="success" className="sm:col-span-2">
            Thanks. We will review it shortly.
          </Notice>
        ) : null}
        <label className="flex flex-col gap-1 text-sm font-medium text-stone-800">
          Document
          <select name="kind" className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base">
            <option value="government_id">Government ID (driver licence, passport)</option>
            {medicalEnabled ? <option value="medical_card">Medical card</option> : null}
          </select>
        </label>
        <Field label="Document number" name="documentNumber" required autoComplete="off" />
        <Field label="Issuing state" name="issuingState" required maxLength={2} placeholder="CO" />
        <Field label="Expiry date" name="expiresOn" type="date" required />
        <Field
          label="Photo or scan"
          name="file"
          type="file"
          required
          accept="image/png,image/jpeg,image/webp,application/pdf"
          hint="PNG, JPEG, WebP or PDF, up to 5 MB."
          className="sm:col-span-2"
        />
        <Button type="submit" disabled={submit.isPending} className="sm:col-span-2 sm:justify-self-start">
          {submit.isPending ? "Uploading…" : "Upload document"}
        </Button>
      </form>
    </Card>
  );
}
