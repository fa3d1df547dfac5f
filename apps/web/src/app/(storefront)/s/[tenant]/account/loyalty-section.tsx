import { Badge } from "@cannasaas/ui/badge";
import { Card, EmptyState } from "@cannasaas/ui/card";
import { JoinLoyaltyButton } from "~/components/loyalty/join-button";
import { formatDateTime } from "~/lib/format";
import type { serverApi } from "~/server/trpc";

type Summary = Awaited<ReturnType<Awaited<ReturnType<typeof serverApi>>["loyalty"]["summary"]>>;

const KIND_LABELS: Record<Summary["history"][number]["kind"], string> = {
  earn: "Earned",
  redeem: "Spent",
  expire: "Expired",
  adjust: "Adjusted by the store",
  reverse: "Reversed",
};

/** Balance, tier, progress on the rolling year towards the next tier, the referral link and the history. */
export function LoyaltySection({
  summary,
  timeZone,
  referralUrl,
}: {
  summary: Summary;
  timeZone: string;
  referralUrl: string;
}) {
  if (!summary.member) {
    return (
      <Card id="rewards" className="flex flex-col gap-3 p-5">
        <h2 className="text-lg font-semibold">Rewards</h2>
        <p className="text-sm text-stone-700">
          Earn {summary.pointsPerDollar} {summary.pointsPerDollar === 1 ? "point" : "points"} for every dollar
          you spend and turn them into discounts at checkout. Membership is separate from marketing messages.
        </p>
        <JoinLoyaltyButton bonusPoints={summary.signupBonusPoints} />
      </Card>
    );
  }
  const { progress } = summary;
  return (
    <Card id="rewards" className="flex flex-col gap-4 p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">Rewards</h2>
        {summary.tier ? <Badge tone="brand">{summary.tier.name} member</Badge> : null}
      </div>
      <p className="text-3xl font-bold" data-testid="points-balance">
        {summary.balance.toLocaleString("en-US")} points
      </p>
      <div>
        {progress.next ? (
          <>
            <p className="text-sm text-stone-700" data-testid="tier-progress">
              {progress.pointsToNext.toLocaleString("en-US")} more points in the next 12 months to reach{" "}
              {progress.next.name} ({summary.yearPoints.toLocaleString("en-US")} earned so far).
            </p>
            <div
              role="progressbar"
              aria-label={`Progress to ${progress.next.name}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={progress.percent}
              className="mt-2 h-3 overflow-hidden rounded-full bg-stone-200"
            >
              <div className="h-full bg-brand" style={{ width: `${progress.percent}%` }} />
            </div>
          </>
        ) : (
          <p className="text-sm text-stone-700" data-testid="tier-progress">
            You are in our top tier. Thank you!
          </p>
        )}
      </div>
      {summary.rewards.length ? (
        <div>
          <h3 className="font-semibold">What your points buy</h3>
          <ul className="mt-1 list-disc pl-5 text-sm text-stone-700">
            {summary.rewards.map((r) => (
              <li key={r.id}>
                {r.name}: {r.pointsCost.toLocaleString("en-US")} points (choose it at checkout)
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {summary.referrerRewardPoints > 0 ? (
        <div className="text-sm">
          <h3 className="font-semibold">Invite a friend</h3>
          <p className="text-stone-700">
            You get {summary.referrerRewardPoints} points and they get {summary.refereeRewardPoints} after
            their first completed order. Your link:
          </p>
          <p className="mt-1 break-all rounded-lg bg-stone-100 p-2 font-mono" data-testid="referral-link">
            {referralUrl}
          </p>
        </div>
      ) : null}
      <div>
        <h3 className="font-semibold">History</h3>
        {summary.history.length ? (
          <ul className="mt-1 divide-y divide-stone-100 text-sm" aria-label="Points history">
            {summary.history.map((e) => (
              <li key={e.id} className="flex justify-between gap-3 py-2">
                <span>
                  {KIND_LABELS[e.kind]}
                  {e.reason ? <span className="text-stone-600"> · {e.reason}</span> : null}
                  <span className="block text-xs text-stone-500">
                    {formatDateTime(e.createdAt, timeZone)}
                  </span>
                </span>
                <span className={e.points > 0 ? "font-semibold text-emerald-700" : "font-semibold"}>
                  {e.points > 0 ? "+" : "−"}
                  {Math.abs(e.points).toLocaleString("en-US")}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>No points yet: they arrive when an order is completed.</EmptyState>
        )}
      </div>
    </Card>
  );
}
