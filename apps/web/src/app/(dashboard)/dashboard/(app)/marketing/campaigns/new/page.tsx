import type { Metadata } from "next";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { CampaignForm } from "~/components/marketing/campaign-form";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "marketing.manage"))
    return <Notice tone="error">Your role cannot send marketing.</Notice>;
  const api = await serverApi();
  const [segments, options] = await Promise.all([api.marketing.segments(), api.marketing.segmentOptions()]);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">New campaign</h1>
      {segments.length ? (
        <CampaignForm
          segments={segments.map((s) => ({ id: s.id, name: s.name }))}
          mergeFields={options.mergeFields}
          coupons={options.coupons}
          timeZone={options.timeZone}
          storeName={options.storeName}
        />
      ) : (
        <Notice>Save a segment first: a campaign is sent to a segment.</Notice>
      )}
    </div>
  );
}
