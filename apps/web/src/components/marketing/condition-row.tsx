"use client";
import { Select } from "@cannasaas/ui/select";
import { defaultCondition, FIELD_LABELS, type ConditionField, type SegmentCondition } from "./conditions";

export type FieldOptions = { tiers: { id: string; name: string }[]; categories: string[] };
const input = "min-h-11 w-28 rounded-lg border border-stone-300 px-3";

/** One condition of a segment: the field, then its comparison and value. */
export function ConditionRow({
  condition,
  options,
  onChange,
  onRemove,
  label,
}: {
  condition: SegmentCondition;
  options: FieldOptions;
  onChange: (c: SegmentCondition) => void;
  onRemove: () => void;
  label: string;
}) {
  const c = condition;
  const number = (v: string) => (v.trim() === "" ? 0 : Math.max(0, Math.round(Number(v))));
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-2">
      <Select
        aria-label="Field"
        value={c.field}
        onChange={(e) => onChange(defaultCondition(e.target.value as ConditionField, options))}
        className="w-48"
      >
        {Object.entries(FIELD_LABELS).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Select>
      {c.field === "lastOrder" ? (
        <>
          <Select
            aria-label="Comparison"
            value={c.op}
            onChange={(e) => onChange({ ...c, op: e.target.value as "within" })}
            className="w-48"
          >
            <option value="within">within the last</option>
            <option value="notWithin">not within the last</option>
          </Select>
          <input
            aria-label="Days"
            inputMode="numeric"
            className={input}
            value={c.days}
            onChange={(e) => onChange({ ...c, days: number(e.target.value) || 1 })}
          />
          <span>days</span>
        </>
      ) : null}
      {c.field === "totalSpend" || c.field === "orderCount" ? (
        <>
          <Select
            aria-label="Comparison"
            value={c.op}
            onChange={(e) => onChange({ ...c, op: e.target.value as "gte" })}
            className="w-36"
          >
            <option value="gte">at least</option>
            <option value="lte">at most</option>
          </Select>
          {c.field === "totalSpend" ? (
            <>
              <span aria-hidden>$</span>
              <input
                aria-label="Dollars"
                inputMode="numeric"
                className={input}
                value={c.cents / 100}
                onChange={(e) => onChange({ ...c, cents: number(e.target.value) * 100 })}
              />
            </>
          ) : (
            <input
              aria-label="Orders"
              inputMode="numeric"
              className={input}
              value={c.value}
              onChange={(e) => onChange({ ...c, value: number(e.target.value) })}
            />
          )}
        </>
      ) : null}
      {c.field === "favouriteCategory" ? (
        <Select
          aria-label="Category"
          value={c.category}
          onChange={(e) => onChange({ ...c, category: e.target.value })}
          className="w-48"
        >
          {options.categories.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </Select>
      ) : null}
      {c.field === "tier" ? (
        options.tiers.length ? (
          <Select
            aria-label="Tier"
            value={c.tierId}
            onChange={(e) => onChange({ ...c, tierId: e.target.value })}
            className="w-48"
          >
            {options.tiers.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        ) : (
          <span className="text-sm text-stone-700">No tiers yet (set them in Loyalty).</span>
        )
      ) : null}
      {c.field === "emailConsent" || c.field === "smsConsent" || c.field === "pushConsent" ? (
        <Select
          aria-label="Consent"
          value={String(c.value)}
          onChange={(e) => onChange({ ...c, value: e.target.value === "true" })}
          className="w-36"
        >
          <option value="true">given</option>
          <option value="false">not given</option>
        </Select>
      ) : null}
      {c.field === "purchaser" ? (
        <Select
          aria-label="Purchaser"
          value={c.value}
          onChange={(e) => onChange({ ...c, value: e.target.value as "medical" })}
          className="w-48"
        >
          <option value="adult_use">adult-use</option>
          <option value="medical">medical patient</option>
        </Select>
      ) : null}
      <button
        type="button"
        onClick={onRemove}
        className="min-h-11 rounded-lg px-3 text-sm font-semibold text-red-800 underline"
      >
        Remove
      </button>
    </div>
  );
}
