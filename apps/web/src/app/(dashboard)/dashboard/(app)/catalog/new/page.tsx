import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { ProductForm } from "../product-form";

export const metadata: Metadata = { title: "New product" };

export default async function NewProductPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "catalog.write") || !can(active.role, "prices.write")) {
    return (
      <Notice tone="error">Your role cannot create products, because that sets prices. Ask a manager.</Notice>
    );
  }
  const api = await serverApi();
  const [categories, brands] = await Promise.all([api.catalog.categories.list(), api.catalog.brands.list()]);
  return (
    <div className="flex flex-col gap-4">
      <Link href="/dashboard/catalog" className="text-sm text-brand underline">
        Back to catalog
      </Link>
      <h1 className="text-2xl font-bold">New product</h1>
      {categories.length === 0 ? (
        <Notice tone="error">Create a category first.</Notice>
      ) : (
        <ProductForm categories={categories} brands={brands} canWritePrices />
      )}
    </div>
  );
}
