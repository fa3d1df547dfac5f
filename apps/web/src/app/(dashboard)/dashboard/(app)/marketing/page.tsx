import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { Badge } from "@cannasaas/ui/badge";
import { Notice } from "@cannasaas/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableEmpty,
  TableHead,
  TableHeader,
  TableRow,
} from "@cannasaas/ui/table";
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
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold">Marketing</h1>
        <p className="text-stone-700">
          Email campaigns to segments of your customers. Only customers who agreed to marketing email and are
          of legal age receive them, at most three a week, inside the send window on your store&apos;s clock.
        </p>
      </div>
      <section aria-labelledby="campaigns" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="campaigns" className="text-lg font-semibold">
            Email campaigns
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
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Campaign</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Sends</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {campaigns.length ? (
              campaigns.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>
                    <Link
                      href={`/dashboard/marketing/campaigns/${c.id}`}
                      className="font-medium text-brand underline"
                    >
                      {c.name}
                    </Link>
                    <span className="block text-xs text-stone-600">{c.subject}</span>
                  </TableCell>
                  <TableCell>
                    <Badge tone={STATUS_TONE[c.status]}>{c.status}</Badge>
                  </TableCell>
                  <TableCell>
                    {c.scheduledAt ? formatDateTime(c.scheduledAt, timeZone) : "Not scheduled"}
                  </TableCell>
                </TableRow>
              ))
            ) : (
              <TableEmpty colSpan={3}>
                {segments.length ? "No campaigns yet." : "Save a segment first, then write a campaign to it."}
              </TableEmpty>
            )}
          </TableBody>
        </Table>
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
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Segment</TableHead>
              <TableHead>Rules</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {segments.length ? (
              segments.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>
                    <Link
                      href={`/dashboard/marketing/segments/${s.id}`}
                      className="font-medium text-brand underline"
                    >
                      {s.name}
                    </Link>
                  </TableCell>
                  <TableCell className="text-sm">
                    {s.rules.groups.length === 0
                      ? "Every customer"
                      : s.rules.groups
                          .map((g) =>
                            g.conditions
                              .map((c) => describeCondition(c as never, options.tiers))
                              .join(g.match === "all" ? " and " : " or "),
                          )
                          .join(s.rules.match === "all" ? "; and " : "; or ")}
                  </TableCell>
                </TableRow>
              ))
            ) : (
              <TableEmpty colSpan={2}>No segments yet.</TableEmpty>
            )}
          </TableBody>
        </Table>
      </section>
    </div>
  );
}
