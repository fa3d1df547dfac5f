"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Card, CardTitle, Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
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

function initialValue(supplier: Supplier | undefined, field: (typeof FIELDS)[number]["name"]) {
  if (!supplier) return undefined;
  if (field === "minimumOrder") {
    return supplier.minimumOrderCents > 0 ? (supplier.minimumOrderCents / 100).toFixed(2) : "";
  }
  const value = supplier[field];
  return value === null ? "" : String(value);
}

/** Adds a supplier, or with `supplier` edits its contacts, lead time and minimum order. */
export function SupplierForm({ supplier }: { supplier?: Supplier }) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.purchasing.createSupplier.mutationOptions());
  const update = useMutation(trpc.purchasing.updateSupplier.mutationOptions());
  const [error, setError] = useState("");
  const [saved, setSaved] = useState(false);
  const title = supplier ? "Supplier details" : "Add a supplier";

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError("");
    setSaved(false);
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (key: string) => {
      const value = data.get(key);
      return typeof value === "string" ? value.trim() : "";
    };
    const lead = text("leadTimeDays");
    const minimum = text("minimumOrder");
    const input = {
      name: text("name"),
      contactName: text("contactName") || null,
      email: text("email") || null,
      phone: text("phone") || null,
      leadTimeDays: lead === "" ? null : Number(lead),
      minimumOrderCents: minimum === "" ? 0 : Math.round(Number(minimum) * 100),
    };
    try {
      if (supplier) {
        await update.mutateAsync({ supplierId: supplier.id, ...input });
        setSaved(true);
      } else {
        await create.mutateAsync(input);
        form.reset();
      }
      router.refresh();
    } catch (e) {
      setError(describeError(e).message);
    }
  }

  return (
    <Card>
      <CardTitle>{title}</CardTitle>
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" aria-label={title}>
        {FIELDS.map((f) => (
          <label key={f.name} className="flex flex-col gap-1 text-sm">
            {f.label}
            <input
              name={f.name}
              type={f.type}
              required={"required" in f}
              defaultValue={initialValue(supplier, f.name)}
              min={f.type === "number" ? 0 : undefined}
              step={f.name === "minimumOrder" ? "0.01" : undefined}
              className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
            />
          </label>
        ))}
        {error ? (
          <Notice tone="error" className="sm:col-span-2">
            {error}
          </Notice>
        ) : null}
        {saved ? (
          <p role="status" className="text-sm text-green-800 sm:col-span-2">
            Saved.
          </p>
        ) : null}
        <div className="sm:col-span-2">
          <Button type="submit" disabled={create.isPending || update.isPending}>
            {supplier ? "Save supplier" : "Add supplier"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
