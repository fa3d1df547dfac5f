"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { RouterOutputs } from "@cannasaas/api";
import { Button } from "@cannasaas/ui/button";
import {
  Form,
  FormCheckbox,
  FormCheckboxGroup,
  FormField,
  FormItem,
  FormRootError,
  FormSubmit,
  useZodForm,
} from "@cannasaas/ui/form";
import { Select } from "@cannasaas/ui/select";
import { PROMOTION_SEGMENTS, PURCHASER_TYPE_LABELS, STRAIN_TYPE_LABELS } from "@cannasaas/validators";
import { describeFormError } from "~/lib/form-errors";
import { useTRPC } from "~/lib/trpc/client";
import { ChoiceList } from "./choice-list";
import {
  promotionFieldOf,
  promotionFormDefaults,
  promotionFormSchema,
  promotionPayload,
  type ListName,
  type PromotionRow,
} from "./form-values";
import { RULE_FIELDS, KIND_LABELS } from "./rule-fields";

type Options = RouterOutputs["promotions"]["formOptions"];
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map((day, i) => ({
  value: String(i + 1),
  label: day,
}));
/** Caps on use, each empty for none. */
const LIMITS = [
  ["Per-order limit (units or bundles)", "perOrderLimit"],
  ["Uses per customer", "perCustomerLimit"],
  ["Total uses", "totalLimit"],
] as const;
const named = (rows: ReadonlyArray<{ id: string; name: string }>) =>
  rows.map((r) => ({ value: r.id, label: r.name }));
const entries = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, text]) => ({ value, label: text }));

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
 * Creates a promotion, or edits one when `editing` is given (same fields, filled in). The form checks what
 * is typed with the schema the server validates with, and shows each problem under its field.
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
  const [defaults] = useState(() => promotionFormDefaults(editing, timeZone));
  const form = useZodForm(promotionFormSchema, { defaultValues: defaults });
  const kind = form.watch("kind");
  const [saved, setSaved] = useState<string | null>(notice);
  const done = (message: string) => {
    setSaved(message);
    router.refresh();
    onDone?.(message);
  };
  const create = useMutation(trpc.promotions.create.mutationOptions());
  const update = useMutation(trpc.promotions.update.mutationOptions());

  const headingId = editing ? "edit-promotion" : "new-promotion";
  return (
    <section aria-labelledby={headingId} className="rounded-xl bg-white p-4 shadow-sm">
      <h2 id={headingId} tabIndex={-1} className="mb-3 text-lg font-semibold">
        {editing ? `Edit ${editing.name}` : "New promotion"}
      </h2>
      <Form
        form={form}
        className="grid gap-4 sm:grid-cols-2"
        showRootError={false}
        describeError={(error) => describeFormError(error, promotionFieldOf)}
        onSubmit={async (values) => {
          setSaved(null);
          const promotion = promotionPayload(values);
          if (editing) {
            await update.mutateAsync({ promotionId: editing.id, promotion });
            done(`${promotion.name} saved.`);
          } else {
            await create.mutateAsync(promotion);
            form.reset(defaults);
            done(`${promotion.name} created.`);
          }
        }}
      >
        <FormField label="Name" name="name" required maxLength={80} className="sm:col-span-2" />
        <FormField
          label="Description (shown to shoppers)"
          name="description"
          maxLength={300}
          className="sm:col-span-2"
        />
        <FormItem name="kind" label="Kind">
          {(control) => (
            <Select {...control} invalid={Boolean(control["aria-invalid"])}>
              {Object.entries(KIND_LABELS).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </Select>
          )}
        </FormItem>
        {RULE_FIELDS[kind].map((field) => (
          <FormField
            key={`${kind}-${field.name}`}
            label={field.label}
            name={field.name}
            inputMode="decimal"
            required={!field.optional}
          />
        ))}

        <h3 className="text-base font-semibold sm:col-span-2">What it applies to</h3>
        <p className="-mt-3 text-sm text-stone-600 sm:col-span-2">
          An item must match every list that has something checked.
        </p>
        {targetLists(options).map((list) => (
          <ChoiceList key={list.name} {...list} />
        ))}

        <h3 className="text-base font-semibold sm:col-span-2">Who and where</h3>
        {audienceLists(options).map((list) => (
          <ChoiceList key={list.name} {...list} />
        ))}

        <h3 className="text-base font-semibold sm:col-span-2">Codes, stacking and schedule</h3>
        <FormField
          label="Coupon codes (comma-separated; empty = automatic)"
          name="codes"
          autoCapitalize="characters"
        />
        <FormItem name="stacking" label="Stacking">
          {(control) => (
            <Select {...control} invalid={Boolean(control["aria-invalid"])}>
              <option value="stackable">Stacks with other stackable deals</option>
              <option value="exclusive">Exclusive: applies alone, wins over others</option>
              <option value="best_for_customer">Best for customer: alone, if it saves more</option>
            </Select>
          )}
        </FormItem>
        <FormField label="Priority (higher first)" name="priority" type="number" />
        <FormCheckbox
          name="firstOrderOnly"
          label="First order only"
          labelClassName="flex min-h-11 items-center gap-2 text-sm"
        />
        <FormField label="Starts (store time)" name="startsAt" type="datetime-local" />
        <FormField label="Ends (store time)" name="endsAt" type="datetime-local" />
        <FormCheckboxGroup
          name="daysOfWeek"
          legend="Days (none = every day)"
          options={DAYS}
          className="sm:col-span-2"
          listClassName="mt-1 flex flex-wrap gap-3"
          optionClassName="flex min-h-11 items-center gap-1 text-sm"
        />
        <FormField label="Daily from (happy hour)" name="startTime" type="time" />
        <FormField label="Daily until" name="endTime" type="time" />
        {LIMITS.map(([text, name]) => (
          <FormField key={name} label={text} name={name} type="number" min={1} />
        ))}
        <FormField label="Minimum order ($)" name="minSubtotal" inputMode="decimal" />
        <div className="flex flex-col gap-2 sm:col-span-2">
          <FormRootError />
          {saved ? (
            <p role="status" className="text-sm text-green-800">
              {saved}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <FormSubmit pending={editing ? "Saving…" : "Creating…"}>
              {editing ? "Save changes" : "Create promotion"}
            </FormSubmit>
            {editing && onDone ? (
              <Button type="button" variant="ghost" onClick={() => onDone(null)}>
                Cancel editing
              </Button>
            ) : null}
          </div>
        </div>
      </Form>
    </section>
  );
}
