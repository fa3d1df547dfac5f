import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS } from "@cannasaas/core";
import { Notice } from "@cannasaas/ui/card";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { ImportPanel } from "./import-panel";

export const metadata: Metadata = { title: "Import products" };

/** CSV import; the onboarding wizard's "first products" step links here. */
export default async function ImportPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "catalog.write") || !can(active.role, "prices.write")) {
    return <Notice tone="error">Importing sets prices, which your role cannot change. Ask a manager.</Notice>;
  }
  const imports = await (await serverApi()).catalog.imports.list();
  const unfinished = imports.filter((i) => i.status !== "completed");
  return (
    <div className="flex flex-col gap-5">
      <Link href="/dashboard/catalog" className="text-sm text-brand underline">
        Back to catalog
      </Link>
      <h1 className="text-2xl font-bold">Import products from CSV</h1>
      <details className="rounded-xl border border-stone-200 bg-white p-4 text-sm">
        <summary className="cursor-pointer font-semibold">The file format</summary>
        <div className="mt-3 flex flex-col gap-2 text-stone-700">
          <p>
            One row per variant. Rows with the same product name make one product, so product columns
            (category, brand, potency, description, effects, terpenes, lab link, status) must match on each of
            its rows. A product is imported whole or not at all. Rows are matched by SKU, so importing a file
            again updates instead of duplicating. Your export has exactly this format.
          </p>
          <p>
            Columns: <code className="break-words">{CSV_COLUMNS.join(", ")}</code>. Required:{" "}
            <code>{REQUIRED_CSV_COLUMNS.join(", ")}</code>.
          </p>
          <p>
            Prices in dollars (<code>12.50</code>), weight in milligrams (<code>3500</code> for 3.5 g),
            potency in percent (<code>21.5</code>), effects and terpenes separated by <code>;</code>, status{" "}
            <code>active</code>, <code>draft</code> or <code>archived</code>. Categories must already exist.
          </p>
        </div>
      </details>
      <ImportPanel
        unfinished={unfinished.map((u) => ({
          id: u.id,
          fileName: u.fileName,
          appliedRows: u.appliedRows,
          validRows: u.validRows,
        }))}
      />
    </div>
  );
}
