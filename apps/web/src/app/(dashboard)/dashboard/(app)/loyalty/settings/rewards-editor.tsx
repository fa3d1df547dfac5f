"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@cannasaas/ui/badge";
import { Button } from "@cannasaas/ui/button";
import { Card, EmptyState, Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { formatCents } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";

type Reward = {
  id: string;
  name: string;
  kind: "amount_off" | "free_item";
  pointsCost: number;
  amountOffCents: number | null;
  variantName: string | null;
  active: boolean;
};

const inputClass = "min-h-11 rounded-lg border border-stone-300 px-3";

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
  const create = useMutation(trpc.loyaltyAdmin.createReward.mutationOptions(refresh));
  const toggle = useMutation(trpc.loyaltyAdmin.setRewardActive.mutationOptions(refresh));
  const [draft, setDraft] = useState({
    name: "",
    kind: "amount_off" as Reward["kind"],
    pointsCost: 100,
    dollars: 5,
    variantId: "",
  });
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
      <form
        className="grid gap-3 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({
            name: draft.name,
            kind: draft.kind,
            pointsCost: draft.pointsCost,
            amountOffCents: draft.kind === "amount_off" ? Math.round(draft.dollars * 100) : null,
            variantId: draft.kind === "free_item" ? draft.variantId || null : null,
          });
        }}
      >
        <h3 className="font-semibold sm:col-span-2">New reward</h3>
        <label className="flex flex-col gap-1 text-sm">
          Name
          <input
            className={inputClass}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Kind
          <select
            className={inputClass}
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.target.value as Reward["kind"] })}
          >
            <option value="amount_off">Dollars off the order</option>
            <option value="free_item">A free item</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Points it costs
          <input
            type="number"
            min={1}
            className={inputClass}
            value={draft.pointsCost}
            onChange={(e) => setDraft({ ...draft, pointsCost: Number(e.target.value) })}
          />
        </label>
        {draft.kind === "amount_off" ? (
          <label className="flex flex-col gap-1 text-sm">
            Dollars off
            <input
              type="number"
              min={0.01}
              step={0.01}
              className={inputClass}
              value={draft.dollars}
              onChange={(e) => setDraft({ ...draft, dollars: Number(e.target.value) })}
            />
          </label>
        ) : (
          <label className="flex flex-col gap-1 text-sm">
            Free item (one unit, when it is in the cart)
            <select
              className={inputClass}
              value={draft.variantId}
              onChange={(e) => setDraft({ ...draft, variantId: e.target.value })}
            >
              <option value="">Choose a product</option>
              {variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="sm:col-span-2">
          <Button type="submit" disabled={create.isPending}>
            Add reward
          </Button>
        </div>
        {create.isError ? (
          <Notice tone="error" className="sm:col-span-2">
            {describeError(create.error).message}
          </Notice>
        ) : null}
      </form>
    </Card>
  );
}
