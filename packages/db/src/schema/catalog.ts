import { relations, sql, type SQL } from "drizzle-orm";
import { boolean, check, customType, index, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_shared";
import { limitKindEnum, productStatusEnum, strainTypeEnum } from "./enums";
import { locations, organizations } from "./tenancy";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** The menu's categories (SPEC section 2), created with every dispensary (demo seed and sign-up alike). */
export const STANDARD_CATEGORIES = [
  { slug: "flower", name: "Flower", limitKind: "flower" },
  { slug: "pre-roll", name: "Pre-Rolls", limitKind: "flower" },
  { slug: "vape", name: "Vapes", limitKind: "concentrate" },
  { slug: "edible", name: "Edibles", limitKind: "edible_solid" },
  { slug: "concentrate", name: "Concentrates", limitKind: "concentrate" },
  { slug: "tincture", name: "Tinctures", limitKind: "edible_liquid" },
  { slug: "topical", name: "Topicals", limitKind: "topical" },
  { slug: "accessory", name: "Accessories", limitKind: "non_cannabis" },
] as const;

const orgRef = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

export const categories = pgTable(
  "categories",
  {
    id: id(),
    organizationId: orgRef(),
    slug: text().notNull(),
    name: text().notNull(),
    position: integer().notNull().default(0),
    /**
     * How purchase limits count this category's products, chosen when the category is created. Null only for
     * categories from before the column whose slug named no known kind: checkout refuses their products.
     */
    limitKind: limitKindEnum(),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.organizationId, t.slug)],
);

export const brands = pgTable(
  "brands",
  {
    id: id(),
    organizationId: orgRef(),
    slug: text().notNull(),
    name: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.organizationId, t.slug)],
);

export const products = pgTable(
  "products",
  {
    id: id(),
    organizationId: orgRef(),
    categoryId: uuid()
      .notNull()
      .references(() => categories.id, { onDelete: "restrict" }),
    brandId: uuid().references(() => brands.id, { onDelete: "set null" }),
    slug: text().notNull(),
    name: text().notNull(),
    description: text(),
    strainName: text(),
    strainType: strainTypeEnum(),
    /** Potency as basis points of percent (21.5% = 2150); null when unknown or not applicable. */
    thcBps: integer(),
    cbdBps: integer(),
    /** Edible and tincture potency per package, in milligrams. */
    thcMg: integer(),
    cbdMg: integer(),
    effects: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    terpenes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    labResultsUrl: text(),
    /**
     * Washington: the product meets the Department of Health's standards for medical cannabis (WAC 246-70),
     * which, sold by a medically endorsed store to a card holder, makes it exempt from the 37% excise.
     */
    medicalCompliant: boolean().notNull().default(false),
    imageUrl: text(),
    status: productStatusEnum().notNull().default("active"),
    /** Full-text search document, maintained by PostgreSQL. */
    search: tsvector().generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('english', coalesce(${products.name}, '')), 'A') || setweight(to_tsvector('english', coalesce(${products.strainName}, '')), 'B') || setweight(to_tsvector('english', coalesce(${products.description}, '')), 'C')`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.slug),
    index("products_search_idx").using("gin", t.search),
    index().on(t.organizationId, t.status, t.categoryId),
    index().on(t.organizationId, t.brandId),
    check(
      "products_potency_range",
      sql`coalesce(${t.thcBps}, 0) between 0 and 10000 and coalesce(${t.cbdBps}, 0) between 0 and 10000`,
    ),
  ],
);

export const productVariants = pgTable(
  "product_variants",
  {
    id: id(),
    organizationId: orgRef(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    sku: text().notNull(),
    /** Shown to shoppers, e.g. "3.5 g" or "10-pack". */
    name: text().notNull(),
    /** Net cannabis weight in milligrams (flower, concentrate); null for items sold by count. */
    weightMg: integer(),
    /** Product weight of a solid edible and volume of a liquid one: some states limit edibles by these. */
    netWeightMg: integer(),
    netVolumeMl: integer(),
    priceCents: integer().notNull(),
    medicalPriceCents: integer(),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.sku),
    index().on(t.organizationId, t.productId),
    check(
      "product_variants_price_positive",
      sql`${t.priceCents} >= 0 and coalesce(${t.medicalPriceCents}, 0) >= 0`,
    ),
    check("product_variants_weight_positive", sql`coalesce(${t.weightMg}, 1) > 0`),
  ],
);

export const inventoryLevels = pgTable(
  "inventory_levels",
  {
    id: id(),
    organizationId: orgRef(),
    locationId: uuid()
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    variantId: uuid()
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    onHand: integer().notNull().default(0),
    reserved: integer().notNull().default(0),
    lowStockThreshold: integer().notNull().default(5),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.locationId, t.variantId),
    index().on(t.organizationId, t.variantId),
    check(
      "inventory_levels_non_negative",
      sql`${t.onHand} >= 0 and ${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`,
    ),
  ],
);

/**
 * Stock a checkout takes as it commits. The order's transaction writes one row per line (in variant order);
 * the deferred trigger `stock_claims_reserve` (migration 0043) reserves each at COMMIT, on the server, and
 * deletes it, or aborts the commit when the stock no longer covers it. A stock row is so locked only while
 * the COMMIT runs, never across a round trip to the app. Empty outside an open transaction, so it carries no
 * foreign keys to check beyond the tenant's.
 */
export const stockClaims = pgTable(
  "stock_claims",
  {
    id: id(),
    organizationId: orgRef(),
    locationId: uuid().notNull(),
    variantId: uuid().notNull(),
    quantity: integer().notNull(),
  },
  (t) => [check("stock_claims_quantity_positive", sql`${t.quantity} > 0`)],
);

export const categoriesRelations = relations(categories, ({ many }) => ({ products: many(products) }));
export const brandsRelations = relations(brands, ({ many }) => ({ products: many(products) }));
export const productsRelations = relations(products, ({ one, many }) => ({
  category: one(categories, { fields: [products.categoryId], references: [categories.id] }),
  brand: one(brands, { fields: [products.brandId], references: [brands.id] }),
  variants: many(productVariants),
}));
export const productVariantsRelations = relations(productVariants, ({ one, many }) => ({
  product: one(products, { fields: [productVariants.productId], references: [products.id] }),
  inventory: many(inventoryLevels),
}));
export const inventoryLevelsRelations = relations(inventoryLevels, ({ one }) => ({
  variant: one(productVariants, { fields: [inventoryLevels.variantId], references: [productVariants.id] }),
  location: one(locations, { fields: [inventoryLevels.locationId], references: [locations.id] }),
}));
