"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import {
  bpsToPercent,
  centsToDollars,
  dollarsToCents,
  gramsToMg,
  mgToGrams,
  percentToBps,
} from "@cannasaas/core/catalog-units";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

export type EditableProduct = {
  id: string;
  name: string;
  categoryId: string;
  brandId: string | null;
  description: string | null;
  strainName: string | null;
  strainType: "indica" | "sativa" | "hybrid" | "cbd" | null;
  thcBps: number | null;
  cbdBps: number | null;
  thcMg: number | null;
  cbdMg: number | null;
  effects: string[];
  terpenes: string[];
  labResultsUrl: string | null;
  status: "draft" | "active" | "archived";
  updatedAt: string;
  variants: {
    id: string;
    sku: string;
    name: string;
    weightMg: number | null;
    priceCents: number;
    medicalPriceCents: number | null;
  }[];
};

type VariantRow = {
  key: string;
  id?: string;
  sku: string;
  name: string;
  grams: string;
  price: string;
  medical: string;
};
const blankVariant = (): VariantRow => ({
  key: crypto.randomUUID(),
  sku: "",
  name: "",
  grams: "",
  price: "",
  medical: "",
});
const orNull = (v: string) => (v.trim() ? v.trim() : null);
const tags = (v: string) =>
  v
    .split(/[;,]/)
    .map((t) => t.trim())
    .filter(Boolean);

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
  const [form, setForm] = useState({
    name: product?.name ?? "",
    categoryId: product?.categoryId ?? categories[0]?.id ?? "",
    brandId: product?.brandId ?? "",
    description: product?.description ?? "",
    strainName: product?.strainName ?? "",
    strainType: product?.strainType ?? "",
    thc: product?.thcBps == null ? "" : bpsToPercent(product.thcBps),
    cbd: product?.cbdBps == null ? "" : bpsToPercent(product.cbdBps),
    thcMg: product?.thcMg == null ? "" : String(product.thcMg),
    effects: product?.effects.join("; ") ?? "",
    terpenes: product?.terpenes.join("; ") ?? "",
    labResultsUrl: product?.labResultsUrl ?? "",
    status: product?.status === "draft" ? "draft" : "active",
  });
  const [variants, setVariants] = useState<VariantRow[]>(
    product
      ? product.variants.map((v) => ({
          key: v.id,
          id: v.id,
          sku: v.sku,
          name: v.name,
          grams: v.weightMg == null ? "" : mgToGrams(v.weightMg),
          price: centsToDollars(v.priceCents),
          medical: v.medicalPriceCents == null ? "" : centsToDollars(v.medicalPriceCents),
        }))
      : [blankVariant()],
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const onSaved = (result: { id: string; updatedAt: Date }) => {
    setSaved(product ? "Saved. The storefront shows the change now." : null);
    setBasis(new Date(result.updatedAt).toISOString());
    if (product) router.refresh();
    else router.push(`/dashboard/catalog/${result.id}`);
  };
  const create = useMutation(trpc.catalog.products.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.catalog.products.update.mutationOptions({ onSuccess: onSaved }));
  const pending = create.isPending || update.isPending;
  const serverError = create.error ?? update.error;
  const serverMessage = serverError ? describeError(serverError).message : null;
  const stale = serverError ? /Someone else changed this product/.test(serverMessage ?? "") : false;

  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));
  const setVariant = (key: string, field: keyof VariantRow, value: string) =>
    setVariants((vs) => vs.map((v) => (v.key === key ? { ...v, [field]: value } : v)));

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    setProblem(null);
    const potency = (text: string, label: string) => {
      if (!text.trim()) return null;
      const bps = percentToBps(text);
      if (bps === null) throw new Error(`${label} must be a percent from 0 to 100, like 21.5.`);
      return bps;
    };
    try {
      const payload = {
        name: form.name,
        categoryId: form.categoryId,
        brandId: form.brandId || null,
        description: orNull(form.description),
        strainName: orNull(form.strainName),
        strainType: (form.strainType || null) as EditableProduct["strainType"],
        thcBps: potency(form.thc, "THC"),
        cbdBps: potency(form.cbd, "CBD"),
        thcMg: form.thcMg.trim() ? Number.parseInt(form.thcMg, 10) : null,
        cbdMg: product?.cbdMg ?? null,
        effects: tags(form.effects),
        terpenes: tags(form.terpenes),
        labResultsUrl: orNull(form.labResultsUrl),
        status: form.status as "draft" | "active",
        variants: variants.map((v, i) => {
          const price = dollarsToCents(v.price);
          if (price === null) throw new Error(`Variant ${i + 1}: enter the price in dollars, like 12.50.`);
          const medical = v.medical.trim() ? dollarsToCents(v.medical) : null;
          if (v.medical.trim() && medical === null)
            throw new Error(`Variant ${i + 1}: enter the medical price in dollars, like 11.00.`);
          const weightMg = v.grams.trim() ? gramsToMg(v.grams) : null;
          if (v.grams.trim() && weightMg === null)
            throw new Error(`Variant ${i + 1}: enter the weight in grams, like 3.5.`);
          return {
            ...(v.id ? { id: v.id } : {}),
            sku: v.sku,
            name: v.name,
            weightMg,
            priceCents: price,
            medicalPriceCents: medical,
          };
        }),
      };
      if (product && basis)
        update.mutate({ ...payload, productId: product.id, expectedUpdatedAt: new Date(basis) });
      else create.mutate(payload);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  const archived = product?.status === "archived";
  return (
    <form onSubmit={submit} className="flex flex-col gap-6" noValidate>
      {archived ? (
        <Notice>This product is archived: shoppers do not see it. Restore it to sell it again.</Notice>
      ) : null}
      <fieldset className="grid gap-4 rounded-xl border border-stone-200 bg-white p-4 md:grid-cols-2">
        <legend className="px-1 text-lg font-semibold">Product</legend>
        <Field label="Name" value={form.name} onChange={set("name")} required maxLength={120} />
        <label className="flex flex-col gap-1 text-sm font-medium text-stone-800">
          Category
          <select
            value={form.categoryId}
            onChange={set("categoryId")}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base"
          >
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-stone-800">
          Brand
          <select
            value={form.brandId}
            onChange={set("brandId")}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base"
          >
            <option value="">No brand</option>
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-stone-800">
          Status
          <select
            value={form.status}
            onChange={set("status")}
            disabled={archived}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base"
          >
            <option value="active">Active (on the menu)</option>
            <option value="draft">Draft (hidden)</option>
          </select>
        </label>
        <Field label="Strain name" value={form.strainName} onChange={set("strainName")} />
        <label className="flex flex-col gap-1 text-sm font-medium text-stone-800">
          Strain type
          <select
            value={form.strainType}
            onChange={set("strainType")}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base"
          >
            <option value="">Not applicable</option>
            <option value="indica">Indica</option>
            <option value="sativa">Sativa</option>
            <option value="hybrid">Hybrid</option>
            <option value="cbd">CBD</option>
          </select>
        </label>
        <Field
          label="THC %"
          inputMode="decimal"
          value={form.thc}
          onChange={set("thc")}
          hint="For flower and concentrates, e.g. 21.5"
        />
        <Field label="CBD %" inputMode="decimal" value={form.cbd} onChange={set("cbd")} />
        <Field
          label="THC per package (mg)"
          inputMode="numeric"
          value={form.thcMg}
          onChange={set("thcMg")}
          hint="For edibles and tinctures"
        />
        <Field
          label="Lab results link"
          type="url"
          value={form.labResultsUrl}
          onChange={set("labResultsUrl")}
        />
        <Field
          label="Effects"
          value={form.effects}
          onChange={set("effects")}
          hint="Separate with ; e.g. relaxed; happy"
        />
        <Field
          label="Terpenes"
          value={form.terpenes}
          onChange={set("terpenes")}
          hint="Separate with ; e.g. myrcene; limonene"
        />
        <label className="flex flex-col gap-1 text-sm font-medium text-stone-800 md:col-span-2">
          Description
          <textarea
            value={form.description}
            onChange={set("description")}
            rows={4}
            maxLength={5000}
            className="rounded-lg border border-stone-300 px-3 py-2 text-base"
          />
        </label>
      </fieldset>

      <fieldset className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">Variants</legend>
        {!canWritePrices ? (
          <p className="text-sm text-stone-600" id="price-rights">
            Your role cannot change prices or add variants. Ask a manager.
          </p>
        ) : null}
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
              {variants.map((v, i) => (
                <tr key={v.key} data-testid="variant-row">
                  {(
                    [
                      ["sku", "SKU", false],
                      ["name", "Name", false],
                      ["grams", "Weight in grams", false],
                      ["price", "Price", true],
                      ["medical", "Medical price", true],
                    ] as const
                  ).map(([field, label, isPrice]) => (
                    <td key={field} className="p-1">
                      <input
                        aria-label={`Variant ${i + 1} ${label}`}
                        value={v[field]}
                        inputMode={field === "sku" || field === "name" ? undefined : "decimal"}
                        disabled={isPrice && !canWritePrices}
                        aria-describedby={isPrice && !canWritePrices ? "price-rights" : undefined}
                        onChange={(e) => setVariant(v.key, field, e.target.value)}
                        className="min-h-11 w-full rounded-lg border border-stone-300 px-2 text-base disabled:bg-stone-100"
                      />
                    </td>
                  ))}
                  <td className="p-1">
                    <Button
                      variant="ghost"
                      disabled={variants.length === 1}
                      onClick={() => setVariants((vs) => vs.filter((x) => x.key !== v.key))}
                    >
                      Remove<span className="sr-only"> variant {i + 1}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canWritePrices ? (
          <div>
            <Button variant="secondary" onClick={() => setVariants((vs) => [...vs, blankVariant()])}>
              Add variant
            </Button>
          </div>
        ) : null}
      </fieldset>

      {problem ? <Notice tone="error">{problem}</Notice> : null}
      {serverMessage ? (
        <Notice tone="error">
          {serverMessage}{" "}
          {stale ? (
            <button
              type="button"
              className="font-semibold underline"
              onClick={() => window.location.reload()}
            >
              Reload
            </button>
          ) : null}
        </Notice>
      ) : null}
      {saved ? <Notice tone="success">{saved}</Notice> : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : product ? "Save changes" : "Create product"}
        </Button>
      </div>
    </form>
  );
}
