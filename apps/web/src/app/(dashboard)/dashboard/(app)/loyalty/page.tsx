import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
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
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Loyalty</h1>
        {can(active.role, "organization.update") ? (
          <Link href="/dashboard/loyalty/settings" className="font-semibold text-brand underline">
            Program settings and rewards
          </Link>
        ) : null}
      </div>
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
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Customer</TableHead>
            <TableHead>Member</TableHead>
            <TableHead className="text-right">Points</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.length ? (
            members.map((m) => (
              <TableRow key={m.customerId}>
                <TableCell>
                  <Link
                    href={`/dashboard/loyalty/${m.customerId}`}
                    className="font-medium text-brand underline"
                  >
                    {m.name ?? m.email}
                  </Link>
                  <span className="block text-xs text-stone-600">{m.email}</span>
                </TableCell>
                <TableCell>{m.member ? "Yes" : "No"}</TableCell>
                <TableCell className="text-right tabular-nums">{m.balance.toLocaleString("en-US")}</TableCell>
              </TableRow>
            ))
          ) : (
            <TableEmpty colSpan={3}>{q ? "No customer matches." : "No customers yet."}</TableEmpty>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
