"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { COPY_LIMITS, type ProductCopyText } from "@cannasaas/core/ai-copy";
import { Badge } from "@cannasaas/ui/badge";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { FIELD_LABELS, TONE_LABELS, type CopyDraft } from "./labels";

function CopyField({
  field,
  value,
  onChange,
}: {
  field: keyof ProductCopyText;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const max = COPY_LIMITS[field];
  const Input = field === "description" ? "textarea" : "input";
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {FIELD_LABELS[field]}
      </label>
      <Input
        id={id}
        value={value}
        maxLength={max}
        rows={field === "description" ? 6 : undefined}
        aria-describedby={`${id}-count`}
        onChange={(e) => onChange(e.target.value)}
        className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 shadow-sm outline-none focus:border-brand focus:ring-2 focus:ring-brand/30"
      />
      <p id={`${id}-count`} className="text-xs text-stone-600">
        {value.length} of {max} characters
      </p>
    </div>
  );
}

/**
 * One draft under review: its findings, its fields to edit, and accept (publish) or reject. When the product's
 * copy changed since the draft was made, accepting asks first and replaces only when told to.
 */
export function DraftEditor({ draft, onDone }: { draft: CopyDraft; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const [edited, setEdited] = useState<ProductCopyText>({
    description: draft.description,
    tagline: draft.tagline,
    seoTitle: draft.seoTitle,
    seoDescription: draft.seoDescription,
  });
  const [conflict, setConflict] = useState<string | null>(null);
  const accept = useMutation(
    trpc.productCopy.accept.mutationOptions({
      onSuccess: () => onDone(`Published${draft.productName ? ` on ${draft.productName}` : ""}.`),
      onError: (error) => {
        const failure = describeError(error);
        if (/changed after the draft was made/.test(failure.message)) setConflict(failure.message);
      },
    }),
  );
  const reject = useMutation(
    trpc.productCopy.reject.mutationOptions({ onSuccess: () => onDone("Draft rejected.") }),
  );
  const busy = accept.isPending || reject.isPending;
  const error = [accept.error, reject.error].find(Boolean);
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-stone-200 p-3" data-testid="copy-draft">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {draft.productName ? <span className="font-semibold">{draft.productName}</span> : null}
        <Badge tone={draft.source === "claude" ? "info" : "neutral"}>
          {draft.source === "claude" ? "Written by Claude" : "Written from a template (AI off)"}
        </Badge>
        <span className="text-stone-600">Tone: {TONE_LABELS[draft.tone]}</span>
      </div>
      {draft.notice ? <Notice>{draft.notice}</Notice> : null}
      {draft.flags.length ? (
        <Notice tone="error">
          <p className="font-semibold">The compliance check found sentences to fix before publishing:</p>
          <ul className="mt-1 list-disc pl-5">
            {draft.flags.map((f, i) => (
              <li key={i}>
                {FIELD_LABELS[f.field as keyof ProductCopyText] ?? f.field} ({f.topic.replace("_", " ")}): “
                {f.sentence}”
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {(Object.keys(FIELD_LABELS) as (keyof ProductCopyText)[]).map((field) => (
        <CopyField
          key={field}
          field={field}
          value={edited[field]}
          onChange={(value) => setEdited({ ...edited, [field]: value })}
        />
      ))}
      {conflict ? (
        <Notice tone="error">
          <p>{conflict}</p>
          <Button
            variant="danger"
            className="mt-2"
            disabled={busy}
            onClick={() => accept.mutate({ draftId: draft.id, copy: edited, replaceChanged: true })}
          >
            Replace the current copy
          </Button>
        </Notice>
      ) : error ? (
        <Notice tone="error">{describeError(error).message}</Notice>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button disabled={busy} onClick={() => accept.mutate({ draftId: draft.id, copy: edited })}>
          Accept and publish
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => reject.mutate({ draftId: draft.id })}>
          Reject
        </Button>
      </div>
    </div>
  );
}
