"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { RetryAction } from "~/components/dashboard/retry-action";
import { useTRPC } from "~/lib/trpc/client";

/** Puts a dead-lettered job back in its queue with a fresh round of attempts. */
export function RetryDeadLetterButton({ jobId, label }: { jobId: string; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const retry = useMutation(trpc.jobs.retryDeadLetter.mutationOptions({ onSuccess: () => router.refresh() }));
  return <RetryAction label={label} retry={retry} onRetry={() => retry.mutate({ jobId })} />;
}
