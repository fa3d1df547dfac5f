"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { COPY_TONES, type CopyTone } from "@cannasaas/core/ai-copy";
import { Badge } from "@cannasaas/ui/badge";
import { Button } from "@cannasaas/ui/button";
import { Card, Notice } from "@cannasaas/ui/card";
import { Select } from "@cannasaas/ui/select";
import { describeError } from "~/components/auth/errors";
import { DraftEditor } from "~/components/product-copy/draft-editor";
import { OFF_REASONS, TONE_LABELS, type CopyDraft } from "~/components/product-copy/labels";
import { useTRPC } from "~/lib/trpc/client";

/**
 * Generated copy for one product: choose a tone, generate a draft, edit it, then accept (publish) or reject it.
 * Nothing reaches the product until it is accepted, and the page says when a template (AI off) wrote it.
 */
export function CopyPanel({ productId }: { productId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [tone, setTone] = useState<CopyTone>("professional");
  const [draft, setDraft] = useState<CopyDraft | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const status = useQuery(trpc.productCopy.aiStatus.queryOptions());
  const pending = useQuery(trpc.productCopy.drafts.queryOptions({ productId, status: "pending" }));
  const refreshQueue = () => queryClient.invalidateQueries({ queryKey: trpc.productCopy.drafts.queryKey() });

  const open = (d: CopyDraft) => {
    setDraft(d);
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
    setDone(message);
    void refreshQueue();
    router.refresh();
  };
  const offNotice =
    status.data && !status.data.aiOn && status.data.reason ? OFF_REASONS[status.data.reason] : null;

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
        effects, terpenes and brand. You review every draft before it is published.{" "}
        <Link href="/dashboard/catalog/copy" className="text-brand underline">
          Write copy for many products
        </Link>
      </p>
      {offNotice ? <Notice>{offNotice}</Notice> : null}
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium text-stone-800">
          Tone
          <Select
            value={tone}
            onChange={(e) => setTone(e.target.value as CopyTone)}
            disabled={generate.isPending}
          >
            {COPY_TONES.map((t) => (
              <option key={t} value={t}>
                {TONE_LABELS[t]}
              </option>
            ))}
          </Select>
        </label>
        <Button disabled={generate.isPending} onClick={() => generate.mutate({ productId, tone })}>
          {generate.isPending ? "Writing…" : "Generate copy"}
        </Button>
      </div>
      {done ? <Notice tone="success">{done}</Notice> : null}
      {generate.error ? <Notice tone="error">{describeError(generate.error).message}</Notice> : null}
      {draft ? <DraftEditor key={draft.id} draft={draft} onDone={finish} /> : null}

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
                  disabled={draft?.id === d.id}
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
