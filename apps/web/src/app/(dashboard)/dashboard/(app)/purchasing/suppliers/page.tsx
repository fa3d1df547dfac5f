import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardTitle, EmptyState, Notice } from "@cannasaas/ui/card";
import { formatCents } from "~/lib/format";
import { purchasingContext, refusalMessage } from "../context";
import { SupplierForm } from "./supplier-form";

export const metadata: Metadata = { title: "Suppliers" };

export default async function SuppliersPage() {
  const context = await purchasingContext();
  if (!context) return null;
  if (!context.canRead) return <Notice>Your role cannot see purchasing. Ask an owner or admin.</Notice>;
  const suppliers = await context.api.purchasing.suppliers().catch(refusalMessage);
  if (typeof suppliers === "string") return <Notice tone="error">{suppliers}</Notice>;
  const items = await Promise.all(
    suppliers.map((s) => context.api.purchasing.supplierItems({ supplierId: s.id })),
  );

  return (
    <div className="flex flex-col gap-4">
      {suppliers.length === 0 ? <EmptyState>No suppliers yet.</EmptyState> : null}
      <ul className="grid gap-3 md:grid-cols-2">
        {suppliers.map((s, i) => (
          <li key={s.id}>
            <Card>
              <CardTitle>
                <Link
                  href={`/dashboard/purchasing/suppliers/${s.id}`}
                  className="underline underline-offset-4"
                >
                  {s.name}
                </Link>
              </CardTitle>
              <dl className="grid gap-1 text-sm">
                <div>
                  <dt className="inline font-medium">Contact: </dt>
                  <dd className="inline">
                    {[s.contactName, s.email, s.phone].filter(Boolean).join(" · ") || "none on file"}
                  </dd>
                </div>
                <div>
                  <dt className="inline font-medium">Lead time: </dt>
                  <dd className="inline">
                    {s.leadTimeDays === null
                      ? "not on file (suggestions assume 7 days)"
                      : `${s.leadTimeDays} days`}
                  </dd>
                </div>
                <div>
                  <dt className="inline font-medium">Minimum order: </dt>
                  <dd className="inline">
                    {s.minimumOrderCents > 0 ? formatCents(s.minimumOrderCents) : "none"}
                  </dd>
                </div>
              </dl>
              <p className="mt-2 text-sm font-medium">Sells {items[i]!.length} of your products</p>
              {items[i]!.length > 0 ? (
                <ul className="mt-1 text-sm text-stone-700">
                  {items[i]!.slice(0, 8).map((item) => (
                    <li key={item.id}>
                      {item.productName} · {item.variantName}: {formatCents(item.unitCostCents)} a unit
                      {item.packSize > 1 ? `, packs of ${item.packSize}` : ""}
                    </li>
                  ))}
                  {items[i]!.length > 8 ? <li>and {items[i]!.length - 8} more</li> : null}
                </ul>
              ) : null}
              <Link
                href={`/dashboard/purchasing/suppliers/${s.id}`}
                className="mt-2 inline-block text-sm underline"
              >
                {context.canBuy ? "Edit details and products" : "See all products"}
                <span className="sr-only"> of {s.name}</span>
              </Link>
            </Card>
          </li>
        ))}
      </ul>
      {context.canBuy ? <SupplierForm /> : null}
    </div>
  );
}
