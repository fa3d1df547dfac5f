"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Modal } from "@cannasaas/ui/dialog";
import { useHydrated } from "@cannasaas/ui/form";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

type Role = "owner" | "admin" | "manager" | "budtender" | "driver" | "viewer";

/** Role select and removal (with confirmation) for one member; the server re-checks every rule. */
export function MemberActions({
  userId,
  name,
  role,
  roles,
}: {
  userId: string;
  name: string;
  role: Role;
  roles: { value: Role; label: string }[];
}) {
  const trpc = useTRPC();
  // Locked until hydrated: hydration undoes a change made before it, and may then save the undone value.
  const hydrated = useHydrated();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const change = useMutation(trpc.team.changeRole.mutationOptions({ onSuccess: () => router.refresh() }));
  const remove = useMutation(
    trpc.team.removeMember.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        router.refresh();
      },
    }),
  );
  const error = change.error ?? null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {name}
      </label>
      <select
        id={`role-${userId}`}
        defaultValue={role}
        disabled={!hydrated || change.isPending}
        onChange={(e) => change.mutate({ userId, role: e.target.value as Role })}
        className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-sm"
      >
        {roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className="min-h-11 rounded-lg px-3 text-sm font-medium text-red-700 hover:bg-red-50"
      >
        Remove
      </button>
      {error ? (
        <p role="alert" className="basis-full text-sm text-red-700">
          {describeError(error).message}
        </p>
      ) : null}
      <Modal
        open={confirming}
        onOpenChange={setConfirming}
        title={`Remove ${name}?`}
        description="They lose access to this organization's dashboard at once. You can invite them again later."
      >
        {remove.error ? (
          <p role="alert" className="mb-3 text-sm text-red-700">
            {describeError(remove.error).message}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
            Keep
          </Button>
          <Button
            type="button"
            variant="danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate({ userId })}
          >
            {remove.isPending ? "Removing…" : "Remove"}
          </Button>
        </div>
      </Modal>
    </div>
  );
}
