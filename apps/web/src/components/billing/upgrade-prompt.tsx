import Link from "next/link";
import { FEATURE_LABELS, type Feature, lowestPlanWith, PLAN_LABELS } from "@cannasaas/core/plans";

/**
 * Shown in place of a feature the organization's plan does not include. `reason` is the server's refusal when
 * there is one (e.g. the feature was turned off, or the subscription lapsed), else the plan that has it is named.
 */
export function UpgradePrompt({ feature, reason }: { feature: Feature; reason?: string | null }) {
  const plan = PLAN_LABELS[lowestPlanWith(feature)];
  const label = FEATURE_LABELS[feature];
  return (
    <section
      aria-labelledby={`upgrade-${feature}`}
      data-testid="upgrade-prompt"
      className="flex flex-col items-start gap-3 rounded-2xl border border-amber-300 bg-amber-50 p-5 text-amber-950"
    >
      <h2 id={`upgrade-${feature}`} className="text-lg font-semibold">
        {label} is part of the {plan} plan
      </h2>
      <p className="text-sm">{reason ?? `Upgrade to ${plan} to use ${label.toLowerCase()}.`}</p>
      <Link
        href="/dashboard/billing"
        className="inline-flex min-h-11 items-center rounded-lg bg-brand px-4 text-sm font-semibold text-white hover:brightness-110 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
      >
        See plans in Billing
      </Link>
    </section>
  );
}
