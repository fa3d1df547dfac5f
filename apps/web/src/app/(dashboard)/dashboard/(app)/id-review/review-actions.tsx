"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

/**
 * Approve or reject a document. Approving a photo ID asks for the state of the home address printed on it
 * (prefilled with the issuing state, which staff confirm or correct): it decides residency where purchase
 * limits depend on it.
 */
export function ReviewActions({
  documentId,
  askResidentState,
  issuingState,
}: {
  documentId: string;
  askResidentState: boolean;
  issuingState: string | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [residentState, setResidentState] = useState(issuingState ?? "");
  const done = { onSuccess: () => router.refresh() };
  const approve = useMutation(trpc.idReview.approve.mutationOptions(done));
  const reject = useMutation(trpc.idReview.reject.mutationOptions(done));
  const error = approve.error ?? reject.error;
  const busy = approve.isPending || reject.isPending;
  return (
    <div className="flex flex-col gap-2">
      {error ? <Notice tone="error">{describeError(error).message}</Notice> : null}
      <div className="flex flex-wrap items-end gap-2">
        {askResidentState ? (
          <label className="flex flex-col gap-1 text-sm font-medium">
            State on the ID&apos;s home address
            <input
              value={residentState}
              onChange={(event) => setResidentState(event.target.value.toUpperCase())}
              maxLength={2}
              placeholder="e.g. IL"
              aria-describedby={`resident-help-${documentId}`}
              className="min-h-11 w-24 rounded-lg border border-stone-300 px-3 text-base uppercase"
            />
            <span id={`resident-help-${documentId}`} className="text-xs font-normal text-stone-600">
              Decides residency limits (Illinois). Leave empty if the address is unreadable.
            </span>
          </label>
        ) : null}
        <Button
          disabled={busy}
          onClick={() =>
            approve.mutate({
              documentId,
              ...(askResidentState ? { residentState: residentState.trim() || null } : {}),
            })
          }
        >
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
