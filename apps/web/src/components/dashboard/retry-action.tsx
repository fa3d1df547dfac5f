"use client";
import { Button } from "@cannasaas/ui/button";
import { describeError } from "~/components/auth/errors";

/** The state of the retry mutation behind the button (a TanStack Query mutation fits as it is). */
type RetryState = { isPending: boolean; isSuccess: boolean; error: unknown };

/** "Retry" for one failed piece of background work, with its outcome announced beside it. */
export function RetryAction({
  label,
  retry,
  onRetry,
}: {
  label: string;
  retry: RetryState;
  onRetry: () => void;
}) {
  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant="secondary" disabled={retry.isPending} onClick={onRetry}>
        {retry.isPending ? "Retrying…" : "Retry"}
        <span className="sr-only"> {label}</span>
      </Button>
      {retry.error ? (
        <p role="alert" className="text-sm text-red-700">
          {describeError(retry.error).message}
        </p>
      ) : null}
      {retry.isSuccess ? (
        <p aria-live="polite" className="text-sm text-emerald-800">
          Queued again.
        </p>
      ) : null}
    </div>
  );
}
