import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { UpgradePrompt } from "~/components/billing/upgrade-prompt";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { RewardsEditor } from "./rewards-editor";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Loyalty settings" };

export default async function LoyaltySettingsPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "organization.update"))
    return <Notice tone="error">Only owners and admins change the loyalty program.</Notice>;
  const api = await serverApi();
  const { features } = await api.billing.features();
  if (!features.includes("loyalty_program")) return <UpgradePrompt feature="loyalty_program" />;
  const settings = await api.loyaltyAdmin.settings();
  return (
    <div className="flex flex-col gap-6">
      <Link href="/dashboard/loyalty" className="text-sm text-brand underline">
        ← Loyalty
      </Link>
      <h1 className="text-2xl font-bold">Loyalty settings</h1>
      <SettingsForm settings={settings} />
      <RewardsEditor rewards={settings.rewards} variants={settings.rewardableVariants} />
    </div>
  );
}
