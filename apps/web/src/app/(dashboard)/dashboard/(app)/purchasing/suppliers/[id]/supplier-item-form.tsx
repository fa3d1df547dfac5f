"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { z } from "zod";
import { Button } from "@cannasaas/ui/button";
import { Form, FormItem, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { convertedSchema } from "@cannasaas/ui/form-schema";
import { supplierItemTermsInput } from "@cannasaas/validators/forms";
import { describeError } from "~/components/auth/errors";
import { describeFormError } from "~/lib/form-errors";
import { useTRPC } from "~/lib/trpc/client";

const fields = z.object({ cost: z.string(), pack: z.string() });
type TermsFields = z.input<typeof fields>;
/** A typed number; NaN when empty or not a number, which the schema refuses. */
const num = (v: string) => (v.trim() ? Number(v) : NaN);
const termsPayload = (v: TermsFields) => ({
  unitCostCents: Math.round(num(v.cost) * 100),
  packSize: num(v.pack),
});
const fieldOf = ([name]: readonly PropertyKey[]) =>
  name === "unitCostCents" ? "cost" : name === "packSize" ? "pack" : null;
const termsFormSchema = convertedSchema(fields, termsPayload, supplierItemTermsInput, fieldOf);

const input = "min-h-11 rounded-lg border border-stone-300 bg-white px-2 text-right";

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
  const form = useZodForm(termsFormSchema, {
    defaultValues: {
      cost: unitCostCents === null ? "" : (unitCostCents / 100).toFixed(2),
      pack: String(packSize ?? 1),
    },
  });
  const rootError = form.formState.errors.root?.server?.message;

  async function drop() {
    form.clearErrors();
    try {
      await remove.mutateAsync({ supplierId, variantId });
      router.refresh();
    } catch (e) {
      form.setError("root.server", { type: "server", message: describeError(e).message });
    }
  }

  return (
    <Form
      form={form}
      className="flex flex-wrap items-end justify-end gap-2"
      aria-label={`Terms for ${label}`}
      showRootError={false}
      describeError={(error) => describeFormError(error, fieldOf)}
      onSubmit={async (values) => {
        await save.mutateAsync({ supplierId, variantId, ...termsPayload(values) });
        router.refresh();
      }}
    >
      <FormItem name="cost" label="Cost per unit ($)" className="text-xs">
        {(control) => (
          <input
            {...control}
            type="number"
            min={0}
            step="0.01"
            inputMode="decimal"
            aria-label={`Cost per unit of ${label}, in dollars`}
            className={`${input} w-28`}
          />
        )}
      </FormItem>
      <FormItem name="pack" label="Pack size" className="text-xs">
        {(control) => (
          <input
            {...control}
            type="number"
            min={1}
            inputMode="numeric"
            aria-label={`Units per pack of ${label}`}
            className={`${input} w-20`}
          />
        )}
      </FormItem>
      <FormSubmit variant="secondary" disabled={remove.isPending}>
        {existing ? "Save" : "Add"}
        <span className="sr-only"> {label}</span>
      </FormSubmit>
      {existing ? (
        <Button
          type="button"
          variant="ghost"
          onClick={() => void drop()}
          disabled={remove.isPending || form.formState.isSubmitting}
        >
          Remove<span className="sr-only"> {label}</span>
        </Button>
      ) : null}
      {rootError ? (
        <span role="alert" className="basis-full text-right text-xs text-red-700">
          {rootError}
        </span>
      ) : null}
    </Form>
  );
}
