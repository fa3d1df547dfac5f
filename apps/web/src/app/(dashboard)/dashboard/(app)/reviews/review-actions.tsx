"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

export function ModerationActions({ reviewId }: { reviewId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const moderate = useMutation(
    trpc.reviewsAdmin.moderate.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <Button
        onClick={() => moderate.mutate({ reviewId, decision: "approve" })}
        disabled={moderate.isPending}
      >
        Approve
      </Button>
      <label className="flex flex-1 flex-col gap-1 text-sm">
        Reason for rejecting
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className="min-h-11 rounded-lg border border-stone-300 px-3"
        />
      </label>
      <Button
        variant="danger"
        onClick={() => moderate.mutate({ reviewId, decision: "reject", reason })}
        disabled={moderate.isPending}
      >
        Reject
      </Button>
      {moderate.isError ? <Notice tone="error">{describeError(moderate.error).message}</Notice> : null}
    </div>
  );
}

export function ReplyForm({ reviewId, current }: { reviewId: string; current: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [reply, setReply] = useState(current ?? "");
  const save = useMutation(trpc.reviewsAdmin.reply.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <form
      className="flex flex-col gap-2 sm:flex-row sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ reviewId, reply });
      }}
    >
      <label className="flex flex-1 flex-col gap-1 text-sm">
        Public reply from the store
        <input
          value={reply}
          onChange={(e) => setReply(e.target.value)}
          className="min-h-11 rounded-lg border border-stone-300 px-3"
        />
      </label>
      <Button variant="secondary" type="submit" disabled={save.isPending}>
        Save reply
      </Button>
      {save.isSuccess ? <span role="status">Saved.</span> : null}
      {save.isError ? <Notice tone="error">{describeError(save.error).message}</Notice> : null}
    </form>
  );
}
