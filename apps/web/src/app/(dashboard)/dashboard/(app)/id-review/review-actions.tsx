"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

export function ReviewActions({ documentId }: { documentId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const done = { onSuccess: () => router.refresh() };
  const approve = useMutation(trpc.idReview.approve.mutationOptions(done));
  const reject = useMutation(trpc.idReview.reject.mutationOptions(done));
  const error = approve.error ?? reject.error;
  const busy = approve.isPending || reject.isPending;
  return (
    <div className="flex flex-col gap-2">
      {error ? <Notice tone="error">{describeError(error).message}</Notice> : null}
      <div className="flex flex-wrap items-end gap-2">
        <Button disabled={busy} onClick={() => approve.mutate({ documentId })}>
          Approve
        </Button>
        <label className="flex flex-1 flex-col gap-1 text-sm font-medium">
          Reason for rejecting
          <input
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            placeholder="e.g. photo is blurry"
            className="min-h-11 rounded-lg border border-stone-300 px-3 text-base"
          />
        </label>
        <Button
          variant="danger"
          disabled={busy || reason.trim() === ""}
          onClick={() => reject.mutate({ documentId, reason })}
        >
          Reject
        </Button>
      </div>
    </div>
  );
}
