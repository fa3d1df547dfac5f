import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { can } from "@cannasaas/auth/rbac";
import { thumbnailUrl } from "@cannasaas/core";
import { Card, Notice } from "@cannasaas/ui/card";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { ProductForm } from "../product-form";
import { ArchiveButton } from "./archive-button";
import { CopyPanel } from "./copy-panel";
import { ImageUpload } from "./image-upload";

export const metadata: Metadata = { title: "Edit product" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { active } = await dashboardSession();
  if (!active) return null;
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const api = await serverApi();
  const loaded = await Promise.all([
    api.catalog.products.get({ productId: id }),
    api.catalog.categories.list(),
    api.catalog.brands.list(),
  ]).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return error.message;
    throw error;
  });
  if (typeof loaded === "string") return <Notice tone="error">{loaded}</Notice>;
  const [product, categories, brands] = loaded;
  const canWrite = can(active.role, "catalog.write");

  return (
    <div className="flex flex-col gap-5">
      <Link href="/dashboard/catalog" className="text-sm text-brand underline">
        Back to catalog
      </Link>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{product.name}</h1>
        {canWrite ? <ArchiveButton productId={product.id} archived={product.status === "archived"} /> : null}
      </div>
      <Card as="section" aria-labelledby="photo-heading" className="flex flex-col gap-3">
        <h2 id="photo-heading" className="text-lg font-semibold">
          Photo
        </h2>
        {product.imageUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- served by our media route, already a thumbnail
          <img
            src={thumbnailUrl(product.imageUrl)!}
            alt={`Photo of ${product.name}`}
            className="h-40 w-40 rounded-lg object-cover"
            data-testid="product-thumbnail"
          />
        ) : (
          <p className="text-sm text-stone-600">No photo yet.</p>
        )}
        {canWrite ? <ImageUpload productId={product.id} /> : null}
      </Card>
      {canWrite ? (
        <ProductForm
          product={{ ...product, updatedAt: product.updatedAt.toISOString() }}
          categories={categories}
          brands={brands}
          canWritePrices={can(active.role, "prices.write")}
        />
      ) : (
        <Notice>Your role can view the catalog but not change it.</Notice>
      )}
      {canWrite ? <CopyPanel productId={product.id} /> : null}
    </div>
  );
}
