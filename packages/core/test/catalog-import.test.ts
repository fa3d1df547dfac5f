import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, inArray } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { organizations, productAlertEvents, products, productVariants } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  applyCatalogImportChunk,
  createCatalogImport,
  CSV_COLUMNS,
  exportCatalogCsv,
  getMenuProduct,
  IMPORT_CHUNK_PRODUCTS,
  type CatalogActor,
  type DomainError,
  setPlanDirectly,
} from "../src";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
let a: FixtureTenant;
let b: FixtureTenant;
const deps = () => ({ db: handle.db, kv: kv.kv, clock: () => new Date() });
const owner = (t: FixtureTenant, canWritePrices = true): CatalogActor => ({
  organizationId: t.org.id,
  userId: t.staff.owner.id,
  canWritePrices,
});
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e as DomainError,
  );

const HEADER = CSV_COLUMNS.join(",");
/** A row in CSV_COLUMNS order from the few columns a test cares about. */
function row(cells: Partial<Record<(typeof CSV_COLUMNS)[number], string>>) {
  const base = {
    category: "Flower",
    variant_name: "3.5 g",
    weight_mg: "3500",
    price: "35.00",
    status: "active",
    strain_type: "hybrid",
    thc_percent: "21.5",
    ...cells,
  } as Record<string, string>;
  return CSV_COLUMNS.map((c) => {
    const v = base[c] ?? "";
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(",");
}
const csv = (...rows: string[]) => [HEADER, ...rows].join("\n");

async function runToEnd(actor: CatalogActor, importId: string) {
  let job = await applyCatalogImportChunk(deps(), actor, importId);
  const seen = [job.appliedRows];
  while (job.status !== "completed") {
    job = await applyCatalogImportChunk(deps(), actor, importId);
    seen.push(job.appliedRows);
  }
  return { job, seen };
}
async function skuCount(orgId: string, skus: string[]) {
  const [r] = await handle.db
    .select({ n: count() })
    .from(productVariants)
    .where(and(eq(productVariants.organizationId, orgId), inArray(productVariants.sku, skus)));
  return r!.n;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  a = await createFixtureTenant(handle.db, { tag: "ci-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "ci-b", passwordHash: "x" });
});
afterAll(async () => {
  await kv?.close();
  await handle?.close();
});

describe("catalog CSV import", () => {
  it("refuses a file with wrong columns as a whole, naming them", async () => {
    const error = await errorOf(
      createCatalogImport(deps(), owner(a), { fileName: "x.csv", csv: "sku,name,cost\nA,B,1" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("missing columns product_name, variant_name, category, price");
    expect(error.message).toContain("unknown columns name, cost");
    expect(
      (await errorOf(createCatalogImport(deps(), owner(a), { fileName: "x.csv", csv: "" }))).message,
    ).toBe("The file is empty.");
    expect(
      (
        await errorOf(
          createCatalogImport(deps(), owner(a), { fileName: "x.csv", csv: `${HEADER}\n"unclosed` }),
        )
      ).message,
    ).toMatch(/^This is not a readable CSV file/);
  });

  it("reports every bad row with its column and imports only whole, valid products", async () => {
    const file = csv(
      row({ sku: "GOOD-1", product_name: "Good Kush", price: "12.50", medical_price: "0.29" }),
      row({ sku: "GOOD-2", product_name: "Good Kush", variant_name: "7 g", weight_mg: "7000", price: "24" }),
      row({ sku: "BAD-PRICE", product_name: "Bad Price", price: "12.345" }),
      row({ sku: "DUP", product_name: "Dupe One" }),
      row({ sku: "DUP", product_name: "Dupe Two" }),
      row({ sku: "CAT", product_name: "Odd Category", category: "Seeds" }),
      row({ sku: "HALF-1", product_name: "Half Product" }),
      row({ sku: "HALF-2", product_name: "Half Product", weight_mg: "-5" }),
      row({ sku: "MIX-1", product_name: "Mixed", thc_percent: "20" }),
      row({ sku: "MIX-2", product_name: "Mixed", thc_percent: "25" }),
      row({ sku: "POT", product_name: "Too Strong", thc_percent: "101", strain_type: "ruderalis" }),
      `GOOD-3,Extra Cells,extra,cells,galore${",x".repeat(20)}`,
    );
    const job = await createCatalogImport(deps(), owner(a), { fileName: "mixed.csv", csv: file });
    expect(job).toMatchObject({ totalRows: 12, validRows: 2, groupCount: 1, status: "ready" });
    expect(job.rowErrors).toEqual(
      [
        { row: 4, column: "price", message: 'Price must be dollars like 12.50; got "12.345".' },
        { row: 5, column: "sku", message: "SKU DUP is in the file more than once (rows 5, 6)." },
        { row: 6, column: "sku", message: "SKU DUP is in the file more than once (rows 5, 6)." },
        {
          row: 7,
          column: "category",
          message: 'Unknown category "Seeds". Use one of: Flower, Edibles.',
        },
        {
          row: 8,
          column: null,
          message: "Not imported: row 9 of the same product has errors, and products are imported whole.",
        },
        {
          row: 9,
          column: "weight_mg",
          message: 'Weight must be a whole number of milligrams, like 3500; got "-5".',
        },
        {
          row: 11,
          column: "thc_percent",
          message: "Differs from row 10 of the same product; product columns must match on every row.",
        },
        {
          row: 10,
          column: null,
          message: "Not imported: row 11 of the same product has errors, and products are imported whole.",
        },
        { row: 12, column: "strain_type", message: "Use indica, sativa, hybrid or cbd." },
        {
          row: 12,
          column: "thc_percent",
          message: 'THC must be a percent from 0 to 100, like 21.5; got "101".',
        },
        { row: 13, column: null, message: "This row has 25 cells; the header has 18." },
      ].sort((x, y) => x.row - y.row || (x.column ?? "").localeCompare(y.column ?? "")),
    );
    // Validation wrote nothing to the catalog.
    expect(await skuCount(a.org.id, ["GOOD-1", "GOOD-2", "HALF-1", "MIX-1", "DUP"])).toBe(0);

    const { job: done } = await runToEnd(owner(a), job.id);
    expect(done).toMatchObject({
      status: "completed",
      appliedRows: 2,
      productsCreated: 1,
      variantsCreated: 2,
    });
    const menu = await getMenuProduct(handle.db, a.org.id, "good-kush");
    expect(menu?.variants.map((v) => [v.sku, v.priceCents, v.medicalPriceCents, v.weightMg])).toEqual([
      ["GOOD-1", 1250, 29, 3500],
      ["GOOD-2", 2400, null, 7000],
    ]);
    expect(await skuCount(a.org.id, ["HALF-1", "HALF-2", "MIX-1", "MIX-2", "DUP", "CAT", "POT"])).toBe(0);
  });

  it("is idempotent by SKU: importing the same file twice updates, never duplicates", async () => {
    const file = csv(
      row({ sku: "IDEM-1", product_name: "Idem", brand: "Fresh Farms", effects: "relaxed; Happy" }),
      row({
        sku: "IDEM-2",
        product_name: "Idem",
        brand: "Fresh Farms",
        effects: "relaxed; Happy",
        price: "60",
      }),
    );
    const first = await runToEnd(
      owner(a),
      (await createCatalogImport(deps(), owner(a), { fileName: "i.csv", csv: file })).id,
    );
    expect(first.job).toMatchObject({ productsCreated: 1, variantsCreated: 2 });
    const second = await runToEnd(
      owner(a),
      (await createCatalogImport(deps(), owner(a), { fileName: "i.csv", csv: file })).id,
    );
    expect(second.job).toMatchObject({
      productsCreated: 0,
      productsUpdated: 1,
      variantsCreated: 0,
      variantsUpdated: 2,
    });
    expect(await skuCount(a.org.id, ["IDEM-1", "IDEM-2"])).toBe(2);
    const [p] = await handle.db
      .select()
      .from(products)
      .where(and(eq(products.organizationId, a.org.id), eq(products.slug, "idem")));
    expect(p!.effects).toEqual(["relaxed", "Happy"]);
    // A changed file updates product and variant in place.
    const changed = csv(
      row({
        sku: "IDEM-1",
        product_name: "Idem",
        brand: "Fresh Farms",
        description: "Changed",
        strain_type: "indica",
      }),
      row({
        sku: "IDEM-2",
        product_name: "Idem",
        brand: "Fresh Farms",
        description: "Changed",
        strain_type: "indica",
        price: "61.25",
      }),
    );
    await runToEnd(
      owner(a),
      (await createCatalogImport(deps(), owner(a), { fileName: "c.csv", csv: changed })).id,
    );
    const [after] = await handle.db.select().from(products).where(eq(products.id, p!.id));
    expect([after!.description, after!.strainType, after!.effects]).toEqual(["Changed", "indica", []]);
    expect(after!.updatedAt.getTime()).toBeGreaterThan(p!.updatedAt.getTime());
    const [v2] = await handle.db
      .select()
      .from(productVariants)
      .where(and(eq(productVariants.organizationId, a.org.id), eq(productVariants.sku, "IDEM-2")));
    expect([v2!.priceCents, v2!.productId]).toEqual([6125, p!.id]);
    // Applying a finished job again does nothing.
    expect((await applyCatalogImportChunk(deps(), owner(a), first.job.id)).productsCreated).toBe(1);
  });

  it("records a price drop of an existing product's lowest price for wishlist alerts, not a rise", async () => {
    const importPrice = async (price: string) =>
      runToEnd(
        owner(a),
        (
          await createCatalogImport(deps(), owner(a), {
            fileName: "p.csv",
            csv: csv(row({ sku: "DROP-1", product_name: "Dropper", price })),
          })
        ).id,
      );
    const drops = () =>
      handle.db
        .select({ old: productAlertEvents.oldPriceCents, new: productAlertEvents.newPriceCents })
        .from(productAlertEvents)
        .innerJoin(products, eq(products.id, productAlertEvents.productId))
        .where(and(eq(productAlertEvents.organizationId, a.org.id), eq(products.slug, "dropper")));
    await importPrice("40.00");
    expect(await drops()).toEqual([]);
    await importPrice("30.00");
    expect(await drops()).toEqual([{ old: 4000, new: 3000 }]);
    await importPrice("50.00");
    expect(await drops()).toEqual([{ old: 4000, new: 3000 }]);
  });

  it("round-trips: exporting and importing the export changes nothing", async () => {
    let text = "";
    for await (const chunk of exportCatalogCsv(handle.db, a.org.id)) text += chunk;
    expect(text.split(/\r?\n/)[0]).toBe(HEADER);
    expect(text).toContain("GOOD-1,Good Kush,3.5 g,Flower,,hybrid,21.5,,,,3500,12.50,0.29");
    const job = await createCatalogImport(deps(), owner(a), { fileName: "export.csv", csv: text });
    expect(job.rowErrors).toEqual([]);
    const { job: done } = await runToEnd(owner(a), job.id);
    expect(done.productsCreated).toBe(0);
    expect(done.variantsCreated).toBe(0);
    let again = "";
    for await (const chunk of exportCatalogCsv(handle.db, a.org.id)) again += chunk;
    expect(again).toBe(text);
    // Tenant B's export holds only B's products.
    let other = "";
    for await (const chunk of exportCatalogCsv(handle.db, b.org.id)) other += chunk;
    expect(other).not.toContain("GOOD-1");
    expect(other).toContain("ci-b-0");
  });

  it("exports formula-like text as text cells, and importing the export gives the same text back", async () => {
    const names = ['=HYPERLINK("http://evil")', "-10% Off Gummies", "'=Quoted On Purpose"];
    const job = await createCatalogImport(deps(), owner(a), {
      fileName: "formulas.csv",
      csv: csv(
        row({ sku: "FORMULA-1", product_name: names[0], description: "@SUM(A1:A9)" }),
        row({ sku: "FORMULA-2", product_name: names[1], description: "+1 free pre-roll" }),
        // An apostrophe before a formula character is taken as escaping (as spreadsheets do), so a name that
        // really starts with one is written escaped, as the export writes it.
        row({ sku: "FORMULA-3", product_name: `'${names[2]}` }),
      ),
    });
    expect(job.rowErrors).toEqual([]);
    await runToEnd(owner(a), job.id);
    const skus = ["FORMULA-1", "FORMULA-2", "FORMULA-3"];
    const stored = async () =>
      handle.db
        .select({ sku: productVariants.sku, name: products.name, description: products.description })
        .from(productVariants)
        .innerJoin(products, eq(products.id, productVariants.productId))
        .where(and(eq(productVariants.organizationId, a.org.id), inArray(productVariants.sku, skus)))
        .orderBy(productVariants.sku);
    const before = await stored();
    expect(before.map((r) => r.name)).toEqual(names);

    let text = "";
    for await (const chunk of exportCatalogCsv(handle.db, a.org.id)) text += chunk;
    // A spreadsheet reads an apostrophe-led cell as text, so none of these runs as a formula.
    expect(text).toContain(`FORMULA-1,"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain("'@SUM(A1:A9)");
    expect(text).toContain("FORMULA-2,'-10% Off Gummies");
    expect(text).toContain("'+1 free pre-roll");
    expect(text).toContain("FORMULA-3,''=Quoted On Purpose");
    for (const line of text.split(/\r?\n/)) {
      for (const cell of line.split(",")) expect(cell.replace(/^"/, "")).not.toMatch(/^[=+\-@\t\r]/);
    }

    const again = await createCatalogImport(deps(), owner(a), { fileName: "export.csv", csv: text });
    expect(again.rowErrors).toEqual([]);
    const { job: done } = await runToEnd(owner(a), again.id);
    expect([done.productsCreated, done.variantsCreated]).toEqual([0, 0]);
    expect(await stored()).toEqual(before);
  });

  it("never touches another tenant's SKUs and keeps jobs per tenant", async () => {
    const job = await createCatalogImport(deps(), owner(b), {
      fileName: "b.csv",
      csv: csv(row({ sku: "GOOD-1", product_name: "B's Own", price: "99" })),
    });
    await runToEnd(owner(b), job.id);
    const [mine] = await handle.db
      .select()
      .from(productVariants)
      .where(and(eq(productVariants.organizationId, a.org.id), eq(productVariants.sku, "GOOD-1")));
    expect(mine!.priceCents).toBe(1250);
    expect((await errorOf(applyCatalogImportChunk(deps(), owner(a), job.id))).code).toBe("NOT_FOUND");
  });

  it("refuses roles without price rights and, once launched, plans without bulk import", async () => {
    const file = csv(row({ sku: "ROLE-1", product_name: "Role" }));
    expect(
      (await errorOf(createCatalogImport(deps(), owner(a, false), { fileName: "r.csv", csv: file }))).code,
    ).toBe("FORBIDDEN");
    await setPlanDirectly(deps(), b.org.id, { plan: "starter" });
    const gated = await errorOf(createCatalogImport(deps(), owner(b), { fileName: "r.csv", csv: file }));
    expect([gated.code, gated.message]).toEqual([
      "FORBIDDEN",
      "Bulk import needs the Professional plan. Upgrade in Billing to use it.",
    ]);
    // Before launch (onboarding's first products) the import is open on every plan.
    await handle.db.update(organizations).set({ launchedAt: null }).where(eq(organizations.id, b.org.id));
    const job = await createCatalogImport(deps(), owner(b), { fileName: "r.csv", csv: file });
    expect((await runToEnd(owner(b), job.id)).job.status).toBe("completed");
  });

  it("refuses the whole import when it would pass the plan's product limit", async () => {
    // B is on starter (500 products) and not launched; it has 5 products.
    const rows = Array.from({ length: 496 }, (_, i) => row({ sku: `LIM-${i}`, product_name: `Limit ${i}` }));
    const error = await errorOf(
      createCatalogImport(deps(), owner(b), { fileName: "l.csv", csv: csv(...rows) }),
    );
    expect(error.message).toBe(
      "Your Starter plan allows 500 products; you have 5 and are adding 496. Upgrade to Professional for more.",
    );
    expect(await skuCount(b.org.id, ["LIM-0", "LIM-495"])).toBe(0);
  });

  // How long this takes is measured by `pnpm --filter @cannasaas/bench bench:import`, never asserted here.
  it("imports 5,000 rows in chunks with visible progress", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      row({
        sku: `BULK-${i}`,
        product_name: `Bulk Strain ${Math.floor(i / 2)}`,
        variant_name: i % 2 ? "7 g" : "3.5 g",
        weight_mg: i % 2 ? "7000" : "3500",
        price: `${20 + (i % 30)}.${String(i % 100).padStart(2, "0")}`,
        brand: `Brand ${Math.floor(i / 2) % 40}`,
        description: `Batch ${Math.floor(i / 2)}, "quoted", with commas`,
        effects: "relaxed;happy",
      }),
    );
    const job = await createCatalogImport(deps(), owner(a), { fileName: "bulk.csv", csv: csv(...rows) });
    expect(job.rowErrors.slice(0, 3)).toEqual([]);
    expect(job).toMatchObject({ totalRows: 5000, validRows: 5000, groupCount: 2500 });
    const { job: done, seen } = await runToEnd(owner(a), job.id);
    expect(done).toMatchObject({
      status: "completed",
      appliedRows: 5000,
      productsCreated: 2500,
      variantsCreated: 5000,
    });
    expect(seen).toHaveLength(2500 / IMPORT_CHUNK_PRODUCTS);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(await skuCount(a.org.id, ["BULK-0", "BULK-4999"])).toBe(2);
  }, 300_000);
});
