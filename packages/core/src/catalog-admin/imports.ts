import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  brands,
  catalogImports,
  categories,
  organizations,
  products,
  productVariants,
  type CatalogImportRowError,
} from "@cannasaas/db/schema";
import { invalidateMenuCache } from "../catalog/menu-cache";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { assertFeature, assertWithinPlanLimit } from "../plans/features";
import { PRODUCT_CSV_COLUMNS, readCsv, validateRow, type ParsedRow, type RowError } from "./csv-format";
import { recordDomainEvents } from "../events/domain-events";
import { productEventOf, type CatalogActor } from "./products";
import { lowestPrices, notePriceDrops } from "../wishlists/alert-events";
import { catalogSlug } from "./units";

/** Products applied per transaction: small enough to keep locks short, large enough for 5,000 rows to fly. */
export const IMPORT_CHUNK_PRODUCTS = 100;

type Deps = Pick<CoreDeps, "db" | "kv" | "clock">;

/** A validated product of the file with all its variant rows; stored as JSON until applied. */
export type ImportGroup = {
  slug: string;
  rows: number[];
  product: {
    name: string;
    categoryId: string;
    brand: string | null;
    strainType: ParsedRow["values"]["strain_type"];
    thcBps: number | null;
    cbdBps: number | null;
    thcMg: number | null;
    cbdMg: number | null;
    description: string | null;
    effects: string[];
    terpenes: string[];
    labResultsUrl: string | null;
    status: "active" | "draft" | "archived";
  };
  variants: {
    sku: string;
    name: string;
    weightMg: number | null;
    priceCents: number;
    medicalPriceCents: number | null;
  }[];
};

/**
 * Bulk import is a paid feature once the store is live; before launch every owner may import their first
 * products (the onboarding wizard sends them to the import page).
 */
export async function assertImportAllowed(deps: Pick<CoreDeps, "db" | "kv">, organizationId: string) {
  const [org] = await deps.db
    .select({ launchedAt: organizations.launchedAt })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError("NOT_FOUND", "Organization not found.");
  if (org.launchedAt) await assertFeature(deps, organizationId, "bulk_import");
}

function requirePriceRights(actor: CatalogActor) {
  if (!actor.canWritePrices) {
    throw new DomainError(
      "FORBIDDEN",
      "Importing sets prices, weights and categories, which your role cannot change. Ask a manager or the owner.",
    );
  }
}

/** Which existing product each SKU belongs to. */
async function skuOwners(db: DbOrTx, organizationId: string, skus: string[]) {
  if (skus.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ sku: productVariants.sku, productId: productVariants.productId })
    .from(productVariants)
    .where(and(eq(productVariants.organizationId, organizationId), inArray(productVariants.sku, skus)));
  return new Map(rows.map((r) => [r.sku, r.productId]));
}

/** The product a group updates: the owner of one of its SKUs, else the product with its slug, else none. */
async function resolveTargets(db: DbOrTx, organizationId: string, groups: ImportGroup[], lock: boolean) {
  const owners = await skuOwners(
    db,
    organizationId,
    groups.flatMap((g) => g.variants.map((v) => v.sku)),
  );
  const query = db
    .select({ id: products.id, slug: products.slug })
    .from(products)
    .where(
      and(
        eq(products.organizationId, organizationId),
        inArray(
          products.slug,
          groups.map((g) => g.slug),
        ),
      ),
    );
  const bySlug = new Map((await (lock ? query.for("update") : query)).map((p) => [p.slug, p.id]));
  return new Map(
    groups.map((g) => {
      const owned = g.variants.map((v) => owners.get(v.sku)).find(Boolean);
      return [g, owned ?? bySlug.get(g.slug) ?? null] as const;
    }),
  );
}

const sortErrors = (errors: RowError[]) =>
  errors.sort((a, b) => a.row - b.row || (a.column ?? "").localeCompare(b.column ?? ""));

/** Checks every row, then every product across rows; broken products are left out whole. */
async function validateFile(db: DbOrTx, organizationId: string, csv: string) {
  const records = readCsv(csv);
  const errors: RowError[] = [];
  const parsed: ParsedRow[] = [];
  /** Products with a row that could not even be read: the rest of their rows must not be imported alone. */
  const unreadable = new Map<string, number>();
  for (const record of records) {
    const result = validateRow(record);
    if (!Array.isArray(result)) {
      parsed.push(result);
      continue;
    }
    errors.push(...result);
    const slug = catalogSlug(record.cells.product_name);
    if (record.cells.product_name.trim() && !unreadable.has(slug)) unreadable.set(slug, record.line);
  }

  const skuRows = new Map<string, number[]>();
  for (const r of parsed) skuRows.set(r.values.sku, [...(skuRows.get(r.values.sku) ?? []), r.row]);
  for (const r of parsed) {
    const rows = skuRows.get(r.values.sku)!;
    if (rows.length > 1) {
      errors.push({
        row: r.row,
        column: "sku",
        message: `SKU ${r.values.sku} is in the file more than once (rows ${rows.join(", ")}).`,
      });
    }
  }

  const cats = await db
    .select({ id: categories.id, slug: categories.slug, name: categories.name })
    .from(categories)
    .where(eq(categories.organizationId, organizationId));
  const categoryId = (value: string) =>
    cats.find((c) => c.slug === value.toLowerCase() || c.name.toLowerCase() === value.toLowerCase())?.id;
  const validNames = cats.map((c) => c.name).join(", ");
  for (const r of parsed) {
    if (!categoryId(r.values.category)) {
      errors.push({
        row: r.row,
        column: "category",
        message: `Unknown category "${r.values.category}". Use one of: ${validNames || "(create a category first)"}.`,
      });
    }
  }

  const bySlug = new Map<string, ParsedRow[]>();
  for (const r of parsed) {
    const slug = catalogSlug(r.values.product_name);
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), r]);
  }
  for (const rows of bySlug.values()) {
    const [first, ...rest] = rows;
    for (const r of rest) {
      for (const column of PRODUCT_CSV_COLUMNS) {
        if (r.raw[column].trim() !== first!.raw[column].trim()) {
          errors.push({
            row: r.row,
            column,
            message: `Differs from row ${first!.row} of the same product; product columns must match on every row.`,
          });
        }
      }
    }
  }

  // Existing SKUs say which product a group updates; SKUs of two different products cannot become one.
  const owners = await skuOwners(
    db,
    organizationId,
    parsed.map((r) => r.values.sku),
  );
  for (const rows of bySlug.values()) {
    const ids = new Set(rows.flatMap((r) => owners.get(r.values.sku) ?? []));
    if (ids.size > 1) {
      for (const r of rows) {
        errors.push({
          row: r.row,
          column: "sku",
          message: `The SKUs of "${r.values.product_name}" belong to ${ids.size} different products in your catalog; import them under those products' names.`,
        });
      }
    }
  }

  const badRows = new Set(errors.map((e) => e.row));
  const groups: ImportGroup[] = [];
  for (const [slug, rows] of bySlug) {
    const broken = rows.find((r) => badRows.has(r.row))?.row ?? unreadable.get(slug);
    if (broken !== undefined) {
      for (const r of rows) {
        if (!badRows.has(r.row)) {
          errors.push({
            row: r.row,
            column: null,
            message: `Not imported: row ${broken} of the same product has errors, and products are imported whole.`,
          });
        }
      }
      continue;
    }
    const v = rows[0]!.values;
    groups.push({
      slug,
      rows: rows.map((r) => r.row),
      product: {
        name: v.product_name,
        categoryId: categoryId(v.category)!,
        brand: v.brand,
        strainType: v.strain_type,
        thcBps: v.thc_percent,
        cbdBps: v.cbd_percent,
        thcMg: v.thc_mg,
        cbdMg: v.cbd_mg,
        description: v.description,
        effects: v.effects,
        terpenes: v.terpenes,
        labResultsUrl: v.lab_results_url,
        status: v.status,
      },
      variants: rows.map((r) => ({
        sku: r.values.sku,
        name: r.values.variant_name,
        weightMg: r.values.weight_mg,
        priceCents: r.values.price,
        medicalPriceCents: r.values.medical_price,
      })),
    });
  }
  return { totalRows: records.length, groups, errors: sortErrors(errors) };
}

/** Products of these groups that do not exist yet and will count against the plan. */
async function newProductCount(db: DbOrTx, organizationId: string, groups: ImportGroup[]) {
  if (groups.length === 0) return 0;
  const targets = await resolveTargets(db, organizationId, groups, false);
  return groups.filter((g) => !targets.get(g) && g.product.status !== "archived").length;
}

export function publicImport(row: typeof catalogImports.$inferSelect) {
  const { groups: _groups, ...rest } = row;
  return rest;
}

/**
 * Step 1: reads and validates the whole file and stores the valid products as an import job. Nothing is
 * written to the catalog yet; the returned report lists every refused row.
 */
export async function createCatalogImport(
  deps: Deps,
  actor: CatalogActor,
  input: { fileName: string; csv: string },
) {
  requirePriceRights(actor);
  await assertImportAllowed(deps, actor.organizationId);
  const { totalRows, groups, errors } = await validateFile(deps.db, actor.organizationId, input.csv);
  const adding = await newProductCount(deps.db, actor.organizationId, groups);
  if (adding > 0) await assertWithinPlanLimit(deps, actor.organizationId, "products", adding);
  const [row] = await deps.db
    .insert(catalogImports)
    .values({
      organizationId: actor.organizationId,
      createdByUserId: actor.userId,
      fileName: input.fileName,
      status: groups.length === 0 ? "completed" : "ready",
      totalRows,
      validRows: groups.reduce((n, g) => n + g.rows.length, 0),
      groupCount: groups.length,
      rowErrors: errors satisfies CatalogImportRowError[],
      groups,
      completedAt: groups.length === 0 ? deps.clock() : null,
    })
    .returning();
  return publicImport(row!);
}

async function upsertBrands(tx: DbOrTx, organizationId: string, names: string[]) {
  const unique = [...new Map(names.map((n) => [catalogSlug(n), n])).entries()];
  if (unique.length === 0) return new Map<string, string>();
  await tx
    .insert(brands)
    .values(unique.map(([slug, name]) => ({ organizationId, slug, name })))
    .onConflictDoNothing();
  const rows = await tx
    .select({ id: brands.id, slug: brands.slug })
    .from(brands)
    .where(
      and(
        eq(brands.organizationId, organizationId),
        inArray(
          brands.slug,
          unique.map(([slug]) => slug),
        ),
      ),
    );
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** Writes one chunk of products with all their variants, in the caller's transaction. */
async function applyGroups(deps: Deps, tx: DbOrTx, organizationId: string, groups: ImportGroup[]) {
  const brandIds = await upsertBrands(
    tx,
    organizationId,
    groups.flatMap((g) => (g.product.brand ? [g.product.brand] : [])),
  );
  const targets = await resolveTargets(tx, organizationId, groups, true);
  const fresh = groups.filter((g) => !targets.get(g));
  const adding = fresh.filter((g) => g.product.status !== "archived").length;
  if (adding > 0) await assertWithinPlanLimit({ db: deps.db, tx }, organizationId, "products", adding);

  const columns = (g: ImportGroup) => {
    const { brand, ...product } = g.product;
    return { ...product, brandId: brand ? (brandIds.get(catalogSlug(brand)) ?? null) : null };
  };
  const now = deps.clock();
  const idOf = new Map<ImportGroup, string>();
  for (const [g, id] of targets) if (id) idOf.set(g, id);
  if (fresh.length > 0) {
    const inserted = await tx
      .insert(products)
      .values(fresh.map((g) => ({ organizationId, slug: g.slug, ...columns(g) })))
      .returning({ id: products.id, slug: products.slug });
    const idBySlug = new Map(inserted.map((p) => [p.slug, p.id]));
    for (const g of fresh) idOf.set(g, idBySlug.get(g.slug)!);
  }
  const updated = groups.filter((g) => !fresh.includes(g));
  if (updated.length > 0) {
    // One statement for the whole chunk: the rows travel as one JSON parameter.
    const rows = updated.map((g) => {
      const c = columns(g);
      return {
        id: idOf.get(g)!,
        name: c.name,
        category_id: c.categoryId,
        brand_id: c.brandId,
        strain_type: c.strainType,
        thc_bps: c.thcBps,
        cbd_bps: c.cbdBps,
        thc_mg: c.thcMg,
        cbd_mg: c.cbdMg,
        description: c.description,
        effects: c.effects,
        terpenes: c.terpenes,
        lab_results_url: c.labResultsUrl,
        status: c.status,
      };
    });
    await tx.execute(sql`
      update ${products} p set
        name = j.name, category_id = j.category_id, brand_id = j.brand_id, strain_type = j.strain_type,
        thc_bps = j.thc_bps, cbd_bps = j.cbd_bps, thc_mg = j.thc_mg, cbd_mg = j.cbd_mg,
        description = j.description, effects = j.effects, terpenes = j.terpenes,
        lab_results_url = j.lab_results_url, status = j.status,
        -- Strictly later than before, so an edit page opened before the import sees a stale-edit conflict.
        updated_at = greatest(${now.toISOString()}::timestamptz, p.updated_at + interval '1 millisecond')
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as j(
        id uuid, name text, category_id uuid, brand_id uuid, strain_type strain_type, thc_bps integer,
        cbd_bps integer, thc_mg integer, cbd_mg integer, description text, effects text[], terpenes text[],
        lab_results_url text, status product_status
      )
      where p.id = j.id and p.organization_id = ${organizationId}`);
  }

  const variantRows = groups.flatMap((g) =>
    g.variants.map((v, position) => ({
      organizationId,
      productId: idOf.get(g)!,
      ...v,
      position,
    })),
  );
  // Price drops of products already in the catalog, by their lowest variant price before and after.
  const existingIds = updated.map((g) => idOf.get(g)!);
  const pricesBefore = await lowestPrices(tx, organizationId, existingIds);
  const written = await tx
    .insert(productVariants)
    .values(variantRows)
    .onConflictDoUpdate({
      target: [productVariants.organizationId, productVariants.sku],
      set: {
        productId: sql`excluded.product_id`,
        name: sql`excluded.name`,
        weightMg: sql`excluded.weight_mg`,
        priceCents: sql`excluded.price_cents`,
        medicalPriceCents: sql`excluded.medical_price_cents`,
        position: sql`excluded.position`,
        updatedAt: now,
      },
    })
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  const variantsCreated = written.filter((w) => w.inserted).length;
  if (pricesBefore.size > 0) {
    await notePriceDrops(
      tx,
      organizationId,
      pricesBefore,
      await lowestPrices(tx, organizationId, existingIds),
      now,
    );
  }

  await recordDomainEvents(
    tx,
    groups.map((g) =>
      productEventOf(
        organizationId,
        { id: idOf.get(g)!, slug: g.slug, status: g.product.status },
        "imported",
      ),
    ),
  );
  return {
    productsCreated: fresh.length,
    productsUpdated: updated.length,
    variantsCreated,
    variantsUpdated: written.length - variantsCreated,
    rows: groups.reduce((n, g) => n + g.rows.length, 0),
  };
}

/**
 * Step 2, repeated until done: applies the next chunk of products in one transaction and advances the job.
 * Re-running (a retried request, a second tab) is harmless: the job row is locked and upserts go by SKU.
 */
export async function applyCatalogImportChunk(deps: Deps, actor: CatalogActor, importId: string) {
  requirePriceRights(actor);
  await assertImportAllowed(deps, actor.organizationId);
  const result = await deps.db.transaction(async (tx) => {
    const [job] = await tx
      .select({
        id: catalogImports.id,
        status: catalogImports.status,
        nextGroup: catalogImports.nextGroup,
        groupCount: catalogImports.groupCount,
      })
      .from(catalogImports)
      .where(and(eq(catalogImports.id, importId), eq(catalogImports.organizationId, actor.organizationId)))
      .for("update");
    if (!job) throw new DomainError("NOT_FOUND", "That import does not exist.");
    if (job.status === "completed") return false;
    const last = Math.min(job.nextGroup + IMPORT_CHUNK_PRODUCTS, job.groupCount) - 1;
    const [slice] = await tx
      .select({
        groups: sql<
          ImportGroup[]
        >`jsonb_path_query_array(${catalogImports.groups}, ${`$[${job.nextGroup} to ${last}]`}::jsonpath)`,
      })
      .from(catalogImports)
      .where(eq(catalogImports.id, job.id));
    const counts = await applyGroups(deps, tx, actor.organizationId, slice!.groups);
    const done = last + 1 >= job.groupCount;
    await tx
      .update(catalogImports)
      .set({
        nextGroup: last + 1,
        appliedRows: sql`${catalogImports.appliedRows} + ${counts.rows}`,
        productsCreated: sql`${catalogImports.productsCreated} + ${counts.productsCreated}`,
        productsUpdated: sql`${catalogImports.productsUpdated} + ${counts.productsUpdated}`,
        variantsCreated: sql`${catalogImports.variantsCreated} + ${counts.variantsCreated}`,
        variantsUpdated: sql`${catalogImports.variantsUpdated} + ${counts.variantsUpdated}`,
        status: done ? "completed" : "applying",
        completedAt: done ? deps.clock() : null,
      })
      .where(eq(catalogImports.id, job.id));
    return true;
  });
  if (result) await invalidateMenuCache(deps.kv, actor.organizationId);
  return getCatalogImport(deps.db, actor.organizationId, importId);
}

export async function getCatalogImport(db: DbOrTx, organizationId: string, importId: string) {
  const [row] = await db
    .select()
    .from(catalogImports)
    .where(and(eq(catalogImports.id, importId), eq(catalogImports.organizationId, organizationId)));
  if (!row) throw new DomainError("NOT_FOUND", "That import does not exist.");
  return publicImport(row);
}

/** The latest imports, newest first, without their stored rows. */
export async function listCatalogImports(db: DbOrTx, organizationId: string) {
  const rows = await db
    .select({
      id: catalogImports.id,
      fileName: catalogImports.fileName,
      status: catalogImports.status,
      totalRows: catalogImports.totalRows,
      validRows: catalogImports.validRows,
      appliedRows: catalogImports.appliedRows,
      errorCount: sql<number>`jsonb_array_length(${catalogImports.rowErrors})`.mapWith(Number),
      createdAt: catalogImports.createdAt,
      completedAt: catalogImports.completedAt,
    })
    .from(catalogImports)
    .where(eq(catalogImports.organizationId, organizationId))
    .orderBy(desc(catalogImports.createdAt))
    .limit(10);
  return rows;
}
