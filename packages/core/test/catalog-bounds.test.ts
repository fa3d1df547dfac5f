/**
 * One set of bounds for prices, weights and stock (validators' `CATALOG_BOUNDS`), checked the same way by the
 * product form and procedures (`productInput`), the CSV import (`validateRow`) and the public API (the stock
 * schemas). The review's repro: a CSV row at $99,999,999.99 passed validation, then failed every retry.
 */
import { describe, expect, it } from "vitest";
import { CATALOG_BOUNDS, priceCentsSchema, stockDeltaSchema, weightMgSchema } from "@cannasaas/validators";
import { stockDeltaSchema as formStockDelta } from "@cannasaas/validators/forms";
import { CSV_COLUMNS, productInput, readCsv, validateRow } from "../src/catalog-admin";

const HEADER = CSV_COLUMNS.join(",");
function csvRow(cells: Partial<Record<(typeof CSV_COLUMNS)[number], string>>) {
  const full = {
    sku: "B-1",
    product_name: "Bound",
    variant_name: "1 g",
    category: "Flower",
    price: "10",
    ...cells,
  };
  return CSV_COLUMNS.map((c) => (full as Record<string, string>)[c] ?? "").join(",");
}
const importErrors = (cells: Parameters<typeof csvRow>[0]) => {
  const [record] = readCsv(`${HEADER}\n${csvRow(cells)}\n`);
  const result = validateRow(record!);
  return Array.isArray(result) ? result.map((e) => [e.column, e.message]) : [];
};

describe("the CSV import", () => {
  it("refuses the review's $99,999,999.99 row with a clear message, naming the column", () => {
    expect(importErrors({ price: "99999999.99" })).toEqual([["price", "A price can be at most $10,000.00."]]);
    expect(importErrors({ medical_price: "10000.01" })).toEqual([
      ["medical_price", "A price can be at most $10,000.00."],
    ]);
  });

  it("refuses a weight above the bound and accepts both bounds exactly", () => {
    expect(importErrors({ weight_mg: "1000001" })).toEqual([
      ["weight_mg", "A variant can weigh at most 1,000 g."],
    ]);
    expect(importErrors({ price: "10000.00", weight_mg: "1000000" })).toEqual([]);
  });
});

describe("the product form and procedures", () => {
  const product = (variant: Record<string, unknown>) =>
    productInput.safeParse({
      name: "Bound",
      categoryId: crypto.randomUUID(),
      brandId: null,
      description: null,
      strainName: null,
      strainType: null,
      thcBps: null,
      cbdBps: null,
      thcMg: null,
      cbdMg: null,
      effects: [],
      terpenes: [],
      labResultsUrl: null,
      status: "active",
      variants: [
        { sku: "B-1", name: "1 g", weightMg: 1_000, priceCents: 1_000, medicalPriceCents: null, ...variant },
      ],
    });

  it("use the same bounds and messages as the import", () => {
    expect(product({ priceCents: CATALOG_BOUNDS.maxPriceCents }).success).toBe(true);
    expect(product({ priceCents: CATALOG_BOUNDS.maxPriceCents + 1 }).error?.issues[0]?.message).toBe(
      "A price can be at most $10,000.00.",
    );
    expect(product({ weightMg: CATALOG_BOUNDS.maxWeightMg + 1 }).error?.issues[0]?.message).toBe(
      "A variant can weigh at most 1,000 g.",
    );
    expect(product({ medicalPriceCents: -1 }).error?.issues[0]?.message).toBe("A price cannot be negative.");
  });

  it("leave every bound far inside a PostgreSQL integer, so a value that validates is always stored", () => {
    const INT_MAX = 2_147_483_647;
    for (const schema of [priceCentsSchema, weightMgSchema])
      expect(schema.safeParse(INT_MAX).success).toBe(false);
  });
});

describe("stock movements", () => {
  it("the dashboard and the public API refuse the same out-of-range change with the same message", () => {
    for (const schema of [stockDeltaSchema, formStockDelta]) {
      expect(schema.safeParse(CATALOG_BOUNDS.maxStockUnits).success).toBe(true);
      expect(schema.safeParse(-CATALOG_BOUNDS.maxStockUnits - 1).error?.issues[0]?.message).toBe(
        "One movement can record at most 100,000 units.",
      );
    }
  });
});
