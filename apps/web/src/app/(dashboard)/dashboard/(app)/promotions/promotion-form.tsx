"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { RouterOutputs } from "@cannasaas/api";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { Select } from "@cannasaas/ui/select";
import { PROMOTION_SEGMENTS, PURCHASER_TYPE_LABELS, STRAIN_TYPE_LABELS } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { ChoiceList } from "./choice-list";
import { initialInputs, valuesFromForm, type PromotionRow } from "./form-values";
import { RULE_FIELDS, KIND_LABELS, type Kind } from "./rule-fields";

type Options = RouterOutputs["promotions"]["formOptions"];
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/** Caps on use, each empty for none. */
const LIMITS = [
  ["Per-order limit (units or bundles)", "perOrderLimit"],
  ["Uses per customer", "perCustomerLimit"],
  ["Total uses", "totalLimit"],
] as const;
const label = "flex flex-col gap-1 text-sm font-medium text-stone-800";
const named = (rows: ReadonlyArray<{ id: string; name: string }>) =>
  rows.map((r) => ({ value: r.id, label: r.name }));
const entries = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, text]) => ({ value, label: text }));

/** The form's checkbox lists, named as their inputs (and as `initialInputs` names their starting values). */
type ListName =
  | "categorySlugs"
  | "brandIds"
  | "strainTypes"
  | "productIds"
  | "variantIds"
  | "menus"
  | "locationIds"
  | "tierIds"
  | "customerSegments";
type List = {
  legend: string;
  name: ListName;
  options: Array<{ value: string; label: string }>;
  hint: string;
};

/** What a promotion applies to: an item must match every list that has something checked. */
const targetLists = (options: Options): List[] => [
  {
    legend: "Categories",
    name: "categorySlugs",
    options: options.categories.map((c) => ({ value: c.slug, label: c.name })),
    hint: "None checked: every category.",
  },
  { legend: "Brands", name: "brandIds", options: named(options.brands), hint: "None checked: every brand." },
  {
    legend: "Strain types",
    name: "strainTypes",
    options: entries(STRAIN_TYPE_LABELS),
    hint: "None checked: every strain type.",
  },
  {
    legend: "Products",
    name: "productIds",
    options: named(options.products),
    hint: "None checked: every product.",
  },
  {
    legend: "Sizes (variants)",
    name: "variantIds",
    options: named(options.variants),
    hint: "None checked: every size.",
  },
];

/** Who and where a promotion is for. */
const audienceLists = (options: Options): List[] => [
  {
    legend: "Menus",
    name: "menus",
    options: entries(PURCHASER_TYPE_LABELS),
    hint: "None checked: both menus.",
  },
  {
    legend: "Locations",
    name: "locationIds",
    options: named(options.locations),
    hint: "None checked: every location.",
  },
  {
    legend: "Loyalty tiers",
    name: "tierIds",
    options: named(options.tiers),
    hint: "None checked: everyone. Checked: signed-in members of those tiers only.",
  },
  {
    legend: "Customer segments",
    name: "customerSegments",
    options: entries(PROMOTION_SEGMENTS),
    hint: "None checked: everyone. Checked: shoppers in any of them.",
  },
];

/**
 * Creates a promotion, or edits one when `editing` is given (same fields, filled in). The server validates
 * with the same schema and refuses absurd deals with the reason.
 */
export function PromotionForm({
  options,
  timeZone,
  editing = null,
  notice = null,
  onDone,
}: {
  options: Options;
  timeZone: string;
  editing?: PromotionRow | null;
  /** What the last save said, kept when the form changes from editing back to a new promotion. */
  notice?: string | null;
  /** Called after a save (with what to announce) or when editing is cancelled (with null). */
  onDone?: (message: string | null) => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const initial = initialInputs(editing, timeZone);
  const [kind, setKind] = useState<Kind>(initial.kind);
  const [days, setDays] = useState<number[]>(initial.daysOfWeek);
  const [saved, setSaved] = useState<string | null>(notice);
  const done = (message: string) => {
    setSaved(message);
    router.refresh();
    onDone?.(message);
  };
  const create = useMutation(
    trpc.promotions.create.mutationOptions({ onSuccess: (_row, input) => done(`${input.name} created.`) }),
  );
  const update = useMutation(
    trpc.promotions.update.mutationOptions({
      onSuccess: (_row, input) => done(`${input.promotion.name} saved.`),
    }),
  );
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(null);
    const values = valuesFromForm(new FormData(event.currentTarget), kind, days);
    if (editing) update.mutate({ promotionId: editing.id, promotion: values });
    else create.mutate(values);
  };

  const headingId = editing ? "edit-promotion" : "new-promotion";
  return (
    <section aria-labelledby={headingId} className="rounded-xl bg-white p-4 shadow-sm">
      <h2 id={headingId} tabIndex={-1} className="mb-3 text-lg font-semibold">
        {editing ? `Edit ${editing.name}` : "New promotion"}
      </h2>
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
        <Field
          label="Name"
          name="name"
          required
          maxLength={80}
          defaultValue={initial.name}
          className="sm:col-span-2"
        />
        <Field
          label="Description (shown to shoppers)"
          name="description"
          maxLength={300}
          defaultValue={initial.description}
          className="sm:col-span-2"
        />
        <label className={label}>
          Kind
          <Select name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {Object.entries(KIND_LABELS).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </Select>
        </label>
        {RULE_FIELDS[kind].map((field) => (
          <Field
            key={`${kind}-${field.name}`}
            label={field.label}
            name={field.name}
            inputMode="decimal"
            required={!field.optional}
            defaultValue={kind === initial.kind ? initial.rule[field.name] : undefined}
          />
        ))}

        <h3 className="text-base font-semibold sm:col-span-2">What it applies to</h3>
        <p className="-mt-3 text-sm text-stone-600 sm:col-span-2">
          An item must match every list that has something checked.
        </p>
        {targetLists(options).map((list) => (
          <ChoiceList key={list.name} {...list} checked={initial[list.name]} />
        ))}

        <h3 className="text-base font-semibold sm:col-span-2">Who and where</h3>
        {audienceLists(options).map((list) => (
          <ChoiceList key={list.name} {...list} checked={initial[list.name]} />
        ))}

        <h3 className="text-base font-semibold sm:col-span-2">Codes, stacking and schedule</h3>
        <Field
          label="Coupon codes (comma-separated; empty = automatic)"
          name="codes"
          autoCapitalize="characters"
          defaultValue={initial.codes}
        />
        <label className={label}>
          Stacking
          <Select name="stacking" defaultValue={initial.stacking}>
            <option value="stackable">Stacks with other stackable deals</option>
            <option value="exclusive">Exclusive: applies alone, wins over others</option>
            <option value="best_for_customer">Best for customer: alone, if it saves more</option>
          </Select>
        </label>
        <Field
          label="Priority (higher first)"
          name="priority"
          type="number"
          defaultValue={initial.priority}
        />
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="firstOrderOnly"
            className="size-5"
            defaultChecked={initial.firstOrderOnly}
          />{" "}
          First order only
        </label>
        <Field
          label="Starts (store time)"
          name="startsAt"
          type="datetime-local"
          defaultValue={initial.startsAt}
        />
        <Field label="Ends (store time)" name="endsAt" type="datetime-local" defaultValue={initial.endsAt} />
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-stone-800">Days (none = every day)</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {DAYS.map((day, i) => (
              <label key={day} className="flex min-h-11 items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  className="size-5"
                  checked={days.includes(i + 1)}
                  onChange={(e) =>
                    setDays((d) => (e.target.checked ? [...d, i + 1] : d.filter((x) => x !== i + 1)))
                  }
                />
                {day}
              </label>
            ))}
          </div>
        </fieldset>
        <Field
          label="Daily from (happy hour)"
          name="startTime"
          type="time"
          defaultValue={initial.startTime}
        />
        <Field label="Daily until" name="endTime" type="time" defaultValue={initial.endTime} />
        {LIMITS.map(([text, name]) => (
          <Field key={name} label={text} name={name} type="number" min={1} defaultValue={initial[name]} />
        ))}
        <Field
          label="Minimum order ($)"
          name="minSubtotal"
          inputMode="decimal"
          defaultValue={initial.minSubtotal}
        />
        <div className="flex flex-col gap-2 sm:col-span-2">
          {error ? <Notice tone="error">{describeError(error).message}</Notice> : null}
          {saved ? (
            <p role="status" className="text-sm text-green-800">
              {saved}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending}>
              {editing ? (pending ? "Saving…" : "Save changes") : pending ? "Creating…" : "Create promotion"}
            </Button>
            {editing && onDone ? (
              <Button type="button" variant="ghost" onClick={() => onDone(null)}>
                Cancel editing
              </Button>
            ) : null}
          </div>
        </div>
      </form>
    </section>
  );
}
