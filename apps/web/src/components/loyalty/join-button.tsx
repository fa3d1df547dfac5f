"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

export function JoinLoyaltyButton({ bonusPoints }: { bonusPoints: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const join = useMutation(trpc.loyalty.join.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-col items-start gap-2">
      <Button onClick={() => join.mutate()} disabled={join.isPending}>
        {bonusPoints > 0 ? `Join and get ${bonusPoints} points` : "Join rewards"}
      </Button>
      {join.isError ? <Notice tone="error">{describeError(join.error).message}</Notice> : null}
    </div>
  );
}
