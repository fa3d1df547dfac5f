"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useHydrated } from "@cannasaas/ui/form";
import { useTRPC } from "~/lib/trpc/client";
import { errorOf } from "../use-step";

/**
 * Washington only: whether the location's license carries the medical endorsement. Checkout exempts card
 * holders buying DOH-compliant products at an endorsed store from the 37% excise and sales tax.
 */
export function MedicalEndorsementToggle({
  locationId,
  locationName,
  endorsed,
}: {
  locationId: string;
  locationName: string;
  endorsed: boolean;
}) {
  const trpc = useTRPC();
  // Locked until hydrated: hydration undoes a change made before it, and may then save the undone value.
  const hydrated = useHydrated();
  const router = useRouter();
  const hintId = useId();
  const save = useMutation(
    trpc.onboarding.setMedicalEndorsement.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const checked = save.isPending ? Boolean(save.variables?.endorsed) : endorsed;
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label className="flex min-h-11 items-center gap-2">
        <input
          type="checkbox"
          checked={checked}
          disabled={!hydrated || save.isPending}
          aria-describedby={hintId}
          onChange={(event) => save.mutate({ locationId, endorsed: event.target.checked })}
        />
        Medical endorsement
        <span className="sr-only"> for {locationName}</span>
      </label>
      <p id={hintId} className="text-xs text-stone-600">
        Tick only if this store&apos;s license carries Washington&apos;s medical cannabis endorsement: card
        holders then buy DOH-compliant products here without the 37% excise or sales tax.
      </p>
      {save.error ? (
        <p role="alert" className="text-xs text-red-700">
          {errorOf(save.error)!.message}
        </p>
      ) : null}
    </div>
  );
}
