import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import {
  FEATURE_LABELS,
  PLAN_FEATURES,
  RELEASED_FEATURES,
  PLAN_LABELS,
  PLAN_LIMITS,
  PLAN_PRICE_CENTS,
  PLANS,
  type Plan,
} from "@cannasaas/core/plans";
import { Card, EmptyState, Notice } from "@cannasaas/ui/card";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRowHeader,
} from "@cannasaas/ui/table";
import { formatCents, formatDate } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { PlanButton, PortalButton, type PlanAction } from "./billing-actions";
import { UsageMeter } from "./usage-meter";

export const metadata: Metadata = { title: "Billing" };

const STATUS_TEXT = {
  trialing: "Trial",
  active: "Active",
  past_due: "Payment overdue",
  canceled: "Canceled",
  unpaid: "Unpaid",
} as const;

const limitText = (n: number | null, noun: string) =>
  n === null ? `Unlimited ${noun}` : `${n.toLocaleString("en-US")} ${noun}`;

export default async function BillingPage({
  searchParams,
}: {
  searchParams: Promise<{ checkout?: string }>;
}) {
  const { active } = await dashboardSession();
  if (!active) return null;
  const dateText = (date: Date) => formatDate(date, active.timeZone);
  const api = await serverApi();
  const overview = await api.billing.overview().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return error.message;
    throw error;
  });
  if (typeof overview === "string") return <Notice tone="error">{overview}</Notice>;
  const { checkout } = await searchParams;
  const invoices =
    overview.canManage && overview.configured ? await api.billing.invoices().catch(() => null) : [];

  const live = overview.subscription?.live ?? false;
  const actionFor = (plan: Plan): PlanAction | null => {
    if (plan === overview.plan && (live || !overview.configured)) return null;
    if (!overview.configured) return overview.canSetPlan ? "set" : null;
    if (!overview.canManage) return null;
    return live ? "change" : "start";
  };
  const lapsed = overview.effectivePlan !== overview.plan;

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Billing</h1>

      {!overview.configured ? (
        <Notice tone="info">
          <strong>Stripe is not configured on this server.</strong>{" "}
          {overview.canSetPlan
            ? "Nothing is charged: as an operator you can set the plan directly below."
            : "Plans are set by a platform operator; ask support to change yours."}
        </Notice>
      ) : null}
      {checkout === "done" ? (
        <Notice tone="success">
          Thank you. Your subscription starts as soon as Stripe confirms it; this page shows it within a
          minute.
        </Notice>
      ) : null}

      <Card className="flex flex-col gap-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold">
            Current plan: <span data-testid="current-plan">{PLAN_LABELS[overview.plan]}</span>
          </h2>
          <span className="rounded-full bg-stone-100 px-3 py-1 text-sm font-medium" data-testid="plan-status">
            {STATUS_TEXT[overview.status]}
          </span>
        </div>
        {overview.trialDaysLeft !== null && overview.trialEndsAt ? (
          <p className="text-sm text-stone-700">
            Trial: {overview.trialDaysLeft} day{overview.trialDaysLeft === 1 ? "" : "s"} left (ends{" "}
            {dateText(overview.trialEndsAt)}).
          </p>
        ) : null}
        {overview.status === "past_due" ? (
          <Notice tone="error">
            Your last payment failed. Features stay on while Stripe retries; update your payment method to
            keep them.
          </Notice>
        ) : null}
        {lapsed ? (
          <Notice tone="error">
            Your subscription is {STATUS_TEXT[overview.status].toLowerCase()}, so Starter features and limits
            apply until you restart it. Nothing has been deleted.
          </Notice>
        ) : null}
        {overview.subscription?.cancelAtPeriodEnd && overview.subscription.currentPeriodEnd ? (
          <p className="text-sm text-stone-700">
            Cancels on {dateText(overview.subscription.currentPeriodEnd)}.
          </p>
        ) : overview.subscription?.currentPeriodEnd ? (
          <p className="text-sm text-stone-700">
            Renews on {dateText(overview.subscription.currentPeriodEnd)}.
          </p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <UsageMeter label="Locations" {...overview.usage.locations} />
          <UsageMeter label="Products" {...overview.usage.products} />
        </div>
        {Object.keys(overview.overrides).length > 0 ? (
          <p className="text-sm text-stone-700">
            Set for your organization by support:{" "}
            {Object.entries(overview.overrides)
              .map(([f, on]) => `${FEATURE_LABELS[f as keyof typeof FEATURE_LABELS]} ${on ? "on" : "off"}`)
              .join(", ")}
            .
          </p>
        ) : null}
        {overview.canManage && overview.configured && overview.hasCustomer ? <PortalButton /> : null}
      </Card>

      <section aria-labelledby="plans-heading" className="flex flex-col gap-3">
        <h2 id="plans-heading" className="text-lg font-semibold">
          Plans
        </h2>
        <Table className="min-w-[36rem] border-collapse">
          <TableCaption>Features included in each plan</TableCaption>
          <TableHeader>
            <tr>
              <TableHead className="p-3 text-stone-600">Feature</TableHead>
              {PLANS.map((plan) => (
                <TableHead
                  key={plan}
                  aria-current={plan === overview.plan ? "true" : undefined}
                  className="p-3 align-top font-semibold aria-[current=true]:bg-emerald-50"
                >
                  <span className="block text-base font-bold">{PLAN_LABELS[plan]}</span>
                  <span className="block font-normal text-stone-700">
                    {formatCents(PLAN_PRICE_CENTS[plan])}/month
                  </span>
                  <span className="block font-normal text-stone-600">
                    {limitText(PLAN_LIMITS[plan].locations, "locations")},{" "}
                    {limitText(PLAN_LIMITS[plan].products, "products")}
                  </span>
                  {plan === overview.plan ? (
                    <span className="mt-1 block text-xs font-semibold text-emerald-800">Your plan</span>
                  ) : null}
                </TableHead>
              ))}
            </tr>
          </TableHeader>
          <TableBody>
            {RELEASED_FEATURES.map((feature) => (
              <tr key={feature}>
                <TableRowHeader className="p-3">{FEATURE_LABELS[feature]}</TableRowHeader>
                {PLANS.map((plan) => {
                  const included = PLAN_FEATURES[plan].includes(feature);
                  return (
                    <TableCell key={plan} className="p-3">
                      <span aria-hidden="true">{included ? "✓" : "—"}</span>
                      <span className="sr-only">{included ? "Included" : "Not included"}</span>
                    </TableCell>
                  );
                })}
              </tr>
            ))}
          </TableBody>
          <tfoot>
            <tr className="border-t border-stone-200">
              <TableCell className="p-3" />
              {PLANS.map((plan) => {
                const action = actionFor(plan);
                return (
                  <TableCell key={plan} className="p-3 align-top">
                    {action ? (
                      <PlanButton
                        plan={plan}
                        action={action}
                        trial={plan === "starter" && !overview.subscription}
                      />
                    ) : null}
                  </TableCell>
                );
              })}
            </tr>
          </tfoot>
        </Table>
        {overview.configured && !overview.canManage ? (
          <p className="text-sm text-stone-600">Only the owner can change the plan.</p>
        ) : null}
      </section>

      {overview.canManage && overview.configured ? (
        <section aria-labelledby="invoices-heading" className="flex flex-col gap-3">
          <h2 id="invoices-heading" className="text-lg font-semibold">
            Invoices
          </h2>
          {invoices === null ? (
            <Notice tone="error">
              Invoices could not be loaded from Stripe just now. Try again in a minute.
            </Notice>
          ) : invoices.length === 0 ? (
            <EmptyState>No invoices yet.</EmptyState>
          ) : (
            <Table className="min-w-[32rem]">
              <TableHeader>
                <tr>
                  <TableHead className="p-3">Date</TableHead>
                  <TableHead className="p-3">Invoice</TableHead>
                  <TableHead className="p-3">Amount</TableHead>
                  <TableHead className="p-3">Status</TableHead>
                </tr>
              </TableHeader>
              <TableBody>
                {invoices.map((invoice) => (
                  <tr key={invoice.id}>
                    <TableCell className="p-3">{dateText(invoice.createdAt)}</TableCell>
                    <TableCell className="p-3">
                      {invoice.hostedUrl ? (
                        <a href={invoice.hostedUrl} className="text-brand underline underline-offset-4">
                          {invoice.number ?? invoice.id}
                        </a>
                      ) : (
                        (invoice.number ?? invoice.id)
                      )}
                    </TableCell>
                    <TableCell className="p-3">{formatCents(invoice.amountDueCents)}</TableCell>
                    <TableCell className="p-3 capitalize">{invoice.status ?? "—"}</TableCell>
                  </tr>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      ) : null}
    </div>
  );
}
