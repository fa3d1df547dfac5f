"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { COPY_LIMITS, COPY_TONES, type CopyTone, type ProductCopyText } from "@cannasaas/core/ai-copy";
import { Badge } from "@cannasaas/ui/badge";
import { Button } from "@cannasaas/ui/button";
import { Card, Notice } from "@cannasaas/ui/card";
import { Select } from "@cannasaas/ui/select";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

const TONE_LABELS: Record<CopyTone, string> = {
  professional: "Professional",
  casual: "Casual",
  medical: "Clinical (facts only, no health claims)",
  luxury: "Luxury",
};
const FIELD_LABELS: Record<keyof ProductCopyText, string> = {
  description: "Description",
  tagline: "Tagline",
  seoTitle: "SEO title",
  seoDescription: "SEO description",
};
const OFF_REASONS = {
  no_key: "AI is off: copy is written from a template over the product's fields.",
  plan: "AI is off on your plan (Claude copy comes with Professional): copy is written from a template over the product's fields.",
  quota: "This month's AI allowance is used up: copy is written from a template over the product's fields.",
} as const;

type Draft = {
  id: string;
  source: string;
  tone: CopyTone;
  flags: { field: string; topic: string; sentence: string }[];
  notice?: string | null;
} & ProductCopyText;

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
 * Generated copy for one product: choose a tone, generate a draft, edit it, then accept (publish) or reject it.
 * Nothing reaches the product until it is accepted, and the page says when a template (AI off) wrote it.
 */
export function CopyPanel({ productId }: { productId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [tone, setTone] = useState<CopyTone>("professional");
  const [draft, setDraft] = useState<Draft | null>(null);
  const [edited, setEdited] = useState<ProductCopyText | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const status = useQuery(trpc.productCopy.aiStatus.queryOptions());
  const pending = useQuery(trpc.productCopy.drafts.queryOptions({ productId, status: "pending" }));
  const refreshQueue = () => queryClient.invalidateQueries({ queryKey: trpc.productCopy.drafts.queryKey() });

  const open = (d: Draft) => {
    setDraft(d);
    setEdited({
      description: d.description,
      tagline: d.tagline,
      seoTitle: d.seoTitle,
      seoDescription: d.seoDescription,
    });
    setConflict(null);
    setDone(null);
  };
  const generate = useMutation(
    trpc.productCopy.generate.mutationOptions({
      onSuccess: (r) => {
        open({ id: r.draftId, source: r.source, tone, flags: r.flags, notice: r.notice, ...r.copy });
        void refreshQueue();
      },
    }),
  );
  const finish = (message: string) => {
    setDraft(null);
    setEdited(null);
    setConflict(null);
    setDone(message);
    void refreshQueue();
    router.refresh();
  };
  const accept = useMutation(
    trpc.productCopy.accept.mutationOptions({
      onSuccess: () => finish("Published: the product now shows this copy."),
      onError: (error) => {
        const failure = describeError(error);
        if (/changed after the draft was made/.test(failure.message)) setConflict(failure.message);
      },
    }),
  );
  const reject = useMutation(
    trpc.productCopy.reject.mutationOptions({ onSuccess: () => finish("Draft rejected.") }),
  );
  const busy = generate.isPending || accept.isPending || reject.isPending;
  const offNotice =
    status.data && !status.data.aiOn && status.data.reason ? OFF_REASONS[status.data.reason] : null;
  const actionError = [generate.error, accept.error, reject.error].find(Boolean);

  return (
    <Card as="section" aria-labelledby="copy-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="copy-heading" className="text-lg font-semibold">
          Product copy
        </h2>
        {status.data ? (
          <Badge tone={status.data.aiOn ? "info" : "neutral"}>
            {status.data.aiOn ? "AI on (Claude)" : "AI off"}
          </Badge>
        ) : null}
      </div>
      <p className="text-sm text-stone-700">
        Writes a description, a tagline and SEO texts from this product&apos;s category, strain, potency,
        effects, terpenes and brand. You review every draft before it is published.
      </p>
      {offNotice ? <Notice>{offNotice}</Notice> : null}
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium text-stone-800">
          Tone
          <Select value={tone} onChange={(e) => setTone(e.target.value as CopyTone)} disabled={busy}>
            {COPY_TONES.map((t) => (
              <option key={t} value={t}>
                {TONE_LABELS[t]}
              </option>
            ))}
          </Select>
        </label>
        <Button disabled={busy} onClick={() => generate.mutate({ productId, tone })}>
          {generate.isPending ? "Writing…" : "Generate copy"}
        </Button>
      </div>
      {done ? <Notice tone="success">{done}</Notice> : null}
      {actionError && !conflict ? <Notice tone="error">{describeError(actionError).message}</Notice> : null}

      {draft && edited ? (
        <div className="flex flex-col gap-3 rounded-lg border border-stone-200 p-3" data-testid="copy-draft">
          <div className="flex flex-wrap items-center gap-2 text-sm">
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
                    {FIELD_LABELS[f.field as keyof ProductCopyText] ?? f.field} ({f.topic.replace("_", " ")}):
                    “{f.sentence}”
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
      ) : null}

      <div>
        <h3 className="text-sm font-semibold text-stone-800">Drafts waiting for review</h3>
        {pending.isLoading ? (
          <p className="text-sm text-stone-600">Loading drafts…</p>
        ) : pending.error ? (
          <p role="alert" className="text-sm text-red-700">
            {describeError(pending.error).message}
          </p>
        ) : pending.data?.length ? (
          <ul className="mt-1 flex flex-col gap-1">
            {pending.data.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-2 text-sm">
                <span>
                  {TONE_LABELS[d.tone]} · {d.source === "claude" ? "Claude" : "template"} ·{" "}
                  {d.flags.length ? `${d.flags.length} to fix` : "no findings"}
                </span>
                <Button
                  variant="ghost"
                  className="min-h-9 px-2"
                  disabled={busy || draft?.id === d.id}
                  onClick={() => open(d)}
                >
                  Review
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">No drafts waiting.</p>
        )}
      </div>
    </Card>
  );
}
