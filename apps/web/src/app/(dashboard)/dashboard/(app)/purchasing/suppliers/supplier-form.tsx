"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { Card, CardTitle } from "@cannasaas/ui/card";
import { Form, FormField, FormRootError, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { convertedSchema } from "@cannasaas/ui/form-schema";
import { supplierInput } from "@cannasaas/validators/forms";
import { describeFormError } from "~/lib/form-errors";
import { useTRPC } from "~/lib/trpc/client";

const FIELDS = [
  { name: "name", label: "Name", type: "text", required: true },
  { name: "contactName", label: "Contact (optional)", type: "text" },
  { name: "email", label: "Order email (optional)", type: "email" },
  { name: "phone", label: "Phone (optional)", type: "tel" },
  { name: "leadTimeDays", label: "Lead time in days (optional)", type: "number" },
  { name: "minimumOrder", label: "Minimum order in $ (optional)", type: "number" },
] as const;

type Supplier = {
  id: string;
  name: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  leadTimeDays: number | null;
  minimumOrderCents: number;
};

const fields = z.object(
  Object.fromEntries(FIELDS.map((f) => [f.name, z.string()])) as Record<
    (typeof FIELDS)[number]["name"],
    z.ZodString
  >,
);
type SupplierFields = z.input<typeof fields>;

const supplierDefaults = (supplier: Supplier | undefined): SupplierFields => ({
  name: supplier?.name ?? "",
  contactName: supplier?.contactName ?? "",
  email: supplier?.email ?? "",
  phone: supplier?.phone ?? "",
  leadTimeDays: supplier?.leadTimeDays == null ? "" : String(supplier.leadTimeDays),
  minimumOrder: supplier?.minimumOrderCents ? (supplier.minimumOrderCents / 100).toFixed(2) : "",
});

/** What the supplier procedures take: empty optional fields as null, the minimum order in cents. */
const supplierPayload = (v: SupplierFields) => ({
  name: v.name,
  contactName: v.contactName.trim() || null,
  email: v.email.trim() || null,
  phone: v.phone.trim() || null,
  leadTimeDays: v.leadTimeDays.trim() ? Number(v.leadTimeDays) : null,
  minimumOrderCents: v.minimumOrder.trim() ? Math.round(Number(v.minimumOrder) * 100) : 0,
});
const fieldOf = ([name]: readonly PropertyKey[]) =>
  name === "minimumOrderCents"
    ? "minimumOrder"
    : typeof name === "string" && name in fields.shape
      ? name
      : null;
const supplierFormSchema = convertedSchema(fields, supplierPayload, supplierInput, fieldOf);

/** Adds a supplier, or with `supplier` edits its contacts, lead time and minimum order. */
export function SupplierForm({ supplier }: { supplier?: Supplier }) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.purchasing.createSupplier.mutationOptions());
  const update = useMutation(trpc.purchasing.updateSupplier.mutationOptions());
  const form = useZodForm(supplierFormSchema, { defaultValues: supplierDefaults(supplier) });
  const [saved, setSaved] = useState(false);
  const title = supplier ? "Supplier details" : "Add a supplier";

  return (
    <Card>
      <CardTitle>{title}</CardTitle>
      <Form
        form={form}
        className="grid gap-3 sm:grid-cols-2"
        aria-label={title}
        showRootError={false}
        describeError={(error) => describeFormError(error, fieldOf)}
        onSubmit={async (values) => {
          setSaved(false);
          const input = supplierPayload(values);
          if (supplier) {
            await update.mutateAsync({ supplierId: supplier.id, ...input });
            setSaved(true);
          } else {
            await create.mutateAsync(input);
            form.reset(supplierDefaults(undefined));
          }
          router.refresh();
        }}
      >
        {FIELDS.map((f) => (
          <FormField
            key={f.name}
            name={f.name}
            label={f.label}
            type={f.type}
            required={"required" in f}
            min={f.type === "number" ? 0 : undefined}
            step={f.name === "minimumOrder" ? "0.01" : undefined}
          />
        ))}
        <FormRootError className="sm:col-span-2" />
        {saved ? (
          <p role="status" className="text-sm text-green-800 sm:col-span-2">
            Saved.
          </p>
        ) : null}
        <div className="sm:col-span-2">
          <FormSubmit>{supplier ? "Save supplier" : "Add supplier"}</FormSubmit>
        </div>
      </Form>
    </Card>
  );
}
