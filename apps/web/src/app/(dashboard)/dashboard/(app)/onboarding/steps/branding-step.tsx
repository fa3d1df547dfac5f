"use client";
import { useMutation } from "@tanstack/react-query";
import { useWatch } from "react-hook-form";
import { Form, FormField, FormItem, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { brandingSchema } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { useAfterSave } from "../use-step";

function contrast(hex: string): number | null {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return null;
  const lum = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * lum[0]! + 0.7152 * lum[1]! + 0.0722 * lum[2]!;
  return 1.05 / (l + 0.05);
}

export function BrandingStep({
  initial,
}: {
  initial: { primaryColor: string; accentColor: string; logoUrl?: string | null };
}) {
  const trpc = useTRPC();
  const done = useAfterSave();
  const save = useMutation(trpc.onboarding.saveBranding.mutationOptions({ onSuccess: done }));
  const form = useZodForm(brandingSchema, {
    defaultValues: {
      primaryColor: initial.primaryColor,
      accentColor: initial.accentColor,
      logoUrl: initial.logoUrl ?? "",
    },
  });
  const [primary, accent] = useWatch({ control: form.control, name: ["primaryColor", "accentColor"] });
  const ratio = contrast(primary);
  // The swatch and the hex text edit the same value.
  const picker = (name: "primaryColor" | "accentColor", label: string) => (
    <input
      type="color"
      aria-label={label}
      value={name === "primaryColor" ? primary : accent}
      onChange={(e) => form.setValue(name, e.target.value, { shouldDirty: true, shouldValidate: true })}
      className="h-11 w-14 rounded border border-stone-300"
    />
  );
  return (
    <Form form={form} onSubmit={(values) => save.mutateAsync(values)} describeError={describeError}>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormItem
          name="primaryColor"
          label="Primary colour (buttons, header)"
          hint={
            <span className={ratio !== null && ratio < 4.5 ? "text-red-700" : undefined}>
              {ratio === null
                ? "Use a hex colour like #1f7a4d."
                : `White text on it: contrast ${ratio.toFixed(2)}:1 ${ratio >= 4.5 ? "(readable)" : "(too light, needs 4.5:1)"}`}
            </span>
          }
        >
          {(control) => (
            <div className="flex gap-2">
              {picker("primaryColor", "Pick the primary colour")}
              <input {...control} className="min-h-11 flex-1 rounded-lg border border-stone-300 px-3" />
            </div>
          )}
        </FormItem>
        <FormItem name="accentColor" label="Accent colour">
          {(control) => (
            <div className="flex gap-2">
              {picker("accentColor", "Pick the accent colour")}
              <input {...control} className="min-h-11 flex-1 rounded-lg border border-stone-300 px-3" />
            </div>
          )}
        </FormItem>
      </div>
      <FormField
        label="Logo address (optional)"
        name="logoUrl"
        type="url"
        hint="An https:// link to a PNG, JPEG, WebP or SVG of your logo."
      />
      <div className="flex items-center gap-3 rounded-lg border border-stone-200 p-3" aria-label="Preview">
        <span className="rounded-lg px-4 py-2 font-semibold text-white" style={{ background: primary }}>
          Add to cart
        </span>
        <span className="rounded-full px-3 py-1 text-sm font-semibold" style={{ background: accent }}>
          New
        </span>
      </div>
      <FormSubmit pending="Saving…">Save and continue</FormSubmit>
    </Form>
  );
}
