import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@cannasaas/auth/rbac";
import type { SegmentRules } from "@cannasaas/core";
import { Notice } from "@cannasaas/ui/card";
import { SegmentBuilder } from "~/components/marketing/segment-builder";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "Segment" };

export default async function SegmentPage({ params }: { params: Promise<{ segmentId: string }> }) {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "marketing.manage"))
    return <Notice tone="error">Your role cannot build segments.</Notice>;
  const { segmentId } = await params;
  const api = await serverApi();
  const [segments, options] = await Promise.all([api.marketing.segments(), api.marketing.segmentOptions()]);
  const segment = segments.find((s) => s.id === segmentId);
  if (!segment) notFound();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{segment.name}</h1>
      <SegmentBuilder
        options={options}
        initial={{ id: segment.id, name: segment.name, rules: segment.rules as SegmentRules }}
      />
    </div>
  );
}
