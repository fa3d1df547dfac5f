import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { and, asc, count, desc, eq, exists, ilike, inArray, like, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  brands,
  categories,
  orderItems,
  organizations,
  products,
  productVariants,
} from "@cannasaas/db/schema";
import { invalidateMenuCache } from "../catalog/menu-cache";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { recordDomainEvent } from "../events/domain-events";
import { assertWithinPlanLimit } from "../plans/features";
import { notePriceDrops } from "../wishlists/alert-events";
import {
  productListInput,
  type ProductInput,
  type ProductListInput,
  type ProductUpdateInput,
  type VariantInput,
} from "./product-input";
import { assertMayChangeRegulated, regulatedChanges } from "./field-rights";
import { catalogSlug } from "./units";

/**
 * Who is changing the catalog. `canWritePrices` is the `prices.write` permission, needed on top of
 * `catalog.write` for every regulated field (prices, weights, category, potency; see `field-rights.ts`).
 */
export type CatalogActor = { organizationId: string; userId: string; canWritePrices: boolean };

type Deps = Pick<CoreDeps, "db" | "kv" | "clock">;
type ProductStatus = "draft" | "active" | "archived";

export async function listAdminProducts(db: DbOrTx, organizationId: string, raw: ProductListInput) {
  const input = productListInput.parse(raw);
  const pattern = input.q ? `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    eq(products.organizationId, organizationId),
    input.status === "all" ? undefined : eq(products.status, input.status),
    input.categoryId ? eq(products.categoryId, input.categoryId) : undefined,
    pattern
      ? or(
          ilike(products.name, pattern),
          exists(
            db
              .select({ one: sql`1` })
              .from(productVariants)
              .where(and(eq(productVariants.productId, products.id), ilike(productVariants.sku, pattern))),
          ),
        )
      : undefined,
  );
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(products).where(where);
  const rows = await db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      status: products.status,
      imageUrl: products.imageUrl,
      updatedAt: products.updatedAt,
      category: categories.name,
      brand: brands.name,
      variantCount:
        sql<number>`(select count(*) from ${productVariants} where ${productVariants.productId} = ${products.id})`.mapWith(
          Number,
        ),
      minPriceCents: sql<
        number | null
      >`(select min(${productVariants.priceCents}) from ${productVariants} where ${productVariants.productId} = ${products.id})`.mapWith(
        (v) => (v === null ? null : Number(v)),
      ),
    })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .leftJoin(brands, eq(brands.id, products.brandId))
    .where(where)
    .orderBy(desc(products.updatedAt), asc(products.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return {
    products: rows,
    total,
    page: input.page,
    pageSize: input.pageSize,
    pageCount: Math.max(1, Math.ceil(total / input.pageSize)),
  };
}

/** One product with every variant, for the edit page. */
export async function getAdminProduct(db: DbOrTx, organizationId: string, productId: string) {
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.organizationId, organizationId)));
  if (!product) throw new DomainError("NOT_FOUND", "That product does not exist.");
  const variants = await db
    .select({
      id: productVariants.id,
      sku: productVariants.sku,
      name: productVariants.name,
      weightMg: productVariants.weightMg,
      priceCents: productVariants.priceCents,
      medicalPriceCents: productVariants.medicalPriceCents,
    })
    .from(productVariants)
    .where(and(eq(productVariants.productId, productId), eq(productVariants.organizationId, organizationId)))
    .orderBy(asc(productVariants.position), asc(productVariants.id));
  const { search: _search, ...rest } = product;
  return { ...rest, variants };
}

async function assertOwnTaxonomy(tx: DbOrTx, organizationId: string, input: ProductInput) {
  const [category] = await tx
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.id, input.categoryId), eq(categories.organizationId, organizationId)));
  if (!category) throw new DomainError("BAD_REQUEST", "Choose one of your categories.");
  if (input.brandId) {
    const [brand] = await tx
      .select({ id: brands.id })
      .from(brands)
      .where(and(eq(brands.id, input.brandId), eq(brands.organizationId, organizationId)));
    if (!brand) throw new DomainError("BAD_REQUEST", "Choose one of your brands.");
  }
}

/** Refuses SKUs that belong to another product of the organization, naming that product. */
async function assertSkusFree(tx: DbOrTx, organizationId: string, skus: string[], productId: string | null) {
  const taken = await tx
    .select({ sku: productVariants.sku, product: products.name })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(
      and(
        eq(productVariants.organizationId, organizationId),
        inArray(productVariants.sku, skus),
        productId ? ne(productVariants.productId, productId) : undefined,
      ),
    )
    .limit(1);
  if (taken[0]) {
    throw new DomainError("CONFLICT", `SKU ${taken[0].sku} is already used by "${taken[0].product}".`, {
      field: "sku",
    });
  }
}

/** A slug no other product of the organization has: `blue-dream`, then `blue-dream-2`, ... */
export async function freeProductSlug(tx: DbOrTx, organizationId: string, name: string) {
  const base = catalogSlug(name);
  const used = new Set(
    (
      await tx
        .select({ slug: products.slug })
        .from(products)
        .where(
          and(
            eq(products.organizationId, organizationId),
            or(eq(products.slug, base), like(products.slug, `${base}-%`)),
          ),
        )
    ).map((r) => r.slug),
  );
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}

const productColumns = (input: ProductInput) => ({
  name: input.name,
  categoryId: input.categoryId,
  brandId: input.brandId,
  description: input.description,
  strainName: input.strainName,
  strainType: input.strainType,
  thcBps: input.thcBps,
  cbdBps: input.cbdBps,
  thcMg: input.thcMg,
  cbdMg: input.cbdMg,
  effects: input.effects,
  terpenes: input.terpenes,
  labResultsUrl: input.labResultsUrl,
  ...(input.medicalCompliant === undefined ? {} : { medicalCompliant: input.medicalCompliant }),
});

const variantColumns = (v: VariantInput, position: number) => ({
  sku: v.sku,
  name: v.name,
  weightMg: v.weightMg,
  priceCents: v.priceCents,
  medicalPriceCents: v.medicalPriceCents,
  position,
});

type ProductChange = "created" | "updated" | "archived" | "restored" | "imported";
/** The public shape of a product.updated event (webhook subscribers see exactly this). */
export const productEventOf = (
  organizationId: string,
  product: { id: string; slug: string; status: ProductStatus },
  change: ProductChange,
) => ({
  organizationId,
  type: "product.updated" as const,
  data: { productId: product.id, slug: product.slug, status: product.status, change },
});

function productEvent(
  tx: DbOrTx,
  organizationId: string,
  product: { id: string; slug: string; status: ProductStatus },
  change: ProductChange,
) {
  return recordDomainEvent(tx, productEventOf(organizationId, product, change));
}

export async function createProduct(deps: Deps, actor: CatalogActor, input: ProductInput) {
  assertMayChangeRegulated(actor.canWritePrices, regulatedChanges(null, input));
  const created = await deps.db.transaction(async (tx) => {
    await assertOwnTaxonomy(tx, actor.organizationId, input);
    await assertSkusFree(
      tx,
      actor.organizationId,
      input.variants.map((v) => v.sku),
      null,
    );
    await assertWithinPlanLimit({ db: deps.db, tx }, actor.organizationId, "products", 1);
    const [product] = await tx
      .insert(products)
      .values({
        organizationId: actor.organizationId,
        slug: await freeProductSlug(tx, actor.organizationId, input.name),
        status: input.status,
        ...productColumns(input),
      })
      .returning({ id: products.id, slug: products.slug, status: products.status });
    await tx.insert(productVariants).values(
      input.variants.map((v, i) => ({
        organizationId: actor.organizationId,
        productId: product!.id,
        ...variantColumns(v, i),
      })),
    );
    await productEvent(tx, actor.organizationId, product!, "created");
    return product!;
  });
  await invalidateMenuCache(deps.kv, actor.organizationId);
  return getAdminProduct(deps.db, actor.organizationId, created.id);
}

/** "14:05" in the organization's time zone, for conflict messages. */
async function localTime(tx: DbOrTx, organizationId: string, at: Date) {
  const [org] = await tx
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return format(at, "HH:mm", { in: tz(org?.timeZone ?? "UTC") });
}

/**
 * Locks the product row and refuses when it changed since the edit began. Returns the row and the next
 * `updatedAt`, strictly later than the current one so two saves in the same millisecond still differ.
 */
async function lockForEdit(
  deps: Deps,
  tx: DbOrTx,
  organizationId: string,
  productId: string,
  expectedUpdatedAt: Date | null,
) {
  const [current] = await tx
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.organizationId, organizationId)))
    .for("update");
  if (!current) throw new DomainError("NOT_FOUND", "That product does not exist.");
  if (expectedUpdatedAt && current.updatedAt.getTime() !== expectedUpdatedAt.getTime()) {
    const at = await localTime(tx, organizationId, current.updatedAt);
    throw new DomainError(
      "CONFLICT",
      `Someone else changed this product at ${at}. Reload to see their changes, then make yours again.`,
      { updatedAt: current.updatedAt.toISOString() },
    );
  }
  const nextUpdatedAt = new Date(Math.max(deps.clock().getTime(), current.updatedAt.getTime() + 1));
  return { current, nextUpdatedAt };
}

export async function updateProduct(deps: Deps, actor: CatalogActor, input: ProductUpdateInput) {
  const orgId = actor.organizationId;
  await deps.db.transaction(async (tx) => {
    const { current, nextUpdatedAt } = await lockForEdit(
      deps,
      tx,
      orgId,
      input.productId,
      input.expectedUpdatedAt,
    );
    await assertOwnTaxonomy(tx, orgId, input);
    const existing = await tx
      .select()
      .from(productVariants)
      .where(and(eq(productVariants.productId, current.id), eq(productVariants.organizationId, orgId)));
    const byId = new Map(existing.map((v) => [v.id, v]));
    for (const v of input.variants) {
      if (v.id && !byId.has(v.id)) throw new DomainError("BAD_REQUEST", "A variant does not belong here.");
    }
    assertMayChangeRegulated(
      actor.canWritePrices,
      regulatedChanges({ product: current, variants: byId }, input),
    );
    await assertSkusFree(
      tx,
      orgId,
      input.variants.map((v) => v.sku),
      current.id,
    );
    const kept = new Set(input.variants.flatMap((v) => (v.id ? [v.id] : [])));
    const removed = existing.filter((v) => !kept.has(v.id));
    if (removed.length > 0) {
      const [sold] = await tx
        .select({ sku: productVariants.sku })
        .from(orderItems)
        .innerJoin(productVariants, eq(productVariants.id, orderItems.variantId))
        .where(
          inArray(
            orderItems.variantId,
            removed.map((v) => v.id),
          ),
        )
        .limit(1);
      if (sold) {
        throw new DomainError(
          "CONFLICT",
          `Variant ${sold.sku} has been ordered, so it cannot be removed. Archive the product instead.`,
        );
      }
      await tx.delete(productVariants).where(
        inArray(
          productVariants.id,
          removed.map((v) => v.id),
        ),
      );
    }
    // SKUs may move between variants of this product: clear the kept ones first so the unique index holds.
    if (kept.size > 0) {
      await tx
        .update(productVariants)
        .set({ sku: sql`'~moving~' || ${productVariants.id}` })
        .where(inArray(productVariants.id, [...kept]));
    }
    for (const [i, v] of input.variants.entries()) {
      if (v.id) {
        await tx
          .update(productVariants)
          .set({ ...variantColumns(v, i), updatedAt: nextUpdatedAt })
          .where(eq(productVariants.id, v.id));
      } else {
        await tx
          .insert(productVariants)
          .values({ organizationId: orgId, productId: current.id, ...variantColumns(v, i) });
      }
    }
    // The lowest price before and after, from the rows in hand: a drop is recorded for price-drop alerts.
    const lowest = (prices: number[]) => (prices.length ? Math.min(...prices) : undefined);
    const lowestBefore = lowest(existing.map((v) => v.priceCents));
    const lowestAfter = lowest(input.variants.map((v) => v.priceCents));
    if (lowestBefore !== undefined && lowestAfter !== undefined && lowestAfter < lowestBefore) {
      await notePriceDrops(
        tx,
        orgId,
        new Map([[current.id, lowestBefore]]),
        new Map([[current.id, lowestAfter]]),
        deps.clock(),
      );
    }
    const wasArchived = current.status === "archived";
    const [saved] = await tx
      .update(products)
      .set({
        ...productColumns(input),
        status: wasArchived ? "archived" : input.status,
        updatedAt: nextUpdatedAt,
      })
      .where(eq(products.id, current.id))
      .returning({ id: products.id, slug: products.slug, status: products.status });
    await productEvent(tx, orgId, saved!, "updated");
  });
  await invalidateMenuCache(deps.kv, orgId);
  return getAdminProduct(deps.db, orgId, input.productId);
}

/** Archive hides a product everywhere shoppers look; restore brings it back (within the plan's limit). */
export async function setProductArchived(
  deps: Deps,
  actor: CatalogActor,
  productId: string,
  archived: boolean,
) {
  const orgId = actor.organizationId;
  await deps.db.transaction(async (tx) => {
    const { current, nextUpdatedAt } = await lockForEdit(deps, tx, orgId, productId, null);
    if ((current.status === "archived") === archived) return;
    if (!archived) await assertWithinPlanLimit({ db: deps.db, tx }, orgId, "products", 1);
    const [saved] = await tx
      .update(products)
      .set({ status: archived ? "archived" : "active", updatedAt: nextUpdatedAt })
      .where(eq(products.id, productId))
      .returning({ id: products.id, slug: products.slug, status: products.status });
    await productEvent(tx, orgId, saved!, archived ? "archived" : "restored");
  });
  await invalidateMenuCache(deps.kv, orgId);
  return getAdminProduct(deps.db, orgId, productId);
}

export { productEvent as recordProductEvent };
export type { ProductStatus };
