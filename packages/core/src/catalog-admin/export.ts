import { asc, gt } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { products } from "@cannasaas/db/schema";
import { selectProductRows, selectVariantsOfProducts } from "../catalog/product-rows";
import { csvLines } from "../csv/escape";
import { CSV_COLUMNS, type CsvColumn } from "./csv-format";
import { bpsToPercent, centsToDollars } from "./units";

const PAGE = 500;
const num = (v: number | null, format: (n: number) => string = String) => (v === null ? "" : format(v));

/**
 * The whole catalog as CSV in the import format, one page of products at a time, so a large catalog streams
 * without being held in memory. Importing the output changes nothing: cells escaped against spreadsheet formulas
 * are unescaped by readCsv.
 */
export async function* exportCatalogCsv(db: DbOrTx, organizationId: string): AsyncGenerator<string> {
  yield csvLines([CSV_COLUMNS]);
  let after = "";
  for (;;) {
    const page = await selectProductRows(db, organizationId, {
      where: gt(products.slug, after),
      orderBy: [asc(products.slug)],
      limit: PAGE,
    });
    if (page.length === 0) return;
    const variants = await selectVariantsOfProducts(
      db,
      organizationId,
      page.map((p) => p.id),
      "sku",
    );
    const rows = page.flatMap((p) =>
      variants
        .filter((v) => v.productId === p.id)
        .map((v) => {
          const row: Record<CsvColumn, string> = {
            sku: v.sku,
            product_name: p.name,
            variant_name: v.name,
            category: p.category.name,
            brand: p.brand?.name ?? "",
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
    if (rows.length) yield csvLines(rows);
    after = page.at(-1)!.slug;
  }
}

/** A row-error report as CSV, for the download link next to the import summary. */
export function rowErrorsCsv(errors: { row: number; column: string | null; message: string }[]) {
  return csvLines([["row", "column", "message"], ...errors.map((e) => [e.row, e.column ?? "", e.message])]);
}
