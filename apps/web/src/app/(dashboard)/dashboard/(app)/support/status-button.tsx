"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@cannasaas/ui/button";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

/** "Mark handled" on an open request, "Reopen" on a closed one. */
export function StatusButton({ requestId, open }: { requestId: string; open: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const change = useMutation(trpc.support.setStatus.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-col items-start gap-1">
      <Button
        variant={open ? "primary" : "secondary"}
        disabled={change.isPending}
        onClick={() => change.mutate({ requestId, status: open ? "closed" : "open" })}
      >
        {change.isPending ? "Saving…" : open ? "Mark handled" : "Reopen"}
      </Button>
      {change.error ? (
        <p role="alert" className="text-sm text-red-700">
          {describeError(change.error).message}
        </p>
      ) : null}
    </div>
  );
}
