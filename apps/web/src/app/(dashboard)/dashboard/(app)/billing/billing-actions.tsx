"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Plan } from "@cannasaas/core/plans";
import { PLAN_LABELS } from "@cannasaas/core/plans";
import { Button } from "@cannasaas/ui/button";
import { Modal } from "@cannasaas/ui/dialog";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

export type PlanAction = "start" | "change" | "set";

/** The button under a plan card: start a subscription (Stripe Checkout), switch plan (prorated), or set it directly. */
export function PlanButton({ plan, action, trial }: { plan: Plan; action: PlanAction; trial: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const label = PLAN_LABELS[plan];
  const start = useMutation(
    trpc.billing.startSubscription.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }),
  );
  const change = useMutation(
    trpc.billing.changePlan.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        router.refresh();
      },
    }),
  );
  const set = useMutation(trpc.billing.setPlan.mutationOptions({ onSuccess: () => router.refresh() }));
  const pending = start.isPending || change.isPending || set.isPending;
  const failed = start.error ?? change.error ?? set.error;
  const error = failed ? describeError(failed).message : null;

  return (
    <div className="flex flex-col gap-2">
      <Button
        variant="primary"
        disabled={pending}
        onClick={() => {
          if (action === "start") start.mutate({ plan });
          else if (action === "change") setConfirming(true);
          else set.mutate({ plan });
        }}
      >
        {action === "start"
          ? trial
            ? `Start ${label} with a 14-day trial`
            : `Subscribe to ${label}`
          : action === "change"
            ? `Switch to ${label}`
            : `Set plan to ${label}`}
      </Button>
      {error && !confirming ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Modal
        open={confirming}
        onOpenChange={(open) => {
          if (!pending) setConfirming(open);
        }}
        title={`Switch to ${label}?`}
        description="Stripe charges (or credits) the prorated difference for the rest of this billing period today. Features change at once."
      >
        {error ? (
          <p role="alert" className="mb-3 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
            Keep my plan
          </Button>
          <Button disabled={pending} onClick={() => change.mutate({ plan })}>
            {pending ? "Switching…" : `Switch to ${label}`}
          </Button>
        </div>
      </Modal>
    </div>
  );
}

/** Opens Stripe's customer portal (payment method, billing details, cancellation). */
export function PortalButton() {
  const trpc = useTRPC();
  const portal = useMutation(
    trpc.billing.portal.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }),
  );
  return (
    <div className="flex flex-col gap-2">
      <Button variant="secondary" disabled={portal.isPending} onClick={() => portal.mutate()}>
        {portal.isPending ? "Opening…" : "Manage payment method and invoices"}
      </Button>
      {portal.error ? (
        <p role="alert" className="text-sm text-red-700">
          {describeError(portal.error).message}
        </p>
      ) : null}
    </div>
  );
}
