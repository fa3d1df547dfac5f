import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  organizations,
  outboxMessages,
  productAlertEvents,
  products,
  productVariants,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  cachedCategories,
  createProduct,
  type DomainError,
  getAdminProduct,
  getMenuProduct,
  listAdminProducts,
  setProductArchived,
  updateProduct,
  type CatalogActor,
  type ProductInput,
  type VariantInput,
} from "../src";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
let a: FixtureTenant;
let b: FixtureTenant;
let now = new Date("2026-03-01T18:05:00Z");
const deps = () => ({ db: handle.db, kv: kv.kv, clock: () => now });
const manager = (t: FixtureTenant): CatalogActor => ({
  organizationId: t.org.id,
  userId: t.staff.manager.id,
  canWritePrices: true,
});
const budtender = (t: FixtureTenant): CatalogActor => ({
  organizationId: t.org.id,
  userId: t.staff.budtender.id,
  canWritePrices: false,
});
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e as DomainError,
  );

function input(t: FixtureTenant, overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    name: "Lemon Haze",
    categoryId: t.products[0]!.categoryId,
    brandId: null,
    description: "Bright and citrusy.",
    strainName: null,
    strainType: "sativa",
    thcBps: 2250,
    cbdBps: null,
    thcMg: null,
    cbdMg: null,
    effects: ["energetic"],
    terpenes: ["limonene"],
    labResultsUrl: "https://labs.example/coa/1",
    status: "active",
    variants: [
      {
        sku: `${t.org.slug}-LH-35`,
        name: "3.5 g",
        weightMg: 3500,
        priceCents: 3500,
        medicalPriceCents: 3000,
      },
      { sku: `${t.org.slug}-LH-7`, name: "7 g", weightMg: 7000, priceCents: 6000, medicalPriceCents: null },
    ],
    ...overrides,
  };
}
const asUpdate = (p: Awaited<ReturnType<typeof getAdminProduct>>, t: FixtureTenant) => ({
  ...input(t),
  thcBps: p.thcBps,
  thcMg: p.thcMg,
  name: p.name,
  productId: p.id,
  expectedUpdatedAt: p.updatedAt,
  variants: p.variants as VariantInput[],
});

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  a = await createFixtureTenant(handle.db, { tag: "ca-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "ca-b", passwordHash: "x" });
});
afterAll(async () => {
  await kv?.close();
  await handle?.close();
});

describe("catalog admin: products", () => {
  it("creates a product with variants that the storefront shows at once, with a product.updated event", async () => {
    await cachedCategories(deps(), a.org.id); // warm the menu cache: creating must invalidate it
    const created = await createProduct(deps(), manager(a), input(a));
    expect(created.slug).toBe("lemon-haze");
    expect(created.variants.map((v) => [v.sku, v.priceCents, v.medicalPriceCents])).toEqual([
      ["ca-a-LH-35", 3500, 3000],
      ["ca-a-LH-7", 6000, null],
    ]);
    const menu = await getMenuProduct(handle.db, a.org.id, "lemon-haze");
    expect(menu?.variants.map((v) => v.weightMg)).toEqual([3500, 7000]);
    expect((await cachedCategories(deps(), a.org.id)).find((c) => c.slug === "flower")?.productCount).toBe(3);
    const events = await handle.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.organizationId, a.org.id), eq(outboxMessages.topic, "product.updated")));
    expect(events.map((e) => (e.payload as { data: { productId: string } }).data.productId)).toContain(
      created.id,
    );
    // A second product of the same name gets its own address.
    const twin = await createProduct(
      deps(),
      manager(a),
      input(a, {
        variants: [
          { sku: "ca-a-twin", name: "1 g", weightMg: 1000, priceCents: 1000, medicalPriceCents: null },
        ],
      }),
    );
    expect(twin.slug).toBe("lemon-haze-2");
  });

  it("refuses another tenant's category, a SKU already in use, and a budtender creating (prices)", async () => {
    expect(
      (await errorOf(createProduct(deps(), manager(a), input(a, { categoryId: b.products[0]!.categoryId }))))
        .message,
    ).toMatch(/one of your categories/);
    const dupe = await errorOf(
      createProduct(
        deps(),
        manager(a),
        input(a, {
          variants: [{ sku: "ca-a-0", name: "x", weightMg: null, priceCents: 1, medicalPriceCents: null }],
        }),
      ),
    );
    expect([dupe.code, dupe.message]).toEqual([
      "CONFLICT",
      'SKU ca-a-0 is already used by "ca-a Blue Dream".',
    ]);
    expect((await errorOf(createProduct(deps(), budtender(a), input(a, { name: "Nope" })))).code).toBe(
      "FORBIDDEN",
    );
    const [n] = await handle.db.select({ n: count() }).from(products).where(eq(products.name, "Nope"));
    expect(n!.n).toBe(0);
  });

  it("lets a budtender edit descriptions but never prices, and a manager change prices", async () => {
    const product = await getAdminProduct(handle.db, a.org.id, a.products[0]!.id);
    const edited = await updateProduct(deps(), budtender(a), {
      ...asUpdate(product, a),
      categoryId: product.categoryId,
      description: "Sweet berry aroma.",
    });
    expect(edited.description).toBe("Sweet berry aroma.");

    const priced = { ...asUpdate(edited, a), categoryId: edited.categoryId };
    priced.variants = edited.variants.map((v) => ({ ...v, priceCents: 1 }));
    const refused = await errorOf(updateProduct(deps(), budtender(a), priced));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toMatch(/^Your role cannot change price: .* Ask a manager or the owner\.$/);
    // Adding a variant sets a price too.
    const added = { ...asUpdate(edited, a), categoryId: edited.categoryId };
    added.variants = [
      ...edited.variants,
      { sku: "ca-a-new", name: "1 g", weightMg: 1000, priceCents: 900, medicalPriceCents: null },
    ];
    expect((await errorOf(updateProduct(deps(), budtender(a), added))).code).toBe("FORBIDDEN");
    const [unchanged] = await handle.db
      .select()
      .from(productVariants)
      .where(eq(productVariants.id, edited.variants[0]!.id));
    expect(unchanged!.priceCents).toBe(2500);

    now = new Date(now.getTime() + 60_000);
    const managed = await updateProduct(deps(), manager(a), priced);
    expect(managed.variants[0]!.priceCents).toBe(1);
  });

  it("never lets a budtender change a weight, category or potency (the review's 1 g -> 28 g repro)", async () => {
    const product = await getAdminProduct(handle.db, a.org.id, a.products[0]!.id);
    const base = { ...asUpdate(product, a), categoryId: product.categoryId };
    const otherCategory = a.products.find((p) => p.categoryId !== product.categoryId)!.categoryId;
    const heavier = { ...base, variants: product.variants.map((v) => ({ ...v, weightMg: 28_000 })) };
    const attempts = [
      [heavier, /cannot change weight/],
      [{ ...base, categoryId: otherCategory }, /cannot change category/],
      [{ ...base, thcBps: (product.thcBps ?? 0) + 100 }, /cannot change THC %/],
      [{ ...base, medicalCompliant: !product.medicalCompliant }, /cannot change medical compliance/],
    ] as const;
    for (const [input, message] of attempts) {
      const refused = await errorOf(updateProduct(deps(), budtender(a), input));
      expect([refused.code, refused.message]).toEqual(["FORBIDDEN", expect.stringMatching(message)]);
    }
    const [stored] = await handle.db
      .select()
      .from(productVariants)
      .where(eq(productVariants.id, product.variants[0]!.id));
    expect(stored!.weightMg).toBe(product.variants[0]!.weightMg);

    // Leaving medical compliance out keeps it, so a budtender's text edit is not mistaken for a change.
    const { medicalCompliant: _left, ...withoutCompliance } = base;
    now = new Date(now.getTime() + 60_000);
    await updateProduct(deps(), budtender(a), { ...withoutCompliance, description: "Text only." });

    now = new Date(now.getTime() + 60_000);
    const fresh = await getAdminProduct(handle.db, a.org.id, product.id);
    const managed = await updateProduct(deps(), manager(a), {
      ...asUpdate(fresh, a),
      categoryId: fresh.categoryId,
      expectedUpdatedAt: fresh.updatedAt,
      variants: fresh.variants.map((v) => ({ ...v, weightMg: 28_000 })),
    });
    expect(managed.variants.every((v) => v.weightMg === 28_000)).toBe(true);
  });

  it("refuses a stale edit with who-changed-when, and writes nothing of it", async () => {
    const product = await getAdminProduct(handle.db, a.org.id, a.products[1]!.id);
    const first = { ...asUpdate(product, a), categoryId: product.categoryId, description: "First edit" };
    const second = { ...asUpdate(product, a), categoryId: product.categoryId, description: "Second edit" };
    now = new Date("2030-01-15T22:42:10Z");
    await updateProduct(deps(), manager(a), first);
    const stale = await errorOf(updateProduct(deps(), manager(a), second));
    expect(stale.code).toBe("CONFLICT");
    // 22:42 UTC in January is 14:42 in the store's time zone (America/Los_Angeles).
    expect(stale.message).toBe(
      "Someone else changed this product at 14:42. Reload to see their changes, then make yours again.",
    );
    expect((await getAdminProduct(handle.db, a.org.id, product.id)).description).toBe("First edit");
  });

  it("orders two saves in the same millisecond: the second one based on the old version is stale", async () => {
    const product = await getAdminProduct(handle.db, a.org.id, a.products[2]!.id);
    const base = { ...asUpdate(product, a), categoryId: product.categoryId };
    const frozen = new Date(product.updatedAt.getTime() - 1000); // clock behind the row: still moves forward
    const saved = await updateProduct({ ...deps(), clock: () => frozen }, manager(a), {
      ...base,
      name: "One",
    });
    expect(saved.updatedAt.getTime()).toBeGreaterThan(product.updatedAt.getTime());
    expect(
      (await errorOf(updateProduct({ ...deps(), clock: () => frozen }, manager(a), { ...base, name: "Two" })))
        .code,
    ).toBe("CONFLICT");
  });

  it("archives (gone from the storefront) and restores; never another tenant's product", async () => {
    const target = a.products[0]!;
    await setProductArchived(deps(), budtender(a), target.id, true);
    expect(await getMenuProduct(handle.db, a.org.id, target.slug)).toBeNull();
    expect(
      (await listAdminProducts(handle.db, a.org.id, { status: "archived" })).products.map((p) => p.id),
    ).toEqual([target.id]);
    await setProductArchived(deps(), manager(a), target.id, false);
    expect(await getMenuProduct(handle.db, a.org.id, target.slug)).not.toBeNull();
    expect((await errorOf(setProductArchived(deps(), manager(b), target.id, true))).code).toBe("NOT_FOUND");
    expect((await errorOf(getAdminProduct(handle.db, b.org.id, target.id))).code).toBe("NOT_FOUND");
  });

  it("records a price drop for wishlist alerts when a save lowers the lowest price, not when it raises it", async () => {
    const productId = a.products[1]!.id;
    const drops = () =>
      handle.db
        .select()
        .from(productAlertEvents)
        .where(
          and(eq(productAlertEvents.organizationId, a.org.id), eq(productAlertEvents.productId, productId)),
        );
    const current = await getAdminProduct(handle.db, a.org.id, productId);
    const price = current.variants[0]!.priceCents;
    now = new Date(now.getTime() + 60_000);
    const cheaper = { ...current.variants[0]!, priceCents: price + 1000 } as VariantInput;
    const raised = await updateProduct(deps(), manager(a), { ...asUpdate(current, a), variants: [cheaper] });
    expect(await drops()).toHaveLength(0);
    now = new Date(now.getTime() + 60_000);
    // A second, cheaper variant lowers the product's lowest price.
    await updateProduct(deps(), manager(a), {
      ...asUpdate(raised, a),
      variants: [
        ...(raised.variants as VariantInput[]),
        { ...cheaper, id: undefined, sku: "OGK-SMALL", name: "1 g", priceCents: price - 300 },
      ],
    });
    expect((await drops()).map((e) => [e.kind, e.oldPriceCents, e.newPriceCents])).toEqual([
      ["price_dropped", price + 1000, price - 300],
    ]);
  });

  it("finds products by name or SKU, within the tenant only", async () => {
    expect((await listAdminProducts(handle.db, a.org.id, { q: "LH-7" })).products.map((p) => p.name)).toEqual(
      ["Lemon Haze"],
    );
    expect((await listAdminProducts(handle.db, b.org.id, { q: "lemon" })).total).toBe(0);
  });

  it("stops at the plan's product limit, naming the plan that allows more", async () => {
    await handle.db.update(organizations).set({ plan: "starter" }).where(eq(organizations.id, b.org.id));
    const filler = Array.from({ length: 497 }, (_, i) => ({
      organizationId: b.org.id,
      categoryId: b.products[0]!.categoryId,
      slug: `filler-${i}`,
      name: `Filler ${i}`,
    }));
    await handle.db.insert(products).values(filler);
    const refused = await errorOf(createProduct(deps(), manager(b), input(b)));
    expect([refused.code, refused.message]).toEqual([
      "FORBIDDEN",
      "Your Starter plan allows 500 products; you have 500. Upgrade to Professional for more.",
    ]);
  });
});
