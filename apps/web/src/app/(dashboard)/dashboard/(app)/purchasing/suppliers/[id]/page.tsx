import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardTitle, EmptyState, Notice } from "@cannasaas/ui/card";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRowHeader,
} from "@cannasaas/ui/table";
import { formatCents } from "~/lib/format";
import { param, purchasingContext, refusalMessage } from "../../context";
import { SupplierForm } from "../supplier-form";
import { SupplierItemForm } from "./supplier-item-form";

export const metadata: Metadata = { title: "Supplier" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One supplier: its contacts and terms, the products it sells at what cost and pack size, and adding more. */
export default async function SupplierPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const context = await purchasingContext();
  if (!context) return null;
  if (!context.canRead) return <Notice>Your role cannot see purchasing. Ask an owner or admin.</Notice>;
  const { id } = await params;
  if (!UUID.test(id)) return <Notice tone="error">That supplier does not exist.</Notice>;
  const q = param((await searchParams).q).slice(0, 100);
  const [suppliers, items] = await Promise.all([
    context.api.purchasing.suppliers().catch(refusalMessage),
    context.api.purchasing.supplierItems({ supplierId: id }).catch(refusalMessage),
  ]);
  if (typeof suppliers === "string") return <Notice tone="error">{suppliers}</Notice>;
  if (typeof items === "string") return <Notice tone="error">{items}</Notice>;
  const supplier = suppliers.find((s) => s.id === id);
  if (!supplier) return <Notice tone="error">That supplier does not exist.</Notice>;
  const choices =
    context.canBuy && q.trim()
      ? await context.api.purchasing.supplierItemChoices({ supplierId: id, q }).catch(refusalMessage)
      : null;
  const label = (i: { productName: string; variantName: string }) => `${i.productName} (${i.variantName})`;

  return (
    <div className="flex flex-col gap-4">
      <Link href="/dashboard/purchasing/suppliers" className="text-sm underline">
        ← All suppliers
      </Link>
      <h2 className="text-xl font-semibold">{supplier.name}</h2>
      {context.canBuy ? (
        <SupplierForm supplier={supplier} />
      ) : (
        <Card>
          <CardTitle>Supplier details</CardTitle>
          <p className="text-sm">
            Lead time {supplier.leadTimeDays === null ? "not on file" : `${supplier.leadTimeDays} days`};
            minimum order {supplier.minimumOrderCents > 0 ? formatCents(supplier.minimumOrderCents) : "none"}.
          </p>
        </Card>
      )}

      {items.length === 0 ? (
        <EmptyState>
          {supplier.name} sells none of your products yet. Reorder suggestions only offer products with a
          supplier.
        </EmptyState>
      ) : (
        <Table>
          <TableCaption>Products {supplier.name} sells</TableCaption>
          <TableHeader>
            <tr>
              <TableHead>Product</TableHead>
              <TableHead align="right">{context.canBuy ? "Terms" : "Cost per unit · pack"}</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {items.map((item) => (
              <tr key={item.id} data-testid="supplier-item">
                <TableRowHeader>
                  <span className="font-medium">{item.productName}</span>
                  <span className="text-stone-600"> · {item.variantName}</span>
                  <span className="block text-xs text-stone-500">{item.sku}</span>
                </TableRowHeader>
                <TableCell align="right">
                  {context.canBuy ? (
                    <SupplierItemForm
                      supplierId={id}
                      variantId={item.variantId}
                      label={label(item)}
                      unitCostCents={item.unitCostCents}
                      packSize={item.packSize}
                      existing
                    />
                  ) : (
                    `${formatCents(item.unitCostCents)} · packs of ${item.packSize}`
                  )}
                </TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}

      {context.canBuy ? (
        <Card>
          <CardTitle>Add a product to {supplier.name}</CardTitle>
          <form method="get" className="flex flex-wrap items-end gap-2" role="search">
            <label className="flex flex-col gap-1 text-sm">
              Product name or SKU
              <input
                name="q"
                type="search"
                defaultValue={q}
                maxLength={100}
                className="min-h-11 w-64 rounded-lg border border-stone-300 bg-white px-3"
              />
            </label>
            <button
              type="submit"
              className="min-h-11 rounded-lg border border-stone-300 bg-white px-4 text-sm font-semibold"
            >
              Find products
            </button>
          </form>
          {typeof choices === "string" ? <Notice tone="error">{choices}</Notice> : null}
          {Array.isArray(choices) && choices.length === 0 ? (
            <p className="mt-3 text-sm">No products match “{q}”.</p>
          ) : null}
          {Array.isArray(choices) && choices.length > 0 ? (
            <ul className="mt-3 flex flex-col divide-y divide-stone-200">
              {choices.map((c) => (
                <li
                  key={c.variantId}
                  className="flex flex-wrap items-center justify-between gap-2 py-2"
                  data-testid="supplier-item-choice"
                >
                  <span className="text-sm">
                    <span className="font-medium">{c.productName}</span> · {c.variantName}
                    <span className="block text-xs text-stone-500">
                      {c.sku}
                      {c.unitCostCents !== null ? " · already sold by this supplier" : ""}
                    </span>
                  </span>
                  <SupplierItemForm
                    supplierId={id}
                    variantId={c.variantId}
                    label={label(c)}
                    unitCostCents={c.unitCostCents}
                    packSize={c.packSize}
                    existing={c.unitCostCents !== null}
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
