import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { Badge } from "@cannasaas/ui/badge";
import { Notice } from "@cannasaas/ui/card";
import { PageHeader } from "@cannasaas/ui/page-header";
import { ListTable } from "@cannasaas/ui/table";
import { NameCell } from "~/components/dashboard/name-cell";
import { describeCondition } from "~/components/marketing/conditions";
import { formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "Marketing" };

const STATUS_TONE = {
  draft: "neutral",
  scheduled: "info",
  sending: "warning",
  sent: "success",
  cancelled: "danger",
} as const;
const action = "inline-flex min-h-11 items-center rounded-lg bg-brand px-4 font-semibold text-white";

export default async function MarketingPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "marketing.manage")) {
    return <Notice tone="error">Only managers, admins and owners can send marketing.</Notice>;
  }
  const api = await serverApi();
  const [segments, { campaigns, timeZone }, options] = await Promise.all([
    api.marketing.segments(),
    api.marketing.campaigns(),
    api.marketing.segmentOptions(),
  ]);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title="Marketing"
        description="Campaigns by email, text message or web push to segments of your customers. Only customers of legal age who agreed to the campaign's channel receive them, at most three marketing messages a week, inside the send window on your store's clock; texts and pushes also wait for 08:00 to 21:00 on the customer's clock."
      />
      <section aria-labelledby="campaigns" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="campaigns" className="text-lg font-semibold">
            Campaigns
          </h2>
          <div className="flex flex-wrap gap-2">
            <Link
              href="/dashboard/marketing/automations"
              className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 font-semibold"
            >
              Automations
            </Link>
            {segments.length ? (
              <Link href="/dashboard/marketing/campaigns/new" className={action}>
                New campaign
              </Link>
            ) : null}
          </div>
        </div>
        <ListTable
          rows={campaigns}
          rowKey={(c) => c.id}
          empty={segments.length ? "No campaigns yet." : "Save a segment first, then write a campaign to it."}
          columns={[
            {
              header: "Campaign",
              cell: (c) => (
                <NameCell href={`/dashboard/marketing/campaigns/${c.id}`} name={c.name} detail={c.subject} />
              ),
            },
            {
              header: "Status",
              cell: (c) => (
                <span className="flex flex-wrap gap-1">
                  <Badge tone={STATUS_TONE[c.status]}>{c.status}</Badge>
                  {c.abSharePercent ? (
                    <Badge>{c.abWinner ? `A/B: ${c.abWinner.toUpperCase()} won` : "A/B test"}</Badge>
                  ) : null}
                </span>
              ),
            },
            {
              header: "Sends",
              cell: (c) => (c.scheduledAt ? formatDateTime(c.scheduledAt, timeZone) : "Not scheduled"),
            },
          ]}
        />
      </section>
      <section aria-labelledby="segments" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="segments" className="text-lg font-semibold">
            Segments
          </h2>
          <Link href="/dashboard/marketing/segments/new" className={action}>
            New segment
          </Link>
        </div>
        <ListTable
          rows={segments}
          rowKey={(s) => s.id}
          empty="No segments yet."
          columns={[
            {
              header: "Segment",
              cell: (s) => <NameCell href={`/dashboard/marketing/segments/${s.id}`} name={s.name} />,
            },
            {
              header: "Rules",
              className: "text-sm",
              cell: (s) =>
                s.rules.groups.length === 0
                  ? "Every customer"
                  : s.rules.groups
                      .map((g) =>
                        g.conditions
                          .map((c) => describeCondition(c as never, options.tiers))
                          .join(g.match === "all" ? " and " : " or "),
                      )
                      .join(s.rules.match === "all" ? "; and " : "; or "),
            },
          ]}
        />
      </section>
    </div>
  );
}
