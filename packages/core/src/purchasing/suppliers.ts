import { and, asc, eq, ilike, or } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { productVariants, products, supplierItems, suppliers } from "@cannasaas/db/schema";
import { DomainError } from "../errors";

export type SupplierInput = {
  name: string;
  contactName?: string | null;
  email?: string | null;
  phone?: string | null;
  leadTimeDays?: number | null;
  minimumOrderCents?: number;
  notes?: string | null;
};

export async function listSuppliers(db: DbOrTx, organizationId: string) {
  return db
    .select()
    .from(suppliers)
    .where(eq(suppliers.organizationId, organizationId))
    .orderBy(asc(suppliers.name), asc(suppliers.id));
}

export async function getSupplier(db: DbOrTx, organizationId: string, supplierId: string) {
  const [row] = await db
    .select()
    .from(suppliers)
    .where(and(eq(suppliers.organizationId, organizationId), eq(suppliers.id, supplierId)));
  if (!row) throw new DomainError("NOT_FOUND", "That supplier does not exist.");
  return row;
}

function clean(input: SupplierInput) {
  const name = input.name.trim();
  if (!name) throw new DomainError("BAD_REQUEST", "Enter the supplier's name.", { field: "name" });
  return {
    name,
    contactName: input.contactName?.trim() || null,
    email: input.email?.trim().toLowerCase() || null,
    phone: input.phone?.trim() || null,
    leadTimeDays: input.leadTimeDays ?? null,
    minimumOrderCents: input.minimumOrderCents ?? 0,
    notes: input.notes?.trim() || null,
  };
}

export async function createSupplier(db: DbOrTx, organizationId: string, input: SupplierInput) {
  const [row] = await db
    .insert(suppliers)
    .values({ organizationId, ...clean(input) })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new DomainError("CONFLICT", "A supplier with that name already exists.", { field: "name" });
  return row;
}

export async function updateSupplier(
  db: DbOrTx,
  organizationId: string,
  supplierId: string,
  input: SupplierInput,
) {
  await getSupplier(db, organizationId, supplierId);
  const [row] = await db
    .update(suppliers)
    .set(clean(input))
    .where(and(eq(suppliers.organizationId, organizationId), eq(suppliers.id, supplierId)))
    .returning();
  return row!;
}

/** Records that a supplier sells a variant at a cost per unit, in packs; a second call changes the terms. */
export async function setSupplierItem(
  db: DbOrTx,
  organizationId: string,
  input: { supplierId: string; variantId: string; unitCostCents: number; packSize?: number },
) {
  await getSupplier(db, organizationId, input.supplierId);
  const [variant] = await db
    .select({ id: productVariants.id })
    .from(productVariants)
    .where(and(eq(productVariants.organizationId, organizationId), eq(productVariants.id, input.variantId)));
  if (!variant) throw new DomainError("NOT_FOUND", "That product does not exist.");
  const values = { unitCostCents: input.unitCostCents, packSize: input.packSize ?? 1 };
  const [row] = await db
    .insert(supplierItems)
    .values({ organizationId, supplierId: input.supplierId, variantId: input.variantId, ...values })
    .onConflictDoUpdate({
      target: [supplierItems.organizationId, supplierItems.supplierId, supplierItems.variantId],
      set: values,
    })
    .returning();
  return row!;
}

export async function listSupplierItems(db: DbOrTx, organizationId: string, supplierId: string) {
  await getSupplier(db, organizationId, supplierId);
  return db
    .select({
      id: supplierItems.id,
      variantId: supplierItems.variantId,
      sku: productVariants.sku,
      productName: products.name,
      variantName: productVariants.name,
      unitCostCents: supplierItems.unitCostCents,
      packSize: supplierItems.packSize,
    })
    .from(supplierItems)
    .innerJoin(productVariants, eq(productVariants.id, supplierItems.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(supplierItems.organizationId, organizationId), eq(supplierItems.supplierId, supplierId)))
    .orderBy(asc(products.name), asc(productVariants.name));
}

/** Stops a supplier's terms for a variant; purchase orders already drafted keep their own line costs. */
export async function removeSupplierItem(
  db: DbOrTx,
  organizationId: string,
  input: { supplierId: string; variantId: string },
) {
  const [row] = await db
    .delete(supplierItems)
    .where(
      and(
        eq(supplierItems.organizationId, organizationId),
        eq(supplierItems.supplierId, input.supplierId),
        eq(supplierItems.variantId, input.variantId),
      ),
    )
    .returning({ id: supplierItems.id });
  if (!row) throw new DomainError("NOT_FOUND", "That supplier does not sell that product.");
  return { removed: true as const };
}

/**
 * Variants of the organization matching a product name, variant name or SKU, for adding to a supplier; each says
 * what this supplier already charges for it, if anything. At most `limit` rows, so a large catalog stays quick.
 */
export async function searchSupplierItemChoices(
  db: DbOrTx,
  organizationId: string,
  input: { supplierId: string; q: string; limit?: number },
) {
  await getSupplier(db, organizationId, input.supplierId);
  const q = input.q.trim();
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({
      variantId: productVariants.id,
      sku: productVariants.sku,
      productName: products.name,
      variantName: productVariants.name,
      unitCostCents: supplierItems.unitCostCents,
      packSize: supplierItems.packSize,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .leftJoin(
      supplierItems,
      and(
        eq(supplierItems.organizationId, organizationId),
        eq(supplierItems.supplierId, input.supplierId),
        eq(supplierItems.variantId, productVariants.id),
      ),
    )
    .where(
      and(
        eq(productVariants.organizationId, organizationId),
        q
          ? or(
              ilike(products.name, pattern),
              ilike(productVariants.name, pattern),
              ilike(productVariants.sku, pattern),
            )
          : undefined,
      ),
    )
    .orderBy(asc(products.name), asc(productVariants.name))
    .limit(input.limit ?? 25);
}
