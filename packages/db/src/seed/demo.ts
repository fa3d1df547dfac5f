/**
 * The demo seed: three tenants (two live dispensaries and one that never launched), their
 * locations, staff of every role, shoppers, and a Kushy-based catalog with derived prices and stock.
 *
 * Deterministic: the same seed-data files give the same rows (ids and timestamps aside). Nothing
 * reads Math.random or the clock for content; see random.ts.
 */
import { inArray } from "drizzle-orm";
import { seedLoyalty } from "./loyalty";
import { seedDemoMarketing } from "./marketing";
import type { Database, DbOrTx, Transaction } from "../client";
import {
  brands,
  categories,
  customers,
  inventoryLevels,
  inventoryLots,
  locations,
  memberships,
  organizations,
  products,
  productVariants,
  users,
  identityDocuments,
  type DeliveryZone,
} from "../schema";
import { accessoryItems, CATEGORIES, VARIANTS } from "./catalog";
import {
  DEMO_EMAIL_VERIFIED_AT,
  DEMO_ORGS,
  type DemoOrg,
  dateOfBirth,
  MULTI_ORG_USER,
  STAFF_ROLES,
  type StaffRole,
} from "./demo-data";
import { slugify } from "../slug";
import { buildCatalogItems, type CatalogItem, readShippedKushy, SEED_DATA_DIR } from "./kushy";
import { seedDemoHistory } from "./history";
import { demoLots } from "./lots";
import { seedDemoPurchasing } from "./purchasing";
import { variantPrices } from "./pricing";
import { hashString, intBetween, rngFor } from "./random";
import { seedDemoPromotions } from "./promotions";

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = "cannasaas-demo";

export type SeedSummary = {
  organizations: number;
  locations: number;
  users: number;
  products: number;
  variants: number;
  inventoryLevels: number;
};

export type SeedOptions = {
  /** Called once; the hash is shared by every demo user. */
  hashPassword(plain: string): Promise<string>;
  /** Where the Kushy CSVs live; defaults to packages/db/seed-data/. */
  seedDataDir?: URL;
  /** When the demo IDs count as reviewed (they stay verified for 90 days); defaults to the time of seeding. */
  now?: Date;
  /** Seals personal data (dates of birth) as the app stores it; without it they are written as given. */
  sealPersonal?: (plain: string) => string;
};

export class DemoAlreadySeededError extends Error {
  constructor(detail: string) {
    super(`The demo data is already present (${detail}); use a fresh database to seed it again.`);
    this.name = "DemoAlreadySeededError";
  }
}

const CHUNK = 500;
const LOW_STOCK_THRESHOLD = 5;

/** True when any demo organization exists. */
export async function isSeeded(db: DbOrTx): Promise<boolean> {
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      inArray(
        organizations.slug,
        DEMO_ORGS.map((o) => o.slug),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

function demoEmails(): string[] {
  const emails = new Set<string>([MULTI_ORG_USER.email]);
  for (const org of DEMO_ORGS) {
    for (const person of Object.values(org.staff)) emails.add(person.email);
    for (const shopper of org.shoppers) emails.add(shopper.email);
  }
  return [...emails];
}

/**
 * Seeds the demo tenants. Refuses (DemoAlreadySeededError) when a demo organization or demo user
 * already exists, so running it twice never duplicates or half-overwrites anything. Everything is
 * written in one transaction, in batches of up to 500 rows.
 */
export async function seedDemo(db: Database, options: SeedOptions): Promise<SeedSummary> {
  if (await isSeeded(db)) throw new DemoAlreadySeededError("a demo organization exists");
  const emails = demoEmails();
  const taken = await db.select({ email: users.email }).from(users).where(inArray(users.email, emails));
  if (taken.length > 0)
    throw new DemoAlreadySeededError(`users ${taken.map((u) => u.email).join(", ")} exist`);

  const passwordHash = await options.hashPassword(DEMO_PASSWORD);
  const pool = buildCatalogItems(readShippedKushy(options.seedDataDir ?? SEED_DATA_DIR));

  return db.transaction(async (tx) => {
    const userIds = await insertUsers(tx, passwordHash, options.sealPersonal ?? ((plain) => plain));
    const summary: SeedSummary = {
      organizations: 0,
      locations: 0,
      users: userIds.size,
      products: 0,
      variants: 0,
      inventoryLevels: 0,
    };
    for (const org of DEMO_ORGS) {
      const counts = await seedOrganization(tx, org, userIds, pool, options.now ?? new Date());
      summary.organizations += 1;
      summary.locations += counts.locations;
      summary.products += counts.products;
      summary.variants += counts.variants;
      summary.inventoryLevels += counts.inventoryLevels;
      summary.users += await seedDemoHistory(tx, org.slug, { now: options.now ?? new Date(), passwordHash });
    }
    await seedDemoPurchasing(tx, options.now ?? new Date());
    await seedDemoPromotions(tx);
    await seedLoyalty(tx, options.now ?? new Date());
    await seedDemoMarketing(tx, options.now ?? new Date());
    return summary;
  });
}

async function insertUsers(
  tx: Transaction,
  passwordHash: string,
  seal: (plain: string) => string,
): Promise<Map<string, string>> {
  const rows: (typeof users.$inferInsert)[] = [];
  const add = (email: string, name: string, dob: string | null) => {
    if (rows.some((r) => r.email === email)) return;
    rows.push({
      email,
      name,
      emailVerified: DEMO_EMAIL_VERIFIED_AT,
      passwordHash,
      dateOfBirth: dob === null ? null : seal(dob),
    });
  };
  for (const org of DEMO_ORGS) {
    for (const role of STAFF_ROLES) {
      const person = org.staff[role];
      if (person) add(person.email, person.name, null);
    }
  }
  add(MULTI_ORG_USER.email, MULTI_ORG_USER.name, null);
  for (const org of DEMO_ORGS) {
    for (const shopper of org.shoppers) add(shopper.email, shopper.name, dateOfBirth(shopper.age));
  }
  const inserted = await tx.insert(users).values(rows).returning({ id: users.id, email: users.email });
  return new Map(inserted.map((u) => [u.email, u.id]));
}

function requireId(map: ReadonlyMap<string, string>, key: string): string {
  const id = map.get(key);
  if (!id) throw new Error(`seed: no id for ${key}`);
  return id;
}

async function inChunks<T, R>(rows: readonly T[], insert: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(...(await insert(rows.slice(i, i + CHUNK))));
  return out;
}

/**
 * The part of the Kushy pool (and the accessory list) one organization sells. A fixed hash of the item puts
 * it (by name, as several brands sell "OG Kush - Shatter") in exactly one live store's half, so the two demo
 * menus never share a product name.
 */
export function menuFor(org: DemoOrg, pool: readonly CatalogItem[]): CatalogItem[] {
  if (org.menuHalf === null) return [];
  const position = new Map(CATEGORIES.map((c, i) => [c.slug, i]));
  const mine = (item: CatalogItem) => hashString(`menu:${item.name.toLowerCase()}`) % 2 === org.menuHalf;
  const chosen = [...pool, ...accessoryItems()].filter(mine);
  return chosen.sort(
    (a, b) =>
      (position.get(a.category) ?? 99) - (position.get(b.category) ?? 99) ||
      a.name.localeCompare(b.name, "en") ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** Delivery from a location: free within its own ZIP, a fee within 10 km (addresses with coordinates). */
function demoDeliveryZones(postalCode: string): DeliveryZone[] {
  return [
    {
      id: "home-zip",
      name: `ZIP ${postalCode}`,
      kind: "postal_codes",
      postalCodes: [postalCode],
      feeCents: 0,
      minimumOrderCents: 5000,
    },
    {
      id: "10km",
      name: "Within 10 km",
      kind: "radius",
      radiusMeters: 10_000,
      feeCents: 799,
      minimumOrderCents: 7500,
    },
  ];
}

/**
 * Every demo shopper has a photo ID the store has approved (all demo stores require one), and patients an
 * approved medical card, so checkout can be tried at once. IDs count as verified for 90 days from `reviewedAt`.
 */
function demoDocuments(
  organizationId: string,
  customerId: string,
  state: string,
  patient: boolean,
  reviewedAt: Date,
) {
  const base = { organizationId, customerId, status: "approved" as const, issuingState: state, reviewedAt };
  return [
    { ...base, kind: "government_id" as const, expiresOn: "2030-06-30" },
    ...(patient ? [{ ...base, kind: "medical_card" as const, expiresOn: "2028-12-31" }] : []),
  ];
}

function uniqueSlug(base: string, used: Set<string>): string {
  const root = base || "item";
  let slug = root;
  for (let n = 2; used.has(slug); n++) slug = `${root}-${n}`;
  used.add(slug);
  return slug;
}

/** Stock for one variant at one location: ~8% sold out, ~12% below the low-stock threshold. */
export function demoStock(orgSlug: string, locationSlug: string, sku: string): number {
  const rng = rngFor(`stock:${orgSlug}:${locationSlug}:${sku}`);
  const r = rng();
  if (r < 0.08) return 0;
  if (r < 0.2) return intBetween(rng, 1, LOW_STOCK_THRESHOLD - 1);
  return intBetween(rng, LOW_STOCK_THRESHOLD, 60);
}

async function seedOrganization(
  tx: Transaction,
  org: DemoOrg,
  userIds: ReadonlyMap<string, string>,
  pool: readonly CatalogItem[],
  reviewedAt: Date,
): Promise<{ locations: number; products: number; variants: number; inventoryLevels: number }> {
  const [orgRow] = await tx
    .insert(organizations)
    .values({
      slug: org.slug,
      name: org.name,
      legalName: org.legalName,
      licenseNumber: org.licenseNumber,
      licenseType: org.licenseType,
      state: org.state,
      timeZone: org.timeZone,
      branding: org.branding,
      plan: org.plan,
      subscriptionStatus: "active",
      compliance: org.compliance,
      launchedAt: org.launchedAt,
    })
    .returning({ id: organizations.id });
  if (!orgRow) throw new Error(`seed: organization ${org.slug} was not created`);
  const organizationId = orgRow.id;

  const locationRows = await tx
    .insert(locations)
    .values(
      org.locations.map((l) => ({
        organizationId,
        slug: l.slug,
        name: l.name,
        addressLine1: l.addressLine1,
        city: l.city,
        state: org.state,
        postalCode: l.postalCode,
        latitude: l.latitude,
        longitude: l.longitude,
        phone: l.phone,
        timeZone: org.timeZone,
        hours: l.hours,
        pickupEnabled: true,
        deliveryEnabled: l.deliveryEnabled,
        deliveryZones: l.deliveryEnabled ? demoDeliveryZones(l.postalCode) : [],
        metrcLicenseNumber: l.metrcLicenseNumber,
      })),
    )
    .returning({ id: locations.id, slug: locations.slug });

  const staff: { userId: string; role: StaffRole }[] = [];
  for (const role of STAFF_ROLES) {
    const person = org.staff[role];
    if (person) staff.push({ userId: requireId(userIds, person.email), role });
  }
  if (MULTI_ORG_USER.orgs.includes(org.slug)) {
    staff.push({ userId: requireId(userIds, MULTI_ORG_USER.email), role: MULTI_ORG_USER.role });
  }
  await tx.insert(memberships).values(staff.map((m) => ({ organizationId, ...m })));

  if (org.shoppers.length > 0) {
    const customerRows = await tx
      .insert(customers)
      .values(
        org.shoppers.map((s) => ({
          organizationId,
          userId: requireId(userIds, s.email),
          isMedicalPatient: s.isMedicalPatient,
          marketingEmailConsent: s.marketingEmailConsent,
          marketingSmsConsent: s.marketingSmsConsent,
          phone: s.phone ?? null,
          loyaltyMember: s.loyaltyMember,
        })),
      )
      .returning({ id: customers.id });
    await tx
      .insert(identityDocuments)
      .values(
        org.shoppers.flatMap((s, i) =>
          demoDocuments(organizationId, customerRows[i]!.id, org.state, s.isMedicalPatient, reviewedAt),
        ),
      );
  }

  const categoryRows = await tx
    .insert(categories)
    .values(
      CATEGORIES.map((c, position) => ({
        organizationId,
        slug: c.slug,
        name: c.name,
        limitKind: c.limitKind,
        position,
      })),
    )
    .returning({ id: categories.id, slug: categories.slug });
  const categoryIds = new Map(categoryRows.map((c) => [c.slug, c.id]));

  const menu = menuFor(org, pool);
  if (menu.length === 0)
    return { locations: locationRows.length, products: 0, variants: 0, inventoryLevels: 0 };

  // Brands: every brand on the menu, the house brand for unbranded items.
  const brandNames = [...new Set(menu.map((item) => item.brandName ?? org.houseBrand))].sort((a, b) =>
    a.localeCompare(b, "en"),
  );
  const brandSlugs = new Set<string>();
  const brandRows = await inChunks(
    brandNames.map((name) => ({ organizationId, name, slug: uniqueSlug(slugify(name), brandSlugs) })),
    (chunk) => tx.insert(brands).values(chunk).returning({ id: brands.id, name: brands.name }),
  );
  const brandIds = new Map(brandRows.map((b) => [b.name, b.id]));

  const productSlugs = new Set<string>();
  const productValues = menu.map((item): typeof products.$inferInsert => {
    const brandName = item.brandName ?? org.houseBrand;
    return {
      organizationId,
      categoryId: requireId(categoryIds, item.category),
      brandId: requireId(brandIds, brandName),
      slug: uniqueSlug(slugify(`${brandName} ${item.name}`), productSlugs),
      name: item.name,
      description: item.description,
      strainName: item.strainName,
      strainType: item.strainType,
      thcBps: item.thcBps,
      cbdBps: item.cbdBps,
      thcMg: item.thcMg,
      cbdMg: item.cbdMg,
      effects: item.effects,
      terpenes: item.terpenes,
      status: "active",
    };
  });
  const productRows = await inChunks(productValues, (chunk) =>
    tx.insert(products).values(chunk).returning({ id: products.id, slug: products.slug }),
  );
  const productIds = new Map(productRows.map((p) => [p.slug, p.id]));

  const variantValues: (typeof productVariants.$inferInsert)[] = [];
  menu.forEach((item, index) => {
    const productId = requireId(productIds, productValues[index]!.slug);
    const number = String(index + 1).padStart(6, "0");
    VARIANTS[item.category].forEach((spec, position) => {
      const prices = variantPrices(item, spec, {
        priceIndex: org.priceIndex,
        medicalEnabled: org.compliance.medicalEnabled,
      });
      variantValues.push({
        organizationId,
        productId,
        sku: `${org.skuPrefix}-${number}-${spec.code}`,
        name: spec.name,
        weightMg: spec.weightMg,
        priceCents: prices.priceCents,
        medicalPriceCents: prices.medicalPriceCents,
        position,
      });
    });
  });
  const variantRows = await inChunks(variantValues, (chunk) =>
    tx.insert(productVariants).values(chunk).returning({ id: productVariants.id, sku: productVariants.sku }),
  );

  const inventoryValues: (typeof inventoryLevels.$inferInsert)[] = [];
  for (const location of locationRows) {
    for (const variant of variantRows) {
      inventoryValues.push({
        organizationId,
        locationId: location.id,
        variantId: variant.id,
        onHand: demoStock(org.slug, location.slug, variant.sku),
        reserved: 0,
        lowStockThreshold: LOW_STOCK_THRESHOLD,
      });
    }
  }
  await inChunks(inventoryValues, async (chunk) => {
    await tx.insert(inventoryLevels).values(chunk);
    return [];
  });
  const lotValues = locationRows.flatMap((location) =>
    demoLots({
      organizationId,
      orgSlug: org.slug,
      location,
      stock: variantRows.map((v) => ({
        variantId: v.id,
        sku: v.sku,
        onHand: demoStock(org.slug, location.slug, v.sku),
      })),
      seedDay: reviewedAt.toISOString().slice(0, 10),
    }),
  );
  await inChunks(lotValues, async (chunk) => {
    await tx.insert(inventoryLots).values(chunk);
    return [];
  });

  return {
    locations: locationRows.length,
    products: productRows.length,
    variants: variantRows.length,
    inventoryLevels: inventoryValues.length,
  };
}
