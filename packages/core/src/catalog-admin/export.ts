import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import type { DbOrTx } from "@cannasaas/db/client";
import { brands, categories, products, productVariants } from "@cannasaas/db/schema";
import { CSV_COLUMNS, type CsvColumn } from "./csv-format";
import { bpsToPercent, centsToDollars } from "./units";

const PAGE = 500;
const num = (v: number | null, format: (n: number) => string = String) => (v === null ? "" : format(v));

/**
 * The whole catalog as CSV in the import format, one page of products at a time, so a large catalog streams
 * without being held in memory. Importing the output changes nothing.
 */
export async function* exportCatalogCsv(db: DbOrTx, organizationId: string): AsyncGenerator<string> {
  yield stringify([CSV_COLUMNS]);
  let after = "";
  for (;;) {
    const page = await db
      .select({
        id: products.id,
        slug: products.slug,
        name: products.name,
        category: categories.name,
        brand: brands.name,
        strainType: products.strainType,
        thcBps: products.thcBps,
        cbdBps: products.cbdBps,
        thcMg: products.thcMg,
        cbdMg: products.cbdMg,
        description: products.description,
        effects: products.effects,
        terpenes: products.terpenes,
        labResultsUrl: products.labResultsUrl,
        status: products.status,
      })
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .leftJoin(brands, eq(brands.id, products.brandId))
      .where(and(eq(products.organizationId, organizationId), gt(products.slug, after)))
      .orderBy(asc(products.slug))
      .limit(PAGE);
    if (page.length === 0) return;
    const variants = await db
      .select()
      .from(productVariants)
      .where(
        and(
          eq(productVariants.organizationId, organizationId),
          inArray(
            productVariants.productId,
            page.map((p) => p.id),
          ),
        ),
      )
      .orderBy(asc(productVariants.position), asc(productVariants.sku));
    const rows = page.flatMap((p) =>
      variants
        .filter((v) => v.productId === p.id)
        .map((v) => {
          const row: Record<CsvColumn, string> = {
            sku: v.sku,
            product_name: p.name,
            variant_name: v.name,
            category: p.category,
            brand: p.brand ?? "",
            strain_type: p.strainType ?? "",
            thc_percent: num(p.thcBps, bpsToPercent),
            cbd_percent: num(p.cbdBps, bpsToPercent),
            thc_mg: num(p.thcMg),
            cbd_mg: num(p.cbdMg),
            weight_mg: num(v.weightMg),
            price: centsToDollars(v.priceCents),
            medical_price: num(v.medicalPriceCents, centsToDollars),
            description: p.description ?? "",
            effects: p.effects.join(";"),
            terpenes: p.terpenes.join(";"),
            lab_results_url: p.labResultsUrl ?? "",
            status: p.status,
          };
          return CSV_COLUMNS.map((c) => row[c]);
        }),
    );
    if (rows.length) yield stringify(rows);
    after = page.at(-1)!.slug;
  }
}

/** A row-error report as CSV, for the download link next to the import summary. */
export function rowErrorsCsv(errors: { row: number; column: string | null; message: string }[]) {
  return stringify([["row", "column", "message"], ...errors.map((e) => [e.row, e.column ?? "", e.message])]);
}
