"use client";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@cannasaas/ui/button";
import { useTRPC } from "~/lib/trpc/client";
import { InviteForm } from "../../team/invite-form";
import { useAfterSave } from "../use-step";

type Role = "admin" | "manager" | "budtender" | "driver" | "viewer";

export function StaffStep({
  roles,
  memberCount,
  pendingInvites,
}: {
  roles: { value: Role; label: string }[];
  memberCount: number;
  pendingInvites: number;
}) {
  const trpc = useTRPC();
  const done = useAfterSave();
  const next = useMutation(trpc.onboarding.continue.mutationOptions({ onSuccess: done }));
  return (
    <div className="flex flex-col gap-4">
      <p className="text-stone-700">
        Invite your budtenders, managers and drivers. Each gets an email with a link that works once and lasts
        7 days. You can do this later from Team.
      </p>
      <p className="text-sm text-stone-600">
        {memberCount} member{memberCount === 1 ? "" : "s"}, {pendingInvites} invitation
        {pendingInvites === 1 ? "" : "s"} waiting.
      </p>
      <InviteForm roles={roles} />
      <Button
        type="button"
        variant="secondary"
        disabled={next.isPending}
        onClick={() => next.mutate({ step: "staff" })}
      >
        {memberCount > 1 || pendingInvites > 0 ? "Continue" : "Skip for now"}
      </Button>
    </div>
  );
}
