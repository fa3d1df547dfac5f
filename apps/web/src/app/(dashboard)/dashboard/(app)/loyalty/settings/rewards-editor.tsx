"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Badge } from "@cannasaas/ui/badge";
import { Button } from "@cannasaas/ui/button";
import { Card, EmptyState } from "@cannasaas/ui/card";
import { formatCents } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";
import { NewRewardForm } from "./new-reward-form";

type Reward = {
  id: string;
  name: string;
  kind: "amount_off" | "free_item";
  pointsCost: number;
  amountOffCents: number | null;
  variantName: string | null;
  active: boolean;
};

/** The rewards catalog: what points buy at checkout. Rewards are switched off, never deleted (orders refer to them). */
export function RewardsEditor({
  rewards,
  variants,
}: {
  rewards: Reward[];
  variants: Array<{ id: string; label: string }>;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = { onSuccess: () => router.refresh() };
  const toggle = useMutation(trpc.loyaltyAdmin.setRewardActive.mutationOptions(refresh));
  return (
    <Card className="flex flex-col gap-4 p-5">
      <h2 className="text-lg font-semibold">Rewards</h2>
      {rewards.length ? (
        <ul className="flex flex-col divide-y divide-stone-100">
          {rewards.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {r.name} · {r.pointsCost} points ·{" "}
                {r.kind === "amount_off" && r.amountOffCents
                  ? `${formatCents(r.amountOffCents)} off`
                  : `free ${r.variantName ?? "item"}`}{" "}
                {r.active ? <Badge tone="success">Offered</Badge> : <Badge>Off</Badge>}
              </span>
              <Button
                variant="secondary"
                disabled={toggle.isPending}
                onClick={() => toggle.mutate({ rewardId: r.id, active: !r.active })}
              >
                {r.active ? "Stop offering" : "Offer again"}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>No rewards yet: members collect points but have nothing to spend them on.</EmptyState>
      )}
      <NewRewardForm variants={variants} onCreated={() => router.refresh()} />
    </Card>
  );
}
