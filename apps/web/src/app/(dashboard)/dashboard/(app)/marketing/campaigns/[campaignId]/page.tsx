import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { Badge } from "@cannasaas/ui/badge";
import { Card, CardTitle, Notice } from "@cannasaas/ui/card";
import { AbResults } from "~/components/marketing/ab-results";
import { CampaignActions } from "~/components/marketing/campaign-actions";
import { ResultsFunnel } from "~/components/marketing/results-funnel";
import { formatCents, formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "Campaign report" };

const SKIP_LABELS: Record<string, string> = {
  under_age: "under the legal age",
  frequency_cap: "already had three emails this week",
  plan_limit: "over the plan's monthly email limit",
  no_consent: "withdrew consent before it went out",
  no_phone: "have no mobile number",
  invalid_phone: "have a number that is not a valid mobile number",
  too_long: "would have received a message over the length limit",
  no_subscription: "had no browser subscribed to notifications any more",
};

export default async function CampaignPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "marketing.manage"))
    return <Notice tone="error">Your role cannot see campaigns.</Notice>;
  const { campaignId } = await params;
  const {
    campaign,
    results: r,
    ab,
    timeZone,
    warnings,
  } = await (await serverApi()).marketing.campaign({ campaignId });
  const sms = campaign.channel === "sms";
  const push = campaign.channel === "push";
  const figures: Array<[string, string]> = sms
    ? [
        ["Texts sent", r.sent.toLocaleString("en-US")],
        ["Texts failed", r.bounced.toLocaleString("en-US")],
        ["Waiting (quiet hours or retrying)", r.pending.toLocaleString("en-US")],
      ]
    : push
      ? [
          ["Pushes sent", r.sent.toLocaleString("en-US")],
          ["Pushes failed", r.bounced.toLocaleString("en-US")],
          ["Waiting (quiet hours or retrying)", r.pending.toLocaleString("en-US")],
          ["Tapped", r.clicked.toLocaleString("en-US")],
          ["Orders (7 days after a tap)", r.attributedOrders.toLocaleString("en-US")],
          ["Revenue from those orders", formatCents(r.attributedRevenueCents)],
        ]
      : [
          ["Sent", r.sent.toLocaleString("en-US")],
          ["Bounced", r.bounced.toLocaleString("en-US")],
          ["Opened", r.opened.toLocaleString("en-US")],
          ["Clicked", r.clicked.toLocaleString("en-US")],
          ["Unsubscribed", r.unsubscribed.toLocaleString("en-US")],
          ["Orders (7 days after a click)", r.attributedOrders.toLocaleString("en-US")],
          ["Revenue from those orders", formatCents(r.attributedRevenueCents)],
        ];
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1">
        <Link href="/dashboard/marketing" className="text-sm text-brand underline">
          All campaigns
        </Link>
        <h1 className="text-2xl font-bold">{campaign.name}</h1>
        <p className="flex flex-wrap items-center gap-2 text-stone-700">
          {/* An A/B campaign waiting out its test is still sending as far as the job is concerned. */}
          <Badge>{ab?.testEndsAt && !ab.winner ? "testing" : campaign.status}</Badge>
          {sms ? (
            <Badge>Text message</Badge>
          ) : push ? (
            <Badge>Web push</Badge>
          ) : (
            <span>Subject: {campaign.subject}</span>
          )}
          {campaign.couponCode ? <span>Coupon: {campaign.couponCode}</span> : null}
          {campaign.scheduledAt ? <span>From {formatDateTime(campaign.scheduledAt, timeZone)}</span> : null}
          {campaign.finishedAt ? <span>Finished {formatDateTime(campaign.finishedAt, timeZone)}</span> : null}
        </p>
      </div>
      <CampaignActions
        campaignId={campaign.id}
        status={campaign.status}
        timeZone={timeZone}
        warnings={warnings.map((w) => `${w.message} ("${w.phrase}")`)}
      />
      {r.pending ? (
        <Notice>
          {r.pending.toLocaleString("en-US")} {sms ? "texts" : push ? "pushes" : "emails"} are waiting to go
          out.
        </Notice>
      ) : null}
      {sms ? (
        <Card>
          <CardTitle>Text</CardTitle>
          <p className="whitespace-pre-wrap">{campaign.body}</p>
        </Card>
      ) : push ? (
        <Card>
          <CardTitle>Notification</CardTitle>
          <p className="font-semibold">{campaign.subject}</p>
          <p className="whitespace-pre-wrap">{campaign.body}</p>
        </Card>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {figures.map(([label, value]) => (
          <Card key={label}>
            <dt className="text-sm text-stone-700">{label}</dt>
            <dd className="text-2xl font-bold tabular-nums">{value}</dd>
          </Card>
        ))}
      </dl>
      {sms ? null : (
        <Card>
          <CardTitle>From sent to ordered</CardTitle>
          <ResultsFunnel
            steps={[
              { label: "Sent", value: r.sent },
              // A push has no open of its own: a tap is its open.
              ...(push ? [] : [{ label: "Opened", value: r.opened }]),
              { label: "Clicked", value: r.clicked },
              { label: "Ordered", value: r.attributedOrders },
            ]}
          />
        </Card>
      )}
      {ab ? (
        <AbResults ab={ab} sms={sms} timeZone={timeZone} variantSubject={campaign.variantSubject} />
      ) : null}
      {Object.keys(r.skipped).length ? (
        <Card>
          <CardTitle>Not sent</CardTitle>
          <ul className="list-disc pl-5">
            {Object.entries(r.skipped).map(([reason, n]) => (
              <li key={reason}>
                {n.toLocaleString("en-US")} {SKIP_LABELS[reason] ?? reason}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
