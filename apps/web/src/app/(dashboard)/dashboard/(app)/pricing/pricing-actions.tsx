"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { Button } from "@cannasaas/ui/button";
import { Form, FormItem, FormRootError, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { convertedSchema } from "@cannasaas/ui/form-schema";
import { pricingPolicyInput } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { describeFormError } from "~/lib/form-errors";
import { useTRPC } from "~/lib/trpc/client";

const inputClass =
  "min-h-11 w-28 rounded-lg border border-stone-300 bg-white px-3 text-base shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30";

function ErrorLine({ message }: { message: string }) {
  return message ? (
    <p role="alert" className="text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

/** Recomputes the suggestions from today's lots and sales; prices stay as they are. */
export function RefreshButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useMutation(trpc.pricing.refresh.mutationOptions());
  const [note, setNote] = useState("");
  const [error, setError] = useState("");
  async function run() {
    setError("");
    setNote("");
    try {
      const result = await refresh.mutateAsync();
      const skipped = result.skipped.length
        ? ` Skipped ${result.skipped.length}: ${result.skipped
            .slice(0, 5)
            .map((s) => `${s.label} (${s.reason})`)
            .join("; ")}${result.skipped.length > 5 ? "; …" : ""}`
        : "";
      setNote(
        `${result.created} suggestion${result.created === 1 ? "" : "s"} for ${result.today}.${skipped}`,
      );
      router.refresh();
    } catch (e) {
      setError(describeError(e).message);
    }
  }
  return (
    <div className="flex flex-col gap-2">
      <Button onClick={run} disabled={refresh.isPending} className="self-start">
        {refresh.isPending ? "Checking lots and sales…" : "Refresh suggestions"}
      </Button>
      <p aria-live="polite" className="text-sm text-stone-700">
        {note}
      </p>
      <ErrorLine message={error} />
    </div>
  );
}

/** Approve (the price changes through the catalog) or dismiss one suggestion. */
export function DecisionButtons({ suggestionId, label }: { suggestionId: string; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const approve = useMutation(trpc.pricing.approve.mutationOptions());
  const dismiss = useMutation(trpc.pricing.dismiss.mutationOptions());
  const [error, setError] = useState("");
  const busy = approve.isPending || dismiss.isPending;
  async function run(action: typeof approve) {
    setError("");
    try {
      await action.mutateAsync({ suggestionId });
      router.refresh();
    } catch (e) {
      setError(describeError(e).message);
    }
  }
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => run(approve)} disabled={busy}>
          Approve<span className="sr-only"> the markdown of {label}</span>
        </Button>
        <Button variant="secondary" onClick={() => run(dismiss)} disabled={busy}>
          Dismiss<span className="sr-only"> the markdown of {label}</span>
        </Button>
      </div>
      <ErrorLine message={error} />
    </div>
  );
}

type Policy = { marginFloorBp: number; expiryWindowDays: number; slowMoverCoverDays: number };

const policyFields = z.object({ margin: z.string(), expiry: z.string(), cover: z.string() });
type PolicyFields = z.input<typeof policyFields>;
/** A typed number; NaN when empty or not a number, which the schema refuses. */
const num = (v: string) => (v.trim() ? Number(v) : NaN);
/** What `pricing.setPolicy` takes: the margin floor in basis points (12.5% = 1250). */
const policyPayload = (v: PolicyFields) => ({
  marginFloorBp: Math.round(num(v.margin) * 100),
  expiryWindowDays: num(v.expiry),
  slowMoverCoverDays: num(v.cover),
});
const POLICY_FIELD: Record<string, string> = {
  marginFloorBp: "margin",
  expiryWindowDays: "expiry",
  slowMoverCoverDays: "cover",
};
const policyFieldOf = ([name]: readonly PropertyKey[]) =>
  typeof name === "string" ? (POLICY_FIELD[name] ?? null) : null;
const policyFormSchema = convertedSchema(policyFields, policyPayload, pricingPolicyInput, policyFieldOf);

/** The owner's rules: the margin floor (percent of the price) and when a lot or a line counts for a markdown. */
export function PolicyForm({ policy }: { policy: Policy }) {
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.pricing.setPolicy.mutationOptions());
  const form = useZodForm(policyFormSchema, {
    defaultValues: {
      margin: String(policy.marginFloorBp / 100),
      expiry: String(policy.expiryWindowDays),
      cover: String(policy.slowMoverCoverDays),
    },
  });
  const [saved, setSaved] = useState("");
  const field = (name: keyof PolicyFields, label: string, hint: string) => (
    <FormItem name={name} label={label} hint={hint}>
      {(control) => <input {...control} inputMode="decimal" className={inputClass} />}
    </FormItem>
  );
  return (
    <Form
      form={form}
      aria-label="Markdown rules"
      className="flex flex-wrap items-start gap-4 rounded-xl border border-stone-200 bg-white p-4"
      showRootError={false}
      describeError={(error) => describeFormError(error, policyFieldOf)}
      onSubmit={async (values) => {
        setSaved("");
        await save.mutateAsync(policyPayload(values));
        setSaved("Saved. Refresh the suggestions to apply it.");
        router.refresh();
      }}
    >
      {field("margin", "Margin floor (%)", "Lowest margin a markdown may leave over the unit cost.")}
      {field("expiry", "Expiring within (days)", "Lots closer than this to expiry are marked down.")}
      {field("cover", "Slow after (days of stock)", "Stock lasting longer than this at the recent rate.")}
      <div className="flex flex-col gap-1 self-center">
        <FormSubmit variant="secondary">Save rules</FormSubmit>
        <p aria-live="polite" className="text-xs text-stone-700">
          {saved}
        </p>
      </div>
      <FormRootError className="basis-full" />
    </Form>
  );
}
