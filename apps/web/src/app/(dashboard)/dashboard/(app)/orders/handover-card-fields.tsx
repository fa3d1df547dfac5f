"use client";
import { useId } from "react";
import { Field } from "@cannasaas/ui/field";
import { Select } from "@cannasaas/ui/select";
import {
  CARD_BRAND_LABELS,
  CARD_BRANDS,
  handoverCardSchema,
  type HandoverCardInput,
} from "@cannasaas/validators";

export type HandoverCardDraft = { brand: string; last4: string; cardholderName: string };
export const EMPTY_CARD: HandoverCardDraft = { brand: "", last4: "", cardholderName: "" };

/**
 * The card staff may record when they complete a debit order: nothing typed means no card; anything typed
 * must be a whole card (brand, four digits, name). Returns the card, or the errors by field.
 */
export function readHandoverCard(draft: HandoverCardDraft): {
  card: HandoverCardInput | undefined;
  errors: Partial<Record<keyof HandoverCardDraft, string>>;
} {
  if (!draft.brand && !draft.last4.trim() && !draft.cardholderName.trim())
    return { card: undefined, errors: {} };
  const parsed = handoverCardSchema.safeParse(draft);
  if (parsed.success) return { card: parsed.data, errors: {} };
  const errors: Partial<Record<keyof HandoverCardDraft, string>> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as keyof HandoverCardDraft;
    errors[key] ??= issue.message;
  }
  return { card: undefined, errors };
}

/** Brand, last four digits and name on the card: only a keyed fingerprint of them is kept. */
export function HandoverCardFields({
  orderNumber,
  draft,
  errors,
  onChange,
}: {
  orderNumber: number;
  draft: HandoverCardDraft;
  errors: Partial<Record<keyof HandoverCardDraft, string>>;
  onChange: (draft: HandoverCardDraft) => void;
}) {
  const brandId = useId();
  return (
    <fieldset className="flex flex-col gap-2 rounded-lg border border-stone-200 p-3">
      <legend className="px-1 text-sm font-medium">
        Debit card taken (optional)<span className="sr-only"> for order #{orderNumber}</span>
      </legend>
      <p className="text-xs text-stone-600">
        Used only to check referral rewards: the store keeps a fingerprint, never the digits or the name.
      </p>
      <div className="grid gap-2 sm:grid-cols-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={brandId} className="text-sm font-medium text-stone-800">
            Card brand
          </label>
          <Select
            id={brandId}
            value={draft.brand}
            invalid={Boolean(errors.brand)}
            onChange={(event) => onChange({ ...draft, brand: event.target.value })}
          >
            <option value="">Not recorded</option>
            {CARD_BRANDS.map((brand) => (
              <option key={brand} value={brand}>
                {CARD_BRAND_LABELS[brand]}
              </option>
            ))}
          </Select>
          {errors.brand ? (
            <p role="alert" className="text-sm text-red-700">
              {errors.brand}
            </p>
          ) : null}
        </div>
        <Field
          label="Last four digits"
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          pattern="[0-9]{4}"
          value={draft.last4}
          error={errors.last4}
          onChange={(event) => onChange({ ...draft, last4: event.target.value.replace(/\D/g, "") })}
        />
        <Field
          label="Name on the card"
          autoComplete="off"
          maxLength={100}
          value={draft.cardholderName}
          error={errors.cardholderName}
          onChange={(event) => onChange({ ...draft, cardholderName: event.target.value })}
        />
      </div>
    </fieldset>
  );
}
