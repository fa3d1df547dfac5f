"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

export function AcceptReferral({ code }: { code: string }) {
  const trpc = useTRPC();
  const accept = useMutation(trpc.loyalty.acceptReferral.mutationOptions());
  if (accept.isSuccess)
    return (
      <Notice tone="success">
        Invitation accepted.{" "}
        <Link href="/" className="font-semibold underline">
          Browse the menu
        </Link>{" "}
        to place your first order.
      </Notice>
    );
  return (
    <div className="flex flex-col items-start gap-2">
      <Button onClick={() => accept.mutate({ code })} disabled={accept.isPending}>
        Accept the invitation
      </Button>
      {accept.isError ? <Notice tone="error">{describeError(accept.error).message}</Notice> : null}
    </div>
  );
}
