import type { Metadata } from "next";
import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { CategoriesPanel } from "./categories-panel";

export const metadata: Metadata = { title: "Categories" };

/** The menu's categories and how state purchase limits count each one's products. */
export default async function CategoriesPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  const categories = await (await serverApi()).catalog.categories.list().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return error.message;
    throw error;
  });
  if (typeof categories === "string") return <Notice tone="error">{categories}</Notice>;
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Categories</h1>
        <Link href="/dashboard/catalog" className="text-sm font-semibold text-brand underline">
          Back to the catalog
        </Link>
      </div>
      <p className="max-w-prose text-sm text-stone-600">
        Each category says how your state&apos;s purchase limits count its products (by flower weight,
        concentrate weight, edible THC, or not at all), so checkout can enforce them. Changing it changes the
        limits and taxes of every product in the category.
      </p>
      <CategoriesPanel
        categories={categories.map((c) => ({
          id: c.id,
          name: c.name,
          limitKind: c.limitKind,
          productCount: c.productCount,
        }))}
        canCreate={can(active.role, "catalog.write")}
        canChangeLimitKind={can(active.role, "prices.write")}
      />
    </div>
  );
}
