"use client";
import { useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "@cannasaas/ui/button";
import { FieldError, useFieldError } from "@cannasaas/ui/form";
import { blankVariant, type ProductFormValues } from "./product-form-values";

const COLUMNS = [
  ["sku", "SKU", false],
  ["name", "Name", false],
  ["grams", "Weight in grams", false],
  ["price", "Price", true],
  ["medical", "Medical price", true],
] as const;
type Column = (typeof COLUMNS)[number];

/** The variants table; without price rights the prices are read-only and no variant can be added. */
export function VariantsFieldset({ canWritePrices }: { canWritePrices: boolean }) {
  const { control } = useFormContext<ProductFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: "variants" });
  // The list's own errors (no variant, repeated SKUs) are kept under `variants.root` by the resolver.
  const rootError = useFieldError("variants.root");
  const arrayError = useFieldError("variants");
  const listError = rootError ?? arrayError;
  return (
    <fieldset
      className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4"
      aria-describedby={listError ? "variants-error" : undefined}
    >
      <legend className="px-1 text-lg font-semibold">Variants</legend>
      {!canWritePrices ? (
        <p className="text-sm text-stone-600" id="price-rights">
          Your role cannot change prices or add variants. Ask a manager.
        </p>
      ) : null}
      <FieldError id="variants-error" message={listError} />
      <div className="overflow-x-auto">
        <table className="w-full min-w-[640px] text-left text-sm">
          <thead>
            <tr className="text-stone-700">
              <th scope="col" className="p-1">
                SKU
              </th>
              <th scope="col" className="p-1">
                Name
              </th>
              <th scope="col" className="p-1">
                Weight (g)
              </th>
              <th scope="col" className="p-1">
                Price ($)
              </th>
              <th scope="col" className="p-1">
                Medical price ($)
              </th>
              <th scope="col" className="p-1">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field, index) => (
              <tr key={field.id} data-testid="variant-row">
                {COLUMNS.map((column) => (
                  <VariantCell
                    key={column[0]}
                    index={index}
                    column={column}
                    canWritePrices={canWritePrices}
                  />
                ))}
                <td className="p-1 align-top">
                  <Button variant="ghost" disabled={fields.length === 1} onClick={() => remove(index)}>
                    Remove<span className="sr-only"> variant {index + 1}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canWritePrices ? (
        <div>
          <Button variant="secondary" onClick={() => append(blankVariant())}>
            Add variant
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}

/** One input of a variant row, labelled "Variant 2 Price" and so on, with its error under it. */
function VariantCell({
  index,
  column: [field, label, isPrice],
  canWritePrices,
}: {
  index: number;
  column: Column;
  canWritePrices: boolean;
}) {
  const { register } = useFormContext<ProductFormValues>();
  const name = `variants.${index}.${field}` as const;
  const error = useFieldError(name);
  const locked = isPrice && !canWritePrices;
  const errorId = `variant-${index}-${field}-error`;
  const describedBy = [locked ? "price-rights" : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <td className="p-1 align-top">
      <input
        aria-label={`Variant ${index + 1} ${label}`}
        inputMode={field === "sku" || field === "name" ? undefined : "decimal"}
        // The attribute, not register's option: a locked price is still sent, unchanged.
        disabled={locked}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="min-h-11 w-full rounded-lg border border-stone-300 px-2 text-base disabled:bg-stone-100"
        {...register(name)}
      />
      <FieldError id={errorId} message={error} />
    </td>
  );
}
