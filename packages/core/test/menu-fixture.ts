/** Extra menu rows on top of a fixture tenant, chosen to tell the search, filter and sort rules apart. */
import { eq } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { brands, categories, inventoryLevels, products, productVariants } from "@cannasaas/db/schema";
import type { FixtureTenant } from "../src/testing";

type Variant = { name: string; weightMg: number | null; priceCents: number; medicalPriceCents?: number };
type Extra = Omit<typeof products.$inferInsert, "organizationId" | "categoryId" | "brandId"> & {
  category?: string;
  brand?: string;
  variants: Variant[];
  /** On hand and reserved at [north, south]. */
  stock?: [[number, number], [number, number]];
};

export const EXTRA_PRODUCTS: Extra[] = [
  {
    slug: "og-kush-acme",
    name: "OG Kush",
    strainName: "OG Kush",
    strainType: "indica",
    thcBps: 2200,
    brand: "acme-farms",
    effects: ["Relaxed", "Sleepy"],
    createdAt: new Date("2026-01-02T00:00:00Z"),
    variants: [
      { name: "1 g", weightMg: 1000, priceCents: 1200, medicalPriceCents: 1000 },
      { name: "3.5 g", weightMg: 3500, priceCents: 3500, medicalPriceCents: 3000 },
    ],
    stock: [
      [8, 3],
      [2, 0],
    ],
  },
  {
    slug: "og-kush-cake",
    name: "OG Kush Cake",
    strainName: "Kush Cake",
    strainType: "hybrid",
    thcBps: 2600,
    brand: "acme-farms",
    effects: ["Happy"],
    createdAt: new Date("2026-01-05T00:00:00Z"),
    variants: [{ name: "1 g", weightMg: 1000, priceCents: 1500 }],
  },
  {
    slug: "sunset-sherbet",
    name: "Sunset Sherbet",
    strainType: "hybrid",
    thcBps: 1800,
    description: "A dessert strain bred from OG Kush lineage.",
    brand: "100-pure",
    effects: ["Happy", "Euphoric"],
    createdAt: new Date("2026-01-03T00:00:00Z"),
    variants: [{ name: "1 g", weightMg: 1000, priceCents: 2000 }],
  },
  {
    slug: "calm-tincture",
    name: "Calm Tincture",
    strainType: "cbd",
    cbdBps: 2000,
    category: "tincture",
    effects: ["Relaxed"],
    labResultsUrl: "https://labs.example.test/coa/calm.pdf",
    terpenes: ["Linalool"],
    createdAt: new Date("2026-01-04T00:00:00Z"),
    variants: [{ name: "1 bottle", weightMg: null, priceCents: 4000, medicalPriceCents: 3200 }],
  },
  {
    slug: "draft-kush",
    name: "Draft Kush",
    status: "draft",
    brand: "ghost",
    variants: [{ name: "1 g", weightMg: 1000, priceCents: 100 }],
  },
  {
    slug: "old-kush",
    name: "Old Kush",
    status: "archived",
    brand: "ghost",
    thcBps: 9000,
    variants: [{ name: "1 g", weightMg: 1000, priceCents: 99_900 }],
  },
];

/** Adds the extra brands, a tincture category and EXTRA_PRODUCTS (with variants and stock) to a tenant. */
export async function addMenuExtras(db: Database, tenant: FixtureTenant) {
  const organizationId = tenant.org.id;
  const brandRows = await db
    .insert(brands)
    .values([
      { organizationId, slug: "acme-farms", name: "Acme Farms" },
      { organizationId, slug: "100-pure", name: "100% Pure" },
      { organizationId, slug: "ghost", name: "Ghost Brand" },
    ])
    .returning();
  await db
    .insert(categories)
    .values({ organizationId, slug: "tincture", name: "Tinctures", position: 2, limitKind: "edible_liquid" });
  const categoryRows = await db
    .select()
    .from(categories)
    .where(eq(categories.organizationId, organizationId));
  const idOf = <T extends { slug: string; id: string }>(rows: T[], slug: string) =>
    rows.find((r) => r.slug === slug)!.id;

  for (const { category, brand, variants, stock, ...product } of EXTRA_PRODUCTS) {
    const [row] = await db
      .insert(products)
      .values({
        ...product,
        organizationId,
        categoryId: idOf(categoryRows, category ?? "flower"),
        brandId: brand ? idOf(brandRows, brand) : null,
      })
      .returning();
    const variantRows = await db
      .insert(productVariants)
      .values(
        variants.map((v, i) => ({
          ...v,
          organizationId,
          productId: row!.id,
          sku: `${row!.slug}-${i}`,
          position: i,
        })),
      )
      .returning();
    await db.insert(inventoryLevels).values(
      tenant.locations.flatMap((location, l) =>
        variantRows.map((variant) => ({
          organizationId,
          locationId: location.id,
          variantId: variant.id,
          onHand: stock?.[l as 0 | 1][0] ?? 10,
          reserved: stock?.[l as 0 | 1][1] ?? 0,
        })),
      ),
    );
  }
}
