"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { formatCents } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";

/**
 * Lets a member spend points on this order. The choice is saved on the cart; the totals above come back from
 * the server with the reward taken off, and checkout spends the points with the order (or refuses it whole).
 * Renders nothing where the store has no rewards program.
 */
export function RewardPicker({ chosenRewardId }: { chosenRewardId: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const summary = useQuery(trpc.loyalty.summary.queryOptions(undefined, { retry: false }));
  const choose = useMutation(
    trpc.loyalty.chooseReward.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.cart.get.queryKey() }),
    }),
  );
  if (summary.isPending || summary.isError || !summary.data.enabled) return null;
  const { member, balance, rewards } = summary.data;
  if (!member) {
    return (
      <p className="mt-3 text-sm text-stone-700">
        <Link href="/account#rewards" className="font-semibold text-brand underline">
          Join our rewards
        </Link>{" "}
        to earn points on this order.
      </p>
    );
  }
  if (!rewards.length) return null;
  return (
    <fieldset className="mt-4 flex flex-col gap-2 border-t border-stone-200 pt-3" disabled={choose.isPending}>
      <legend className="pt-3 font-semibold">
        Use your points <span className="font-normal text-stone-600">({balance} available)</span>
      </legend>
      <label className="flex min-h-11 items-center gap-3">
        <input
          type="radio"
          name="reward"
          checked={chosenRewardId === null}
          onChange={() => choose.mutate({ rewardId: null })}
        />
        No reward
      </label>
      {rewards.map((reward) => (
        <label key={reward.id} className="flex min-h-11 items-center gap-3">
          <input
            type="radio"
            name="reward"
            checked={chosenRewardId === reward.id}
            disabled={balance < reward.pointsCost}
            onChange={() => choose.mutate({ rewardId: reward.id })}
          />
          <span>
            {reward.name}
            <span className="text-stone-600">
              {" "}
              · {reward.pointsCost} points
              {reward.kind === "amount_off" && reward.amountOffCents
                ? ` for ${formatCents(reward.amountOffCents)} off`
                : reward.variantName
                  ? ` (when ${reward.variantName} is in your cart)`
                  : ""}
            </span>
          </span>
        </label>
      ))}
      {choose.isError ? <Notice tone="error">{describeError(choose.error).message}</Notice> : null}
    </fieldset>
  );
}
