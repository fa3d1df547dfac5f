"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDeferredValue } from "react";
import { z } from "zod";
import type { SegmentRules } from "@cannasaas/core";
import { Form, FormField, FormRootError, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { Select } from "@cannasaas/ui/select";
import { segmentNameSchema } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { describeFormError } from "~/lib/form-errors";
import { useTRPC } from "~/lib/trpc/client";
import { ConditionRow, type FieldOptions } from "./condition-row";
import { defaultCondition } from "./conditions";

/** The name is checked as the server checks it; the rules, which only the builder edits, by the server. */
const segmentFormSchema = z.object({ name: segmentNameSchema, rules: z.custom<SegmentRules>() });

/** The channels a campaign can use, as the reach list names them. */
const REACH = [
  { channel: "email", label: "Email" },
  { channel: "sms", label: "Text message (SMS)" },
  { channel: "push", label: "Web push" },
] as const;

/** Builds a segment: groups of conditions, joined by all/any, with the live count of who matches. */
export function SegmentBuilder({
  options,
  initial,
}: {
  options: FieldOptions;
  initial?: { id: string; name: string; rules: SegmentRules };
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useZodForm(segmentFormSchema, {
    defaultValues: {
      name: initial?.name ?? "",
      rules: initial?.rules ?? {
        match: "all",
        groups: [{ match: "all", conditions: [defaultCondition("lastOrder", options)] }],
      },
    },
  });
  const rules = form.watch("rules");
  const setRules = (update: (r: SegmentRules) => SegmentRules) =>
    form.setValue("rules", update(form.getValues("rules")), { shouldDirty: true });
  const deferred = useDeferredValue(rules);
  const count = useQuery({
    ...trpc.marketing.countSegment.queryOptions({ rules: deferred }),
    placeholderData: (p) => p,
  });
  const save = useMutation(trpc.marketing.saveSegment.mutationOptions());
  const setGroup = (i: number, group: SegmentRules["groups"][number] | null) =>
    setRules((r) => ({
      ...r,
      groups: group ? r.groups.map((g, j) => (j === i ? group : g)) : r.groups.filter((_, j) => j !== i),
    }));

  return (
    <Form
      form={form}
      showRootError={false}
      describeError={(error) => describeFormError(error)}
      onSubmit={async (values) => {
        await save.mutateAsync({ segmentId: initial?.id, ...values });
        router.push("/dashboard/marketing");
        router.refresh();
      }}
    >
      <FormField label="Segment name" name="name" required maxLength={80} />
      <label className="flex flex-wrap items-center gap-2 text-sm font-medium">
        Customers who match
        <Select
          value={rules.match}
          onChange={(e) => setRules((r) => ({ ...r, match: e.target.value as "all" }))}
          className="w-32"
        >
          <option value="all">all</option>
          <option value="any">any</option>
        </Select>
        of these groups
      </label>
      {rules.groups.map((group, i) => (
        <fieldset key={i} className="flex flex-col gap-3 rounded-xl border border-stone-300 bg-white p-4">
          <legend className="px-1 text-sm font-semibold">
            Group {i + 1}: match{" "}
            <Select
              aria-label={`Group ${i + 1} joins its conditions by`}
              value={group.match}
              onChange={(e) => setGroup(i, { ...group, match: e.target.value as "all" })}
              className="inline-block w-24"
            >
              <option value="all">all</option>
              <option value="any">any</option>
            </Select>
          </legend>
          {group.conditions.map((c, k) => (
            <ConditionRow
              key={k}
              label={`Group ${i + 1}, condition ${k + 1}`}
              condition={c}
              options={options}
              onChange={(next) =>
                setGroup(i, { ...group, conditions: group.conditions.map((x, j) => (j === k ? next : x)) })
              }
              onRemove={() =>
                setGroup(
                  i,
                  group.conditions.length > 1
                    ? { ...group, conditions: group.conditions.filter((_, j) => j !== k) }
                    : null,
                )
              }
            />
          ))}
          <button
            type="button"
            className="min-h-11 self-start rounded-lg border border-stone-300 px-3 text-sm font-semibold"
            onClick={() =>
              setGroup(i, {
                ...group,
                conditions: [...group.conditions, defaultCondition("totalSpend", options)],
              })
            }
          >
            Add condition
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="min-h-11 self-start rounded-lg border border-stone-300 px-3 text-sm font-semibold"
        onClick={() =>
          setRules((r) => ({
            ...r,
            groups: [...r.groups, { match: "all", conditions: [defaultCondition("orderCount", options)] }],
          }))
        }
      >
        Add group
      </button>
      <div role="status" aria-live="polite" className="flex flex-col gap-3 rounded-lg bg-stone-100 p-3">
        {count.error ? (
          <p>{describeError(count.error).message}</p>
        ) : count.data ? (
          <>
            <p>
              <strong className="tabular-nums">{count.data.matching.toLocaleString("en-US")}</strong>{" "}
              customers match. A campaign to this segment can reach:
            </p>
            <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 sm:grid-cols-3 sm:gap-x-6">
              {REACH.map(({ channel, label }) => (
                <div key={channel} className="contents sm:flex sm:flex-col">
                  <dt className="text-sm text-stone-600">{label}</dt>
                  <dd className="text-right font-semibold tabular-nums sm:text-left sm:text-lg">
                    {count.data.reach[channel].toLocaleString("en-US")}
                  </dd>
                </div>
              ))}
            </dl>
          </>
        ) : (
          <p>Counting…</p>
        )}
      </div>
      <p className="text-sm text-stone-600">
        Each reach counts the matching customers who agreed to that channel and have a birth date on file,
        with a mobile number that can be texted for text messages and a browser subscribed to your store for
        web push. When the campaign sends, anyone under the legal age, anyone who already had three marketing
        messages in the past week, and anything past your plan&apos;s monthly limit are skipped, so it can
        reach fewer. Texts and pushes wait for 08:00–21:00 on each customer&apos;s clock.
      </p>
      <FormRootError />
      <FormSubmit pending="Saving…" className="self-start">
        Save segment
      </FormSubmit>
    </Form>
  );
}
