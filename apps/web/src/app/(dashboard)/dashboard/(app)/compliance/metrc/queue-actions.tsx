"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { describeError } from "~/components/auth/errors";
import { RetryAction } from "~/components/dashboard/retry-action";
import { useTRPC } from "~/lib/trpc/client";
import { describeReconcileRun, describeSyncRun } from "./run-now-summary";

/** Sends a failed or dead-lettered report again. */
export function RetryButton({ itemId, label }: { itemId: string; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const retry = useMutation(trpc.metrc.retry.mutationOptions({ onSuccess: () => router.refresh() }));
  return <RetryAction label={label} retry={retry} onRetry={() => retry.mutate({ itemId })} />;
}

/** "Sync now" and "Reconcile now": the same work the scheduled jobs do, for this organization only. */
export function RunNowButtons({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [summary, setSummary] = useState<string | null>(null);
  const sync = useMutation(
    trpc.metrc.syncNow.mutationOptions({
      onSuccess: (r) => {
        setSummary(describeSyncRun(r));
        router.refresh();
      },
    }),
  );
  const reconcile = useMutation(
    trpc.metrc.reconcileNow.mutationOptions({
      onSuccess: (results) => {
        setSummary(describeReconcileRun(results, { timeZone, now: new Date() }));
        router.refresh();
      },
    }),
  );
  const error = sync.error ?? reconcile.error;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <Button disabled={sync.isPending} onClick={() => (reconcile.reset(), sync.mutate())}>
          {sync.isPending ? "Syncing…" : "Sync now"}
        </Button>
        <Button
          variant="secondary"
          disabled={reconcile.isPending}
          onClick={() => (sync.reset(), reconcile.mutate())}
        >
          {reconcile.isPending ? "Comparing…" : "Reconcile now"}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {describeError(error).message}
        </p>
      ) : null}
      <p aria-live="polite" className="text-sm text-stone-700">
        {summary}
      </p>
    </div>
  );
}
