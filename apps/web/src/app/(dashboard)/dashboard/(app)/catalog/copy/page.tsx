import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { dashboardSession } from "~/server/dashboard";
import { BulkCopy } from "./bulk-copy";

export const metadata: Metadata = { title: "Product copy" };

export default async function ProductCopyPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "catalog.read"))
    return <Notice tone="error">Your role cannot see the catalog.</Notice>;
  return (
    <div className="flex flex-col gap-5">
      <Link href="/dashboard/catalog" className="text-sm text-brand underline">
        Back to catalog
      </Link>
      <h1 className="text-2xl font-bold">Product copy</h1>
      <p className="text-sm text-stone-700">
        Descriptions, taglines and SEO texts written from each product&apos;s fields. Every draft waits here
        until someone accepts (and may edit) or rejects it; nothing is published on its own.
      </p>
      <BulkCopy canWrite={can(active.role, "catalog.write")} />
    </div>
  );
}
