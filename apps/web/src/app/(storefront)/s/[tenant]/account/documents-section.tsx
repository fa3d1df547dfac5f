"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { Card, Notice } from "@cannasaas/ui/card";
import { Form, FormField, FormItem, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { documentMetadataInput } from "@cannasaas/validators";
import { useTRPC } from "~/lib/trpc/client";

const KIND_LABEL = { government_id: "Government ID", medical_card: "Medical card" } as const;

/** The upload's fields as the route checks them, plus the one file (a FileList from the input). */
const documentFormSchema = documentMetadataInput.extend({
  file: z.custom<FileList>(
    (value) => typeof FileList !== "undefined" && value instanceof FileList && value.length === 1,
    { error: "Choose a photo or scan of the document." },
  ),
});
type DocumentFormValues = z.input<typeof documentFormSchema>;

/** The file goes up as multipart to a route handler (tRPC carries JSON); its refusal becomes the form's message. */
async function upload(values: z.output<typeof documentFormSchema>): Promise<void> {
  const body = new FormData();
  body.set("kind", values.kind);
  body.set("documentNumber", values.documentNumber);
  body.set("issuingState", values.issuingState);
  body.set("expiresOn", values.expiresOn);
  body.set("file", values.file[0]!);
  const response = await fetch("/account/documents/upload", { method: "POST", body });
  if (!response.ok) {
    const answer = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(answer?.error ?? "The upload failed. Try again.");
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

const blank: DocumentFormValues = {
  kind: "government_id",
  documentNumber: "",
  issuingState: "",
  expiresOn: "",
  file: undefined as unknown as FileList,
};

export function DocumentsSection({ medicalEnabled }: { medicalEnabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const documents = useQuery(trpc.shopperAccount.documents.list.queryOptions());
  const submit = useMutation({
    mutationFn: upload,
    onSuccess: () => queryClient.invalidateQueries(trpc.shopperAccount.documents.pathFilter()),
  });
  const form = useZodForm(documentFormSchema, { defaultValues: blank });
  const today = new Date().toISOString().slice(0, 10);

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
      <Form
        form={form}
        className="grid gap-3 sm:grid-cols-2"
        describeError={(error) => ({
          message: error instanceof Error ? error.message : "The upload failed. Try again.",
          fields: {},
        })}
        onSubmit={async (values) => {
          submit.reset();
          await submit.mutateAsync(values);
          form.reset(blank);
        }}
      >
        {submit.isSuccess ? (
          <Notice tone="success" className="sm:col-span-2">
            Thanks. We will review it shortly.
          </Notice>
        ) : null}
        <FormItem name="kind" label="Document">
          {(control) => (
            <select
              {...control}
              className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base"
            >
              <option value="government_id">Government ID (driver licence, passport)</option>
              {medicalEnabled ? <option value="medical_card">Medical card</option> : null}
            </select>
          )}
        </FormItem>
        <FormField label="Document number" name="documentNumber" required autoComplete="off" />
        <FormField label="Issuing state" name="issuingState" required maxLength={2} placeholder="CO" />
        <FormField label="Expiry date" name="expiresOn" type="date" required />
        <FormField
          label="Photo or scan"
          name="file"
          type="file"
          required
          accept="image/png,image/jpeg,image/webp,application/pdf"
          hint="PNG, JPEG, WebP or PDF, up to 5 MB."
          className="sm:col-span-2"
        />
        <FormSubmit pending="Uploading…" className="sm:col-span-2 sm:justify-self-start">
          Upload document
        </FormSubmit>
      </Form>
    </Card>
  );
}
