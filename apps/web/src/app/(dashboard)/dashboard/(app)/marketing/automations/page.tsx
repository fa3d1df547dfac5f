import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { Badge } from "@cannasaas/ui/badge";
import { Card, CardTitle, Notice } from "@cannasaas/ui/card";
import { AutomationCard } from "~/components/marketing/automation-card";
import { formatCents, formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "Automations" };

export default async function AutomationsPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "marketing.manage")) {
    return <Notice tone="error">Only managers, admins and owners can run marketing automations.</Notice>;
  }
  const api = await serverApi();
  const [{ automations, timeZone }, options] = await Promise.all([
    api.marketing.automations(),
    api.marketing.segmentOptions(),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1">
        <Link href="/dashboard/marketing" className="text-sm text-brand underline">
          Marketing
        </Link>
        <h1 className="text-2xl font-bold">Automations</h1>
        <p className="text-stone-700">
          Emails or text messages the marketing job sends by itself when something happens. Each goes once per
          event (per cart, order, lapse, year, restock, price drop or tier move), only to customers who agreed
          to marketing on its channel and are of legal age, between 08:00 and 21:00 on your store&apos;s clock
          ({timeZone}) (texts also on the customer&apos;s own clock), and counts toward the weekly limit of
          three marketing messages per customer and your plan&apos;s monthly limit. Back-in-stock and
          price-drop emails go to shoppers who saved the product to their wishlist and may name it with{" "}
          {"{{product}}"}.
        </p>
      </div>
      <ul className="grid gap-4 lg:grid-cols-2">
        {automations.map((a) => {
          const r = a.results;
          return (
            <Card
              as="li"
              key={a.kind}
              aria-labelledby={`automation-${a.kind}`}
              className="flex flex-col gap-3"
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <CardTitle id={`automation-${a.kind}`}>{a.label}</CardTitle>
                <Badge tone={a.enabled ? "success" : "neutral"}>{a.enabled ? "On" : "Off"}</Badge>
              </div>
              <p className="text-sm text-stone-700">{a.trigger}</p>
              <dl className="grid grid-cols-3 gap-2 text-sm sm:grid-cols-6">
                {[
                  ["Sent", r.sent],
                  ["Waiting", r.pending],
                  ["Opened", r.opened],
                  ["Clicked", r.clicked],
                  ["Orders", r.attributedOrders],
                ].map(([k, v]) => (
                  <div key={k}>
                    <dt className="text-stone-600">{k}</dt>
                    <dd className="font-semibold tabular-nums">{Number(v).toLocaleString("en-US")}</dd>
                  </div>
                ))}
                <div>
                  <dt className="text-stone-600">Revenue</dt>
                  <dd className="font-semibold tabular-nums">{formatCents(r.attributedRevenueCents)}</dd>
                </div>
              </dl>
              <p className="text-xs text-stone-600">
                {r.lastSentAt
                  ? `Last sent ${formatDateTime(r.lastSentAt, timeZone)}. `
                  : "Nothing sent yet. "}
                {r.skipped ? `${r.skipped} not sent (age, weekly or plan limit). ` : ""}
                Orders and revenue: placed within 7 days after a click.
              </p>
              {a.warnings.map((w) => (
                <Notice key={w.rule} tone="error">
                  Check this wording: {w.message} (&ldquo;{w.phrase}&rdquo;)
                </Notice>
              ))}
              <AutomationCard
                automation={a}
                coupons={options.coupons}
                timeZone={timeZone}
                storeName={options.storeName}
              />
            </Card>
          );
        })}
      </ul>
    </div>
  );
}
