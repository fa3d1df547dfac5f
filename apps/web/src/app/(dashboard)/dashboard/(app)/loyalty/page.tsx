import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { PageHeader } from "@cannasaas/ui/page-header";
import { ListTable } from "@cannasaas/ui/table";
import { NameCell } from "~/components/dashboard/name-cell";
import { UpgradePrompt } from "~/components/billing/upgrade-prompt";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "Loyalty" };

export default async function LoyaltyPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "customers.read"))
    return <Notice tone="error">Your role cannot see customers.</Notice>;
  const api = await serverApi();
  const { features } = await api.billing.features();
  if (!features.includes("loyalty_program")) return <UpgradePrompt feature="loyalty_program" />;
  const q = (await searchParams).q?.trim() ?? "";
  const members = await api.loyaltyAdmin.members({ search: q || undefined });
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Loyalty"
        actions={
          can(active.role, "organization.update") ? (
            <Link href="/dashboard/loyalty/settings" className="font-semibold text-brand underline">
              Program settings and rewards
            </Link>
          ) : null
        }
      />
      <form className="flex flex-wrap gap-2" role="search">
        <label htmlFor="q" className="sr-only">
          Search customers
        </label>
        <input
          id="q"
          name="q"
          defaultValue={q}
          placeholder="Name or email"
          className="min-h-11 flex-1 rounded-lg border border-stone-300 px-3"
        />
        <button className="min-h-11 rounded-lg border border-stone-300 bg-white px-4 font-semibold">
          Search
        </button>
      </form>
      <ListTable
        caption="Customers and their points"
        rows={members}
        rowKey={(m) => m.customerId}
        empty={q ? "No customer matches." : "No customers yet."}
        columns={[
          {
            header: "Customer",
            cell: (m) => (
              <NameCell
                href={`/dashboard/loyalty/${m.customerId}`}
                name={m.name ?? m.email}
                detail={m.email}
              />
            ),
          },
          { header: "Member", cell: (m) => (m.member ? "Yes" : "No") },
          { header: "Points", numeric: true, cell: (m) => m.balance.toLocaleString("en-US") },
        ]}
      />
    </div>
  );
}
