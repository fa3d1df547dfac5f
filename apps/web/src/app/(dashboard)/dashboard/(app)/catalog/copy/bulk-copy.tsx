"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { COPY_TONES, type CopyTone } from "@cannasaas/core/ai-copy";
import { Badge } from "@cannasaas/ui/badge";
import { Button } from "@cannasaas/ui/button";
import { Card, EmptyState, Notice } from "@cannasaas/ui/card";
import { Select } from "@cannasaas/ui/select";
import { describeError } from "~/components/auth/errors";
import { DraftEditor } from "~/components/product-copy/draft-editor";
import { OFF_REASONS, TONE_LABELS } from "~/components/product-copy/labels";
import { useTRPC } from "~/lib/trpc/client";

type Scope = "unpublished" | "all";

/**
 * Bulk copy: drafts for every product without published copy (or the whole catalog), one request at a time with
 * a progress bar. A run skips products that already have a draft waiting, so stopping, leaving or a failure can
 * be resumed by running again. Below, the review queue of every waiting draft.
 */
export function BulkCopy({ canWrite }: { canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [tone, setTone] = useState<CopyTone>("professional");
  const [scope, setScope] = useState<Scope>("unpublished");
  const [progress, setProgress] = useState<{ done: number; total: number; failed: number } | null>(null);
  const [running, setRunning] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const stop = useRef(false);
  const status = useQuery(trpc.productCopy.aiStatus.queryOptions());
  const coverage = useQuery(trpc.productCopy.coverage.queryOptions());
  const queue = useQuery(trpc.productCopy.drafts.queryOptions({ status: "pending" }));
  const generate = useMutation(trpc.productCopy.generate.mutationOptions());
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.productCopy.drafts.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.productCopy.coverage.queryKey() }),
    ]);

  const targets = (coverage.data ?? []).filter(
    (p) => p.pendingDrafts === 0 && (scope === "all" || !p.published),
  );

  async function run() {
    const todo = targets;
    stop.current = false;
    setRunning(true);
    setMessage(null);
    let failed = 0;
    let lastError: string | null = null;
    setProgress({ done: 0, total: todo.length, failed: 0 });
    for (const [i, product] of todo.entries()) {
      if (stop.current) break;
      try {
        await generate.mutateAsync({ productId: product.productId, tone });
      } catch (error) {
        failed += 1;
        lastError = describeError(error).message;
        // A rate limit or lost connection will not clear by trying the next product at once.
        if (/Too many|could not reach/i.test(lastError)) break;
      }
      setProgress({ done: i + 1, total: todo.length, failed });
      if ((i + 1) % 5 === 0) void refresh();
    }
    setRunning(false);
    await refresh();
    setMessage(
      stop.current
        ? "Stopped. Run again to continue where it left off."
        : lastError
          ? `Some products were skipped (${lastError}). Run again to retry them.`
          : "Done. Review the drafts below.",
    );
  }

  const offNotice =
    status.data && !status.data.aiOn && status.data.reason ? OFF_REASONS[status.data.reason] : null;
  return (
    <div className="flex flex-col gap-5">
      {canWrite ? (
        <Card as="section" aria-labelledby="bulk-heading" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="bulk-heading" className="text-lg font-semibold">
              Write copy in bulk
            </h2>
            {status.data ? (
              <Badge tone={status.data.aiOn ? "info" : "neutral"}>
                {status.data.aiOn ? "AI on (Claude)" : "AI off"}
              </Badge>
            ) : null}
          </div>
          {offNotice ? <Notice>{offNotice}</Notice> : null}
          <div className="flex flex-wrap items-end gap-3">
            <label className="flex flex-col gap-1 text-sm font-medium text-stone-800">
              Tone
              <Select value={tone} onChange={(e) => setTone(e.target.value as CopyTone)} disabled={running}>
                {COPY_TONES.map((t) => (
                  <option key={t} value={t}>
                    {TONE_LABELS[t]}
                  </option>
                ))}
              </Select>
            </label>
            <label className="flex flex-col gap-1 text-sm font-medium text-stone-800">
              Products
              <Select value={scope} onChange={(e) => setScope(e.target.value as Scope)} disabled={running}>
                <option value="unpublished">Without published copy</option>
                <option value="all">Whole catalog</option>
              </Select>
            </label>
            {running ? (
              <Button variant="secondary" onClick={() => (stop.current = true)}>
                Stop
              </Button>
            ) : (
              <Button disabled={!coverage.data || targets.length === 0} onClick={() => void run()}>
                Write {targets.length} {targets.length === 1 ? "draft" : "drafts"}
              </Button>
            )}
          </div>
          <p className="text-sm text-stone-600">
            Products with a draft already waiting are skipped, so a stopped run continues when you run it
            again.
          </p>
          {progress ? (
            <div className="flex flex-col gap-1">
              <progress
                className="h-3 w-full"
                max={Math.max(progress.total, 1)}
                value={progress.done}
                aria-label="Bulk copy progress"
              />
              <p className="text-sm text-stone-700" aria-live="polite">
                {progress.done} of {progress.total} products
                {progress.failed ? `, ${progress.failed} skipped` : ""}
              </p>
            </div>
          ) : null}
          {message ? <Notice tone={/skipped/.test(message) ? "error" : "success"}>{message}</Notice> : null}
          {coverage.error ? <Notice tone="error">{describeError(coverage.error).message}</Notice> : null}
        </Card>
      ) : null}

      <section aria-labelledby="queue-heading" className="flex flex-col gap-3">
        <h2 id="queue-heading" className="text-lg font-semibold">
          Waiting for review {queue.data ? `(${queue.data.length})` : ""}
        </h2>
        {queue.isLoading ? (
          <p role="status">Loading drafts…</p>
        ) : queue.error ? (
          <Notice tone="error">{describeError(queue.error).message}</Notice>
        ) : queue.data?.length ? (
          <ul className="flex flex-col gap-3">
            {queue.data.map((d) => (
              <li key={d.id}>
                {canWrite ? (
                  <DraftEditor draft={d} onDone={() => void refresh()} />
                ) : (
                  <Card>
                    <p className="font-semibold">{d.productName}</p>
                    <p className="mt-1 whitespace-pre-line text-sm">{d.description}</p>
                  </Card>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>No drafts waiting for review.</EmptyState>
        )}
      </section>
    </div>
  );
}
