"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useFormState, type UseFormReturn } from "react-hook-form";
import { Notice } from "@cannasaas/ui/card";
import { Form, FormField, FormItem, FormSubmit, useZodForm, type ServerError } from "@cannasaas/ui/form";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import {
  formPathOf,
  productFormDefaults,
  productFormSchema,
  productPayload,
  type EditableProduct,
  type ProductFormValues,
} from "./product-form-values";
import { VariantsFieldset } from "./variants-fieldset";

export type { EditableProduct };

const select = "min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base";
const STALE = /Someone else changed this product/;

/** A refused save: field errors the form has a field for go under it, the message above the button. */
function describeSaveError(error: unknown): ServerError {
  const failure = describeError(error);
  const fields: Record<string, string> = {};
  for (const [name, message] of Object.entries(failure.fields)) {
    const path = formPathOf([name]);
    if (path && path[0] !== "variants") fields[path.join(".")] = message;
  }
  return { message: failure.message, fields };
}

/** Create and edit form: product details and the variants table; prices are read-only without price rights. */
export function ProductForm({
  product,
  categories,
  brands,
  canWritePrices,
}: {
  product?: EditableProduct;
  categories: { id: string; name: string }[];
  brands: { id: string; name: string }[];
  canWritePrices: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [basis, setBasis] = useState(product?.updatedAt ?? null);
  // Our own archive, restore or save refreshes the page with a newer version: base the next save on it.
  const [seenVersion, setSeenVersion] = useState(product?.updatedAt);
  if (product && product.updatedAt !== seenVersion) {
    setSeenVersion(product.updatedAt);
    setBasis(product.updatedAt);
  }
  const cbdMg = product?.cbdMg ?? null;
  const schema = useMemo(() => productFormSchema(cbdMg), [cbdMg]);
  const form = useZodForm(schema, { defaultValues: productFormDefaults(product, categories) });
  const [saved, setSaved] = useState<string | null>(null);
  const noteSentDescription = useDescriptionFromElsewhere(form, product?.description ?? null);
  const onSaved = (result: { id: string; updatedAt: Date; variants: { id: string; sku: string }[] }) => {
    setSaved(product ? "Saved. The storefront shows the change now." : null);
    setBasis(new Date(result.updatedAt).toISOString());
    // Variants this save added take their ids from the saved product (matched by SKU), so the next save updates
    // them instead of adding them again, however soon it comes. Only the ids: anything typed since stays.
    form.getValues("variants").forEach((row, index) => {
      if (row.id) return;
      const sku = row.sku.trim().toLowerCase();
      const added = result.variants.find((v) => v.sku.toLowerCase() === sku);
      if (added) form.setValue(`variants.${index}.id`, added.id);
    });
    if (product) router.refresh();
    else router.push(`/dashboard/catalog/${result.id}`);
  };
  const create = useMutation(trpc.catalog.products.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.catalog.products.update.mutationOptions({ onSuccess: onSaved }));

  const archived = product?.status === "archived";
  return (
    <Form
      form={form}
      className="flex flex-col gap-6"
      showRootError={false}
      describeError={describeSaveError}
      onSubmit={async (values) => {
        setSaved(null);
        const payload = productPayload(values, cbdMg);
        noteSentDescription(payload.description);
        if (product && basis)
          await update.mutateAsync({ ...payload, productId: product.id, expectedUpdatedAt: new Date(basis) });
        else await create.mutateAsync(payload);
      }}
    >
      {archived ? (
        <Notice>This product is archived: shoppers do not see it. Restore it to sell it again.</Notice>
      ) : null}
      <fieldset className="grid gap-4 rounded-xl border border-stone-200 bg-white p-4 md:grid-cols-2">
        <legend className="px-1 text-lg font-semibold">Product</legend>
        <FormField label="Name" name="name" required maxLength={120} />
        <FormItem name="categoryId" label="Category">
          {(control) => (
            <select {...control} className={select}>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </FormItem>
        <FormItem name="brandId" label="Brand">
          {(control) => (
            <select {...control} className={select}>
              <option value="">No brand</option>
              {brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          )}
        </FormItem>
        <FormItem name="status" label="Status">
          {(control) => (
            // The attribute, not register's option: an archived product still sends its status.
            <select {...control} disabled={archived} className={select}>
              <option value="active">Active (on the menu)</option>
              <option value="draft">Draft (hidden)</option>
            </select>
          )}
        </FormItem>
        <FormField label="Strain name" name="strainName" />
        <FormItem name="strainType" label="Strain type">
          {(control) => (
            <select {...control} className={select}>
              <option value="">Not applicable</option>
              <option value="indica">Indica</option>
              <option value="sativa">Sativa</option>
              <option value="hybrid">Hybrid</option>
              <option value="cbd">CBD</option>
            </select>
          )}
        </FormItem>
        <FormField
          label="THC %"
          name="thc"
          inputMode="decimal"
          hint="For flower and concentrates, e.g. 21.5"
        />
        <FormField label="CBD %" name="cbd" inputMode="decimal" />
        <FormField
          label="THC per package (mg)"
          name="thcMg"
          inputMode="numeric"
          hint="For edibles and tinctures"
        />
        <FormField label="Lab results link" name="labResultsUrl" type="url" />
        <FormField label="Effects" name="effects" hint="Separate with ; e.g. relaxed; happy" />
        <FormField label="Terpenes" name="terpenes" hint="Separate with ; e.g. myrcene; limonene" />
        <FormItem name="description" label="Description" className="md:col-span-2">
          {(control) => (
            <textarea
              {...control}
              rows={4}
              maxLength={5000}
              className="rounded-lg border border-stone-300 px-3 py-2 text-base"
            />
          )}
        </FormItem>
      </fieldset>

      <VariantsFieldset canWritePrices={canWritePrices} />

      <SaveProblem />
      {saved ? <Notice tone="success">{saved}</Notice> : null}
      <div>
        <FormSubmit pending="Saving…">{product ? "Save changes" : "Create product"}</FormSubmit>
      </div>
    </Form>
  );
}

/**
 * Publishing generated copy changes the description outside this form: the field then shows the new text, so
 * the next save does not silently undo it. A change to the text this form sent is its own save coming back,
 * and leaves the field (with anything typed since) and the "Saved" notice alone. Returns the hook that notes
 * what a save sends.
 */
function useDescriptionFromElsewhere(form: UseFormReturn<ProductFormValues>, description: string | null) {
  const shown = useRef(description);
  const sent = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (shown.current === description) return;
    shown.current = description;
    if (sent.current === description) return;
    form.resetField("description", { defaultValue: description ?? "" });
  }, [form, description]);
  return (text: string | null) => {
    sent.current = text;
  };
}

/**
 * Why the last save was refused (or a problem the form has no field for). When someone else saved the
 * product meanwhile, saving again would overwrite their change, so it offers to reload instead.
 */
function SaveProblem() {
  const { errors } = useFormState();
  const message = errors.root?.server?.message ?? errors.root?.message;
  if (!message) return null;
  return (
    <Notice tone="error">
      {message}{" "}
      {STALE.test(message) ? (
        <button type="button" className="font-semibold underline" onClick={() => window.location.reload()}>
          Reload
        </button>
      ) : null}
    </Notice>
  );
}
