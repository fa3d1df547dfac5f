"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

export function InvitationActions({ invitationId, email }: { invitationId: string; email: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const resend = useMutation(
    trpc.team.resendInvitation.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const revoke = useMutation(
    trpc.team.revokeInvitation.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const error = resend.error ?? revoke.error;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={resend.isPending}
        onClick={() => resend.mutate({ invitationId })}
        aria-label={`Send the invitation to ${email} again`}
        className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-sm font-medium"
      >
        {resend.isPending ? "Sending…" : resend.isSuccess ? "Sent again" : "Send again"}
      </button>
      <button
        type="button"
        disabled={revoke.isPending}
        onClick={() => revoke.mutate({ invitationId })}
        aria-label={`Withdraw the invitation to ${email}`}
        className="min-h-11 rounded-lg px-3 text-sm font-medium text-red-700 hover:bg-red-50"
      >
        Withdraw
      </button>
      {error ? (
        <p role="alert" className="basis-full text-sm text-red-700">
          {describeError(error).message}
        </p>
      ) : null}
    </div>
  );
}
