"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import type { SegmentRules } from "@cannasaas/core";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { Select } from "@cannasaas/ui/select";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { ConditionRow, type FieldOptions } from "./condition-row";
import { defaultCondition } from "./conditions";

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
  const [name, setName] = useState(initial?.name ?? "");
  const [rules, setRules] = useState<SegmentRules>(
    initial?.rules ?? {
      match: "all",
      groups: [{ match: "all", conditions: [defaultCondition("lastOrder", options)] }],
    },
  );
  const deferred = useDeferredValue(rules);
  const count = useQuery({
    ...trpc.marketing.countSegment.queryOptions({ rules: deferred }),
    placeholderData: (p) => p,
  });
  const save = useMutation(
    trpc.marketing.saveSegment.mutationOptions({
      onSuccess: () => {
        router.push("/dashboard/marketing");
        router.refresh();
      },
    }),
  );
  const setGroup = (i: number, group: SegmentRules["groups"][number] | null) =>
    setRules((r) => ({
      ...r,
      groups: group ? r.groups.map((g, j) => (j === i ? group : g)) : r.groups.filter((_, j) => j !== i),
    }));

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ segmentId: initial?.id, name, rules });
      }}
    >
      <Field
        label="Segment name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={80}
      />
      <label className="flex flex-wrap items-center gap-2 text-sm font-medium">
        Customers who match
        <Select
          value={rules.match}
          onChange={(e) => setRules({ ...rules, match: e.target.value as "all" })}
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
          setRules({
            ...rules,
            groups: [
              ...rules.groups,
              { match: "all", conditions: [defaultCondition("orderCount", options)] },
            ],
          })
        }
      >
        Add group
      </button>
      <p role="status" aria-live="polite" className="rounded-lg bg-stone-100 p-3">
        {count.error ? (
          describeError(count.error).message
        ) : count.data ? (
          <>
            <strong className="tabular-nums">{count.data.matching.toLocaleString("en-US")}</strong> customers
            match;{" "}
            <strong className="tabular-nums">{count.data.emailReachable.toLocaleString("en-US")}</strong> of
            them agreed to marketing email. Anyone under the legal age is left out when sending.
          </>
        ) : (
          "Counting…"
        )}
      </p>
      {save.error ? <Notice tone="error">{describeError(save.error).message}</Notice> : null}
      <Button type="submit" disabled={save.isPending} className="self-start">
        {save.isPending ? "Saving…" : "Save segment"}
      </Button>
    </form>
  );
}
