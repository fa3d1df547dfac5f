import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@cannasaas/db/client";
import type { LimitKind } from "@cannasaas/db/enums";
import { brands, categories, products } from "@cannasaas/db/schema";
import { invalidateMenuCache } from "../catalog/menu-cache";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { catalogSlug } from "./units";

export const taxonomyNameInput = z.object({
  name: z.string().trim().min(1, { error: "Enter a name." }).max(60, { error: "Use at most 60 characters." }),
});

/** Every category with its number of (non-archived) products, in menu order. */
export function listAdminCategories(db: DbOrTx, organizationId: string) {
  return db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      position: categories.position,
      limitKind: categories.limitKind,
      productCount: count(products.id),
    })
    .from(categories)
    .leftJoin(
      products,
      and(eq(products.categoryId, categories.id), eq(products.organizationId, organizationId)),
    )
    .where(eq(categories.organizationId, organizationId))
    .groupBy(categories.id)
    .orderBy(asc(categories.position), asc(categories.name));
}

export function listBrands(db: DbOrTx, organizationId: string) {
  return db
    .select({ id: brands.id, slug: brands.slug, name: brands.name })
    .from(brands)
    .where(eq(brands.organizationId, organizationId))
    .orderBy(asc(brands.name));
}

async function insertNamed(
  deps: Pick<CoreDeps, "db" | "kv">,
  organizationId: string,
  kind: "category" | "brand",
  name: string,
  extra: { limitKind?: LimitKind } = {},
) {
  const slug = catalogSlug(name);
  const table = kind === "category" ? categories : brands;
  const [row] = await deps.db
    .insert(table)
    .values({ organizationId, slug, name, ...extra })
    .onConflictDoNothing()
    .returning({ id: table.id, slug: table.slug, name: table.name });
  if (!row) throw new DomainError("CONFLICT", `There is already a ${kind} called "${name}".`);
  await invalidateMenuCache(deps.kv, organizationId);
  return row;
}

/** A new category, with how purchase limits count its products (chosen now, so checkout never has to guess). */
export async function createCategory(
  deps: Pick<CoreDeps, "db" | "kv">,
  organizationId: string,
  input: { name: string; limitKind: LimitKind },
) {
  const [last] = await deps.db
    .select({ n: count() })
    .from(categories)
    .where(eq(categories.organizationId, organizationId));
  const row = await insertNamed(deps, organizationId, "category", input.name, { limitKind: input.limitKind });
  await deps.db
    .update(categories)
    .set({ position: last?.n ?? 0 })
    .where(eq(categories.id, row.id));
  return row;
}

export function createBrand(deps: Pick<CoreDeps, "db" | "kv">, organizationId: string, name: string) {
  return insertNamed(deps, organizationId, "brand", name);
}

/** Renames a category; its slug (and so its storefront address) stays. */
export async function renameCategory(
  deps: Pick<CoreDeps, "db" | "kv">,
  organizationId: string,
  categoryId: string,
  name: string,
) {
  const [row] = await deps.db
    .update(categories)
    .set({ name })
    .where(and(eq(categories.id, categoryId), eq(categories.organizationId, organizationId)))
    .returning({ id: categories.id, slug: categories.slug, name: categories.name });
  if (!row) throw new DomainError("NOT_FOUND", "That category does not exist.");
  await invalidateMenuCache(deps.kv, organizationId);
  return row;
}

/**
 * Sets how purchase limits count a category's products: for a category from before kinds were chosen, or to
 * correct one. It changes the limits and taxes of every product in it, so it needs the right to change
 * regulated fields (`prices.write`), checked by the procedure.
 */
export async function setCategoryLimitKind(
  deps: Pick<CoreDeps, "db" | "kv">,
  organizationId: string,
  categoryId: string,
  limitKind: LimitKind,
) {
  const [row] = await deps.db
    .update(categories)
    .set({ limitKind })
    .where(and(eq(categories.id, categoryId), eq(categories.organizationId, organizationId)))
    .returning({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      limitKind: categories.limitKind,
    });
  if (!row) throw new DomainError("NOT_FOUND", "That category does not exist.");
  await invalidateMenuCache(deps.kv, organizationId);
  return row;
}
