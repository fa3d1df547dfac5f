import type { Metadata } from "next";
import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { can } from "@cannasaas/auth/rbac";
import { Badge, type BadgeTone } from "@cannasaas/ui/badge";
import { Notice } from "@cannasaas/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";
import { formatCents, formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "Catalog" };

const STATUSES = [
  { value: "all", label: "All" },
  { value: "active", label: "Active" },
  { value: "draft", label: "Draft" },
  { value: "archived", label: "Archived" },
] as const;

const PRODUCT_STATUS_TONE: Record<"active" | "draft" | "archived", BadgeTone> = {
  active: "success",
  draft: "warning",
  archived: "neutral",
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function CatalogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { active } = await dashboardSession();
  if (!active) return null;
  const params = await searchParams;
  const q = first(params.q).slice(0, 100);
  const status = STATUSES.find((s) => s.value === first(params.status))?.value ?? "all";
  const categoryId = /^[0-9a-f-]{36}$/i.test(first(params.category)) ? first(params.category) : undefined;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(first(params.page), 10) || 1));

  const api = await serverApi();
  const result = await Promise.all([
    api.catalog.products.list({ q: q || undefined, status, categoryId, page }),
    api.catalog.categories.list(),
  ]).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return error.message;
    throw error;
  });
  if (typeof result === "string") return <Notice tone="error">{result}</Notice>;
  const [list, categories] = result;
  const canWrite = can(active.role, "catalog.write");
  const canImport = canWrite && can(active.role, "prices.write");
  const pageHref = (p: number) => {
    const sp = new URLSearchParams({
      ...(q ? { q } : {}),
      status,
      ...(categoryId ? { category: categoryId } : {}),
    });
    sp.set("page", String(p));
    return `/dashboard/catalog?${sp}`;
  };

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Catalog</h1>
        <div className="flex flex-wrap gap-2">
          <Link
            href="/dashboard/catalog/categories"
            className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 text-sm font-semibold hover:bg-stone-50"
          >
            Categories
          </Link>
          <Link
            href="/dashboard/catalog/copy"
            className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 text-sm font-semibold hover:bg-stone-50"
          >
            Product copy
          </Link>
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a file download, not a page */}
          <a
            href="/dashboard/catalog/export"
            className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 text-sm font-semibold hover:bg-stone-50"
          >
            Export CSV
          </a>
          {canImport ? (
            <Link
              href="/dashboard/catalog/import"
              className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 text-sm font-semibold hover:bg-stone-50"
            >
              Import CSV
            </Link>
          ) : null}
          {canImport ? (
            <Link
              href="/dashboard/catalog/new"
              className="inline-flex min-h-11 items-center rounded-lg bg-brand px-4 text-sm font-semibold text-white hover:brightness-110"
            >
              New product
            </Link>
          ) : null}
        </div>
      </div>

      <form
        role="search"
        className="grid gap-3 rounded-xl border border-stone-200 bg-white p-4 sm:grid-cols-4"
      >
        <label className="flex flex-col gap-1 text-sm font-medium sm:col-span-2">
          Search name or SKU
          <input
            name="q"
            defaultValue={q}
            type="search"
            className="min-h-11 rounded-lg border border-stone-300 px-3 text-base font-normal"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Category
          <select
            name="category"
            defaultValue={categoryId ?? ""}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base font-normal"
          >
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Status
          <select
            name="status"
            defaultValue={status}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base font-normal"
          >
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <div className="sm:col-span-4">
          <button className="min-h-11 rounded-lg bg-stone-900 px-4 text-sm font-semibold text-white">
            Filter
          </button>
        </div>
      </form>

      <p className="text-sm text-stone-600" aria-live="polite">
        {list.total.toLocaleString("en-US")} product{list.total === 1 ? "" : "s"}
      </p>
      {list.products.length === 0 ? (
        <Notice>
          {q || categoryId || status !== "all"
            ? "No products match these filters."
            : "No products yet. Create one, or import your catalog from a CSV file."}
        </Notice>
      ) : (
        <Table>
          <TableCaption>Products</TableCaption>
          <TableHeader className="text-stone-700">
            <tr>
              <TableHead>Product</TableHead>
              <TableHead>Category</TableHead>
              <TableHead>Variants</TableHead>
              <TableHead>From</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="hidden md:table-cell">Updated</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {list.products.map((p) => (
              <tr key={p.id} data-testid="catalog-row">
                <TableCell>
                  <Link
                    href={`/dashboard/catalog/${p.id}`}
                    className="font-semibold text-brand underline-offset-2 hover:underline"
                  >
                    {p.name}
                  </Link>
                  {p.brand ? <span className="block text-xs text-stone-600">{p.brand}</span> : null}
                </TableCell>
                <TableCell>{p.category}</TableCell>
                <TableCell>{p.variantCount}</TableCell>
                <TableCell>{p.minPriceCents === null ? "—" : formatCents(p.minPriceCents)}</TableCell>
                <TableCell>
                  <Badge tone={PRODUCT_STATUS_TONE[p.status]} className="capitalize">
                    {p.status}
                  </Badge>
                </TableCell>
                <TableCell className="hidden md:table-cell">
                  {formatDateTime(p.updatedAt, active.timeZone)}
                </TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
      {list.pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm">
          {page > 1 ? (
            <Link
              href={pageHref(page - 1)}
              className="min-h-11 rounded-lg border border-stone-300 bg-white px-4 py-3"
            >
              Previous
            </Link>
          ) : (
            <span />
          )}
          <span>
            Page {list.page} of {list.pageCount}
          </span>
          {page < list.pageCount ? (
            <Link
              href={pageHref(page + 1)}
              className="min-h-11 rounded-lg border border-stone-300 bg-white px-4 py-3"
            >
              Next
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
