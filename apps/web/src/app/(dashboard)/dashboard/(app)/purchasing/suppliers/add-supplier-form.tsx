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

export function AddSupplierForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.purchasing.createSupplier.mutationOptions());
  const [error, setError] = useState("");

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError("");
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (key: string) => {
      const value = data.get(key);
      return typeof value === "string" ? value.trim() : "";
    };
    const lead = text("leadTimeDays");
    const minimum = text("minimumOrder");
    try {
      await create.mutateAsync({
        name: text("name"),
        contactName: text("contactName") || null,
        email: text("email") || null,
        phone: text("phone") || null,
        leadTimeDays: lead === "" ? null : Number(lead),
        minimumOrderCents: minimum === "" ? 0 : Math.round(Number(minimum) * 100),
      });
      form.reset();
      router.refresh();
    } catch (e) {
      setError(describeError(e).message);
    }
  }

  return (
    <Card>
      <CardTitle>Add a supplier</CardTitle>
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" aria-label="Add a supplier">
        {FIELDS.map((f) => (
          <label key={f.name} className="flex flex-col gap-1 text-sm">
            {f.label}
            <input
              name={f.name}
              type={f.type}
              required={"required" in f}
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
        <div className="sm:col-span-2">
          <Button type="submit" disabled={create.isPending}>
            Add supplier
          </Button>
        </div>
      </form>
    </Card>
  );
}
