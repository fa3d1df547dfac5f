"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

/**
 * One variant's terms with this supplier: cost per unit and pack size, saved on its own button. With `existing`
 * the terms can also be removed; without, saving adds the variant to what the supplier sells.
 */
export function SupplierItemForm({
  supplierId,
  variantId,
  label,
  unitCostCents,
  packSize,
  existing,
}: {
  supplierId: string;
  variantId: string;
  label: string;
  unitCostCents: number | null;
  packSize: number | null;
  existing: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.purchasing.setSupplierItem.mutationOptions());
  const remove = useMutation(trpc.purchasing.removeSupplierItem.mutationOptions());
  const [cost, setCost] = useState(unitCostCents === null ? "" : (unitCostCents / 100).toFixed(2));
  const [pack, setPack] = useState(String(packSize ?? 1));
  const [error, setError] = useState("");
  const busy = save.isPending || remove.isPending;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError("");
    const dollars = Number(cost);
    const units = Number(pack);
    if (cost.trim() === "" || !Number.isFinite(dollars) || dollars < 0) {
      return setError("Enter the cost per unit in dollars.");
    }
    if (!Number.isInteger(units) || units < 1)
      return setError("A pack holds a whole number of units, at least 1.");
    try {
      await save.mutateAsync({
        supplierId,
        variantId,
        unitCostCents: Math.round(dollars * 100),
        packSize: units,
      });
      router.refresh();
    } catch (e) {
      setError(describeError(e).message);
    }
  }

  async function drop() {
    setError("");
    try {
      await remove.mutateAsync({ supplierId, variantId });
      router.refresh();
    } catch (e) {
      setError(describeError(e).message);
    }
  }

  return (
    <form
      onSubmit={submit}
      className="flex flex-wrap items-end justify-end gap-2"
      aria-label={`Terms for ${label}`}
    >
      <label className="flex flex-col gap-1 text-xs">
        Cost per unit ($)
        <input
          type="number"
          min={0}
          step="0.01"
          inputMode="decimal"
          value={cost}
          onChange={(e) => setCost(e.target.value)}
          aria-label={`Cost per unit of ${label}, in dollars`}
          className="min-h-11 w-28 rounded-lg border border-stone-300 bg-white px-2 text-right"
        />
      </label>
      <label className="flex flex-col gap-1 text-xs">
        Pack size
        <input
          type="number"
          min={1}
          inputMode="numeric"
          value={pack}
          onChange={(e) => setPack(e.target.value)}
          aria-label={`Units per pack of ${label}`}
          className="min-h-11 w-20 rounded-lg border border-stone-300 bg-white px-2 text-right"
        />
      </label>
      <Button type="submit" variant="secondary" disabled={busy}>
        {existing ? "Save" : "Add"}
        <span className="sr-only"> {label}</span>
      </Button>
      {existing ? (
        <Button type="button" variant="ghost" onClick={drop} disabled={busy}>
          Remove<span className="sr-only"> {label}</span>
        </Button>
      ) : null}
      {error ? (
        <span role="alert" className="basis-full text-right text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </form>
  );
}
