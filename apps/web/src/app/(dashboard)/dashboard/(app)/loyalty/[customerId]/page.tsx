import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { can } from "@cannasaas/auth/rbac";
import { Badge } from "@cannasaas/ui/badge";
import { Card, Notice } from "@cannasaas/ui/card";
import { ListTable } from "@cannasaas/ui/table";
import { formatCents, formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { AdjustPointsForm } from "./adjust-form";

export const metadata: Metadata = { title: "Customer points" };

async function loadLedger(customerId: string) {
  try {
    return await (await serverApi()).loyaltyAdmin.ledger({ customerId });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      return null;
    throw error;
  }
}

export default async function CustomerLedgerPage({ params }: { params: Promise<{ customerId: string }> }) {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "customers.read"))
    return <Notice tone="error">Your role cannot see customers.</Notice>;
  const ledger = await loadLedger((await params).customerId);
  if (!ledger) notFound();
  return (
    <div className="flex flex-col gap-4">
      <Link href="/dashboard/loyalty" className="text-sm text-brand underline">
        ← All customers
      </Link>
      <h1 className="text-2xl font-bold">{ledger.name ?? ledger.email}</h1>
      <Card className="flex flex-wrap items-center gap-4 p-5">
        <p className="text-2xl font-bold" data-testid="ledger-balance">
          {ledger.balance.toLocaleString("en-US")} points
        </p>
        {ledger.tier ? <Badge tone="brand">{ledger.tier.name}</Badge> : <Badge>No tier yet</Badge>}
        <p className="text-sm text-stone-700">
          {ledger.yearPoints.toLocaleString("en-US")} order points in the last 12 months
          {ledger.progress.next
            ? `; ${ledger.progress.pointsToNext.toLocaleString("en-US")} more for ${ledger.progress.next.name}`
            : ""}
          . {ledger.member ? "Member." : "Not a member."}
        </p>
      </Card>
      {can(active.role, "loyalty.adjust") ? <AdjustPointsForm customerId={ledger.customerId} /> : null}
      <ListTable
        caption="Points history"
        rows={ledger.entries}
        rowKey={(e) => e.id}
        empty="No points yet."
        columns={[
          {
            header: "When",
            className: "whitespace-nowrap",
            cell: (e) => formatDateTime(e.createdAt, ledger.timeZone),
          },
          {
            header: "What",
            cell: (e) =>
              `${e.kind} (${e.source})${e.reason ? ` · ${e.reason}` : ""}` +
              (e.discountCents ? ` · ${formatCents(e.discountCents)} off` : ""),
          },
          {
            header: "Points",
            numeric: true,
            cell: (e) => `${e.points > 0 ? "+" : ""}${e.points.toLocaleString("en-US")}`,
          },
        ]}
      />
    </div>
  );
}
