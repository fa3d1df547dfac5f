"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { useTRPC } from "~/lib/trpc/client";
import { errorOf, useAfterSave } from "../use-step";

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
  const [primary, setPrimary] = useState(initial.primaryColor);
  const [accent, setAccent] = useState(initial.accentColor);
  const [logoUrl, setLogoUrl] = useState(initial.logoUrl ?? "");
  const save = useMutation(trpc.onboarding.saveBranding.mutationOptions({ onSuccess: done }));
  const failure = errorOf(save.error);
  const ratio = contrast(primary);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ primaryColor: primary, accentColor: accent, logoUrl });
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {failure ? <Notice tone="error">{failure.message}</Notice> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="primary-color" className="text-sm font-medium">
            Primary colour (buttons, header)
          </label>
          <div className="flex gap-2">
            <input
              type="color"
              aria-label="Pick the primary colour"
              value={primary}
              onChange={(e) => setPrimary(e.target.value)}
              className="h-11 w-14 rounded border border-stone-300"
            />
            <input
              id="primary-color"
              value={primary}
              onChange={(e) => setPrimary(e.target.value)}
              className="min-h-11 flex-1 rounded-lg border border-stone-300 px-3"
              aria-describedby="primary-contrast"
            />
          </div>
          <p
            id="primary-contrast"
            className={`text-xs ${ratio !== null && ratio < 4.5 ? "text-red-700" : "text-stone-600"}`}
          >
            {ratio === null
              ? "Use a hex colour like #1f7a4d."
              : `White text on it: contrast ${ratio.toFixed(2)}:1 ${ratio >= 4.5 ? "(readable)" : "(too light, needs 4.5:1)"}`}
          </p>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="accent-color" className="text-sm font-medium">
            Accent colour
          </label>
          <div className="flex gap-2">
            <input
              type="color"
              aria-label="Pick the accent colour"
              value={accent}
              onChange={(e) => setAccent(e.target.value)}
              className="h-11 w-14 rounded border border-stone-300"
            />
            <input
              id="accent-color"
              value={accent}
              onChange={(e) => setAccent(e.target.value)}
              className="min-h-11 flex-1 rounded-lg border border-stone-300 px-3"
            />
          </div>
        </div>
      </div>
      <Field
        label="Logo address (optional)"
        name="logoUrl"
        type="url"
        value={logoUrl}
        onChange={(e) => setLogoUrl(e.target.value)}
        hint="An https:// link to a PNG, JPEG, WebP or SVG of your logo."
        error={failure?.fields.logoUrl}
      />
      <div className="flex items-center gap-3 rounded-lg border border-stone-200 p-3" aria-label="Preview">
        <span className="rounded-lg px-4 py-2 font-semibold text-white" style={{ background: primary }}>
          Add to cart
        </span>
        <span className="rounded-full px-3 py-1 text-sm font-semibold" style={{ background: accent }}>
          New
        </span>
      </div>
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save and continue"}
      </Button>
    </form>
  );
}
