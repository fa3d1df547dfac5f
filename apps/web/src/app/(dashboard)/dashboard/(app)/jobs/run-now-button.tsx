"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

const DONE = {
  running: "is running",
  succeeded: "succeeded",
  failed: "failed",
  skipped_locked: "was skipped: a run is already in progress",
} as const;

/** Runs a job at once (owners, local runs only; the server refuses otherwise). */
export function RunNowButton({ job }: { job: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [announcement, setAnnouncement] = useState("");
  const run = useMutation(
    trpc.jobs.runNow.mutationOptions({
      onSuccess: (result) => {
        setAnnouncement(`The ${job} job ${DONE[result.outcome]}.`);
        router.refresh();
      },
    }),
  );
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" disabled={run.isPending} onClick={() => run.mutate({ job })}>
        {run.isPending ? "Running…" : "Run now"}
        <span className="sr-only"> {job}</span>
      </Button>
      <p aria-live="polite" className="text-sm text-stone-700">
        {announcement}
      </p>
      {run.error ? (
        <p role="alert" className="text-sm text-red-700">
          {describeError(run.error).message}
        </p>
      ) : null}
    </div>
  );
}
