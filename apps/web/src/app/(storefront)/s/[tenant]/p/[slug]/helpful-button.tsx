"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

/** A review's "helpful" vote; its own module so the page's list of reviews does not load the review form. */
export function HelpfulButton({ reviewId, count }: { reviewId: string; count: number }) {
  const trpc = useTRPC();
  const [shown, setShown] = useState(count);
  const vote = useMutation(
    trpc.reviews.voteHelpful.mutationOptions({ onSuccess: (r) => setShown(r.helpfulCount) }),
  );
  return (
    <div className="flex items-center gap-2 text-sm">
      <Button
        variant="secondary"
        onClick={() => vote.mutate({ reviewId })}
        disabled={vote.isPending || vote.isSuccess}
      >
        Helpful ({shown})
      </Button>
      {vote.isError ? <span role="alert">{describeError(vote.error).message}</span> : null}
    </div>
  );
}
