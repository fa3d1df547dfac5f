import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database, type DatabaseHandle } from "../src/client";
import { migrateDatabase } from "../src/migrate";
import {
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
} from "../src/schema";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DEMO_REFERENCE_DATE,
  DemoAlreadySeededError,
  isSeeded,
  type SeedSummary,
  seedDemo,
} from "../src/seed";

const ROLES = ["owner", "admin", "manager", "budtender", "driver", "viewer"] as const;
const LIVE = ["greenleaf", "mile-high"] as const;
const FLOWER_WEIGHTS = new Set([1000, 3500, 7000, 14000, 28000]);

async function freshDatabase(): Promise<DatabaseHandle> {
  const handle = await createDatabase({ dataDir: "memory://" });
  await migrateDatabase(handle);
  return handle;
}

function fakeHasher() {
  const calls: string[] = [];
  return {
    calls,
    hashPassword: async (plain: string) => {
      calls.push(plain);
      return `test$${plain}`;
    },
  };
}

async function orgId(db: Database, slug: string): Promise<string> {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  if (!row) throw new Error(`no organization ${slug}`);
  return row.id;
}

/** Everything that must be identical between two seeds: catalog, prices and stock. */
async function snapshot(db: Database) {
  const catalog = await db
    .select({
      org: organizations.slug,
      slug: products.slug,
      name: products.name,
      sku: productVariants.sku,
      priceCents: productVariants.priceCents,
      medicalPriceCents: productVariants.medicalPriceCents,
      weightMg: productVariants.weightMg,
      thcBps: products.thcBps,
      thcMg: products.thcMg,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(organizations, eq(organizations.id, products.organizationId))
    .orderBy(asc(organizations.slug), asc(productVariants.sku));
  const stock = await db
    .select({
      org: organizations.slug,
      location: locations.slug,
      sku: productVariants.sku,
      onHand: inventoryLevels.onHand,
    })
    .from(inventoryLevels)
    .innerJoin(productVariants, eq(productVariants.id, inventoryLevels.variantId))
    .innerJoin(locations, eq(locations.id, inventoryLevels.locationId))
    .innerJoin(organizations, eq(organizations.id, inventoryLevels.organizationId))
    .orderBy(asc(organizations.slug), asc(locations.slug), asc(productVariants.sku));
  return { catalog, stock };
}

describe("seedDemo", () => {
  let first: DatabaseHandle;
  let summary: SeedSummary;
  let seedMs = 0;
  const hasher = fakeHasher();

  beforeAll(async () => {
    first = await freshDatabase();
    const started = performance.now();
    summary = await seedDemo(first.db, { hashPassword: hasher.hashPassword });
    seedMs = performance.now() - started;
    console.info(`seedDemo on PGlite: ${Math.round(seedMs)} ms`, summary);
  });

  afterAll(async () => {
    await first?.close();
  });

  it("returns counts that match the database", async () => {
    const count = async (table: Parameters<Database["$count"]>[0]) => first.db.$count(table);
    expect(summary.organizations).toBe(3);
    expect(await count(organizations)).toBe(summary.organizations);
    expect(await count(locations)).toBe(summary.locations);
    expect(await count(users)).toBe(summary.users);
    expect(await count(products)).toBe(summary.products);
    expect(await count(productVariants)).toBe(summary.variants);
    expect(await count(inventoryLevels)).toBe(summary.inventoryLevels);
  });

  it("hashes the demo password once and gives every user that hash", async () => {
    expect(hasher.calls).toEqual([DEMO_PASSWORD]);
    const hashes = await first.db.selectDistinct({ hash: users.passwordHash }).from(users);
    expect(hashes).toEqual([{ hash: `test$${DEMO_PASSWORD}` }]);
    const unverified = await first.db
      .select({ email: users.email })
      .from(users)
      .where(sql`${users.emailVerified} is null`);
    expect(unverified).toEqual([]);
  });

  it("creates two launched dispensaries and one that is not launched", async () => {
    const orgs = await first.db.select().from(organizations).orderBy(asc(organizations.slug));
    const bySlug = new Map(orgs.map((o) => [o.slug, o]));
    expect([...bySlug.keys()]).toEqual(["dormant", "greenleaf", "mile-high"]);
    expect(bySlug.get("greenleaf")).toMatchObject({
      state: "CA",
      timeZone: "America/Los_Angeles",
      plan: "professional",
    });
    expect(bySlug.get("mile-high")).toMatchObject({
      state: "CO",
      timeZone: "America/Denver",
      plan: "enterprise",
    });
    expect(bySlug.get("dormant")).toMatchObject({ plan: "starter", launchedAt: null });
    expect(bySlug.get("greenleaf")?.launchedAt).toBeInstanceOf(Date);
    expect(bySlug.get("mile-high")?.launchedAt).toBeInstanceOf(Date);
    expect(bySlug.get("greenleaf")?.branding.primaryColor).not.toBe(
      bySlug.get("mile-high")?.branding.primaryColor,
    );
  });

  it("gives each live dispensary two locations, pickup at both and delivery at one", async () => {
    for (const slug of LIVE) {
      const rows = await first.db
        .select()
        .from(locations)
        .where(eq(locations.organizationId, await orgId(first.db, slug)));
      expect(rows).toHaveLength(2);
      expect(rows.every((l) => l.pickupEnabled)).toBe(true);
      expect(rows.filter((l) => l.deliveryEnabled)).toHaveLength(1);
      for (const l of rows) {
        expect(l.metrcLicenseNumber).toBeTruthy();
        expect(l.latitude).not.toBeNull();
        expect(Object.keys(l.hours).sort()).toEqual(["fri", "mon", "sat", "sun", "thu", "tue", "wed"]);
      }
    }
  });

  it("has memberships of every role at both live dispensaries", async () => {
    for (const slug of LIVE) {
      const rows = await first.db
        .select({ role: memberships.role })
        .from(memberships)
        .where(eq(memberships.organizationId, await orgId(first.db, slug)));
      expect(new Set(rows.map((r) => r.role))).toEqual(new Set(ROLES));
    }
    const dormantOwner = await first.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(eq(memberships.organizationId, await orgId(first.db, "dormant")));
    expect(dormantOwner).toEqual([{ role: "owner" }]);
  });

  it("makes multi@cannasaas.test a manager at both live dispensaries", async () => {
    const rows = await first.db
      .select({ org: organizations.slug, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(eq(users.email, "multi@cannasaas.test"))
      .orderBy(asc(organizations.slug));
    expect(rows).toEqual([
      { org: "greenleaf", role: "manager" },
      { org: "mile-high", role: "manager" },
    ]);
  });

  it("has adult, medical and under-21 shoppers with fixed dates of birth", async () => {
    const rows = await first.db
      .select({
        email: users.email,
        dob: users.dateOfBirth,
        medical: customers.isMedicalPatient,
        org: organizations.slug,
      })
      .from(customers)
      .innerJoin(users, eq(users.id, customers.userId))
      .innerJoin(organizations, eq(organizations.id, customers.organizationId));
    const ageOn = (dob: string) => {
      const [y, m, d] = dob.split("-").map(Number) as [number, number, number];
      const [ry, rm, rd] = DEMO_REFERENCE_DATE.split("-").map(Number) as [number, number, number];
      return ry - y - (rm < m || (rm === m && rd < d) ? 1 : 0);
    };
    for (const slug of LIVE) {
      const mine = rows.filter((r) => r.org === slug);
      expect(mine.some((r) => r.dob !== null && ageOn(r.dob) >= 21 && !r.medical)).toBe(true);
      expect(mine.some((r) => r.medical)).toBe(true);
      const minor = mine.filter((r) => r.dob !== null && ageOn(r.dob) < 21);
      expect(minor).toHaveLength(1);
      expect(ageOn(minor[0]!.dob!)).toBe(19);
    }
    expect(rows.find((r) => r.email === "under21@greenleaf.test")).toBeDefined();
  });

  it("lists only accounts that exist", async () => {
    const emails = new Set((await first.db.select({ email: users.email }).from(users)).map((u) => u.email));
    for (const account of DEMO_ACCOUNTS) expect(emails.has(account.email)).toBe(true);
  });

  it("gives each live dispensary at least 300 active products, with menus that share no product", async () => {
    const menus = new Map<string, Set<string>>();
    for (const slug of LIVE) {
      const rows = await first.db
        .select({ name: products.name, status: products.status })
        .from(products)
        .where(eq(products.organizationId, await orgId(first.db, slug)));
      expect(rows.filter((r) => r.status === "active").length).toBeGreaterThanOrEqual(300);
      menus.set(slug, new Set(rows.map((r) => r.name)));
    }
    const a = menus.get("greenleaf")!;
    const b = menus.get("mile-high")!;
    // Each store sells its own half of the pool, so a shopper can tell the two menus apart.
    expect([...a].filter((n) => b.has(n))).toEqual([]);
    const dormantProducts = await first.db.$count(
      products,
      eq(products.organizationId, await orgId(first.db, "dormant")),
    );
    expect(dormantProducts).toBe(0);
  });

  it("covers every category and unique slugs and SKUs per organization", async () => {
    const rows = await first.db
      .select({ org: organizations.slug, category: categories.slug, slug: products.slug })
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .innerJoin(organizations, eq(organizations.id, products.organizationId));
    for (const slug of LIVE) {
      const mine = rows.filter((r) => r.org === slug);
      expect(new Set(mine.map((r) => r.category))).toEqual(
        new Set(["flower", "pre-roll", "vape", "edible", "concentrate", "tincture", "topical", "accessory"]),
      );
      expect(new Set(mine.map((r) => r.slug)).size).toBe(mine.length);
    }
    const skus = await first.db.select({ sku: productVariants.sku }).from(productVariants);
    for (const { sku } of skus) expect(sku).toMatch(/^(GL|MH)-\d{6}-[0-9A-Z]+$/);
  });

  it("prices every variant in positive whole cents, medical below adult-use", async () => {
    const rows = await first.db
      .select({ price: productVariants.priceCents, medical: productVariants.medicalPriceCents })
      .from(productVariants);
    expect(rows.length).toBeGreaterThan(0);
    for (const { price, medical } of rows) {
      expect(Number.isInteger(price)).toBe(true);
      expect(price).toBeGreaterThan(0);
      expect(price % 100).toBe(99);
      if (medical !== null) {
        expect(Number.isInteger(medical)).toBe(true);
        expect(medical).toBeGreaterThan(0);
        expect(medical).toBeLessThanOrEqual(price);
      }
    }
  });

  it("uses the expected weights and potency units per category", async () => {
    const rows = await first.db
      .select({
        category: categories.slug,
        weightMg: productVariants.weightMg,
        thcBps: products.thcBps,
        cbdBps: products.cbdBps,
        thcMg: products.thcMg,
      })
      .from(productVariants)
      .innerJoin(products, eq(products.id, productVariants.productId))
      .innerJoin(categories, eq(categories.id, products.categoryId));
    const flower = rows.filter((r) => r.category === "flower");
    expect(flower.length).toBeGreaterThan(0);
    for (const r of flower) expect(FLOWER_WEIGHTS.has(r.weightMg ?? -1)).toBe(true);
    expect(new Set(flower.map((r) => r.weightMg))).toEqual(FLOWER_WEIGHTS);

    const edibles = rows.filter((r) => r.category === "edible");
    expect(edibles.length).toBeGreaterThan(0);
    for (const r of edibles) {
      expect(r.thcBps ?? 0).toBeLessThanOrEqual(10000);
      expect(r.thcBps).toBeNull();
      expect(r.weightMg).toBeNull();
    }
    expect(edibles.filter((r) => r.thcMg !== null && r.thcMg > 0).length).toBeGreaterThan(edibles.length / 2);
    for (const r of edibles) if (r.thcMg !== null) expect(r.thcMg).toBeLessThanOrEqual(1000);

    for (const r of rows.filter((x) => ["flower", "pre-roll", "vape", "concentrate"].includes(x.category))) {
      expect(r.thcMg).toBeNull();
      expect(r.thcBps ?? 0).toBeLessThanOrEqual(10000);
      expect(r.cbdBps ?? 0).toBeLessThanOrEqual(10000);
    }
    for (const r of rows.filter((x) => x.category === "flower" || x.category === "pre-roll")) {
      expect(r.thcBps ?? 0).toBeLessThanOrEqual(4000);
    }
    const preRollWeights = new Set(rows.filter((r) => r.category === "pre-roll").map((r) => r.weightMg));
    expect(preRollWeights).toEqual(new Set([1000, 2500]));
    const vapeWeights = new Set(rows.filter((r) => r.category === "vape").map((r) => r.weightMg));
    expect(vapeWeights).toEqual(new Set([500, 1000]));
  });

  it("stocks every variant at every location of its organization", async () => {
    const levels = await first.db.select().from(inventoryLevels);
    for (const slug of LIVE) {
      const id = await orgId(first.db, slug);
      const variants = await first.db.$count(productVariants, eq(productVariants.organizationId, id));
      const locs = await first.db.$count(locations, eq(locations.organizationId, id));
      expect(levels.filter((l) => l.organizationId === id)).toHaveLength(variants * locs);
    }
    expect(levels.every((l) => l.onHand >= 0 && l.onHand <= 60 && l.reserved === 0)).toBe(true);
    expect(levels.some((l) => l.onHand === 0)).toBe(true);
    expect(levels.some((l) => l.onHand > 0 && l.onHand < l.lowStockThreshold)).toBe(true);
    expect(levels.filter((l) => l.onHand >= l.lowStockThreshold).length).toBeGreaterThan(levels.length / 2);
  });

  it("gives both live dispensaries METRC lots that fit within on-hand stock, some expiring soon", async () => {
    const lots = await first.db
      .select({
        org: organizations.slug,
        label: inventoryLots.packageLabel,
        locationId: inventoryLots.locationId,
        variantId: inventoryLots.variantId,
        quantity: inventoryLots.quantity,
        initialQuantity: inventoryLots.initialQuantity,
        expiresOn: inventoryLots.expiresOn,
        onHand: inventoryLevels.onHand,
      })
      .from(inventoryLots)
      .innerJoin(organizations, eq(organizations.id, inventoryLots.organizationId))
      .innerJoin(
        inventoryLevels,
        sql`${inventoryLevels.locationId} = ${inventoryLots.locationId} and ${inventoryLevels.variantId} = ${inventoryLots.variantId}`,
      );
    for (const slug of LIVE) expect(lots.filter((l) => l.org === slug).length).toBeGreaterThan(10);
    expect(lots.every((l) => /^1A4[0-9A-Z]{21}$/.test(l.label))).toBe(true);
    expect(new Set(lots.map((l) => l.label)).size).toBe(lots.length);
    expect(
      lots.every((l) => l.quantity > 0 && l.quantity <= l.onHand && l.quantity <= l.initialQuantity),
    ).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    expect(lots.some((l) => l.expiresOn! < today)).toBe(true);
    expect(lots.some((l) => l.expiresOn! >= today && l.expiresOn! <= inDays(30))).toBe(true);
    expect(lots.some((l) => l.expiresOn! > inDays(60))).toBe(true);
  });

  it("is marked as seeded and refuses to seed again", async () => {
    expect(await isSeeded(first.db)).toBe(true);
    await expect(seedDemo(first.db, { hashPassword: async (p) => p })).rejects.toBeInstanceOf(
      DemoAlreadySeededError,
    );
    expect(await first.db.$count(organizations)).toBe(3);
  });

  it("gives each live store segments and a finished campaign with results, so Marketing is not empty", async () => {
    const rows = (await first.db.execute(sql`
      select o.slug, c.status, c.coupon_code,
        count(m.id)::int as recipients, count(m.opened_at)::int as opened, count(m.clicked_at)::int as clicked,
        (select count(*)::int from marketing_segments s where s.organization_id = o.id) as segments
      from organizations o join marketing_campaigns c on c.organization_id = o.id
      left join marketing_messages m on m.campaign_id = c.id
      group by o.slug, o.id, c.status, c.coupon_code order by o.slug`)) as unknown as
      { rows: Array<Record<string, unknown>> } | Array<Record<string, unknown>>;
    const list = Array.isArray(rows) ? rows : rows.rows;
    expect(list.map((r) => r.slug)).toEqual(["greenleaf", "mile-high"]);
    for (const r of list) {
      expect(r).toMatchObject({ status: "sent", coupon_code: "SUMMER5", segments: 2 });
      const recipients = Number(r.recipients);
      expect(recipients).toBeGreaterThan(5);
      expect(Number(r.opened)).toBe(Math.ceil(recipients / 2));
      expect(Number(r.clicked)).toBe(Math.ceil(recipients / 5));
    }
  });

  it("gives each live store active automations, with abandoned-cart results", async () => {
    const rows = (await first.db.execute(sql`
      select o.slug, string_agg(a.kind::text, ',' order by a.kind) filter (where a.enabled) as active,
        (select count(*)::int from marketing_messages m join outbox_messages x on x.id = m.outbox_id
          where m.organization_id = o.id and m.automation_id is not null and x.status = 'sent') as sent
      from organizations o join marketing_automations a on a.organization_id = o.id
      group by o.slug, o.id order by o.slug`)) as unknown as
      { rows: Array<Record<string, unknown>> } | Array<Record<string, unknown>>;
    const list = Array.isArray(rows) ? rows : rows.rows;
    expect(list.map((r) => r.slug)).toEqual(["greenleaf", "mile-high"]);
    for (const r of list) {
      expect(r.active).toBe("abandoned_cart,win_back,birthday,back_in_stock");
      expect(Number(r.sent)).toBeGreaterThan(5);
    }
  });

  it("is deterministic: a second fresh database gets the same catalog, prices and stock", async () => {
    const second = await freshDatabase();
    try {
      expect(await isSeeded(second.db)).toBe(false);
      const secondSummary = await seedDemo(second.db, { hashPassword: async (p) => `other$${p}` });
      expect(secondSummary).toEqual(summary);
      const [a, b] = await Promise.all([snapshot(first.db), snapshot(second.db)]);
      expect(a.catalog.length).toBe(summary.variants);
      expect(b.catalog).toEqual(a.catalog);
      expect(a.stock.length).toBe(summary.inventoryLevels);
      expect(b.stock).toEqual(a.stock);
    } finally {
      await second.close();
    }
  });
});
