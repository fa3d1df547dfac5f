"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@cannasaas/ui/button";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

/** Runs the DNS check now rather than waiting for the scheduled one. */
export function VerifyDomainButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const verify = useMutation(trpc.customDomain.verify.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button variant="secondary" disabled={verify.isPending} onClick={() => verify.mutate()}>
          {verify.isPending ? "Checking…" : "Check DNS now"}
        </Button>
      </div>
      <p aria-live="polite" className="text-sm">
        {verify.data
          ? verify.data.verified
            ? "Verified. Your storefront now answers on this domain."
            : verify.data.reason
          : verify.error
            ? describeError(verify.error).message
            : ""}
      </p>
    </div>
  );
}
