import type { Metadata } from "next";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { SegmentBuilder } from "~/components/marketing/segment-builder";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "New segment" };

export default async function NewSegmentPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "marketing.manage"))
    return <Notice tone="error">Your role cannot build segments.</Notice>;
  const options = await (await serverApi()).marketing.segmentOptions();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">New segment</h1>
      <SegmentBuilder options={options} />
    </div>
  );
}
