import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@cannasaas/db/testing";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { DomainError, listMenuProducts, menuFacets, menuSuggestions, type MenuQuery } from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";
import { addMenuExtras } from "./menu-fixture";

let handle: DatabaseHandle;
let a: FixtureTenant;
let b: FixtureTenant;
let aIds: Set<string>;

beforeAll(async () => {
  handle = await createTestDatabase();
  a = await createFixtureTenant(handle.db, { tag: "ms-a", passwordHash: "x", medicalEnabled: true });
  b = await createFixtureTenant(handle.db, { tag: "ms-b", passwordHash: "x" });
  await addMenuExtras(handle.db, a);
  await addMenuExtras(handle.db, b);
  aIds = new Set((await menu({ pageSize: 100 })).products.map((p) => p.id));
});
afterAll(async () => handle?.close());

const menu = (query: Partial<MenuQuery> = {}, tenant = () => a) =>
  listMenuProducts(handle.db, tenant().org.id, { page: 1, pageSize: 50, ...query });
const names = async (query: Partial<MenuQuery>) => (await menu(query)).products.map((p) => p.name);
/** Only the extra products: their names sort the same under every collation. */
const EXTRAS = { brandSlugs: ["acme-farms", "100-pure"] } as const;

describe("menu filters", () => {
  it("shows only active products, and only the tenant's", async () => {
    const all = await menu();
    expect(all.total).toBe(7);
    expect(all.products.map((p) => p.name)).not.toContain("Draft Kush");
    expect(all.products.map((p) => p.name)).not.toContain("Old Kush");
    const other = await menu({}, () => b);
    expect(other.products.some((p) => aIds.has(p.id))).toBe(false);
  });

  it("filters by category, strain types and effects (any of)", async () => {
    expect(await names({ categorySlug: "tincture" })).toEqual(["Calm Tincture"]);
    expect((await names({ strainTypes: ["indica", "cbd"] })).sort()).toEqual(
      ["Calm Tincture", "OG Kush", "ms-a OG Kush"].sort(),
    );
    expect((await names({ effects: ["Sleepy", "Euphoric"] })).sort()).toEqual(["OG Kush", "Sunset Sherbet"]);
  });

  it("filters by THC range, leaving out products without THC only when a THC filter is set", async () => {
    expect((await names({ thcMinBps: 2000, thcMaxBps: 2300 })).sort()).toEqual(
      ["OG Kush", "ms-a Blue Dream"].sort(),
    );
    expect(await names({ thcMaxBps: 1900 })).toEqual(["Sunset Sherbet"]);
    expect(await names({ thcMinBps: 0 })).not.toContain("Calm Tincture");
    expect(await names({})).toContain("Calm Tincture");
  });

  it("filters by brand slugs and by the cheapest variant's price on the chosen menu", async () => {
    expect(await names(EXTRAS)).toEqual(["OG Kush", "OG Kush Cake", "Sunset Sherbet"]);
    // OG Kush's 3.5 g costs $35, but its 1 g at $12 is in range.
    expect(await names({ priceMinCents: 1200, priceMaxCents: 1500 })).toEqual(["OG Kush", "OG Kush Cake"]);
    expect(await names({ priceMaxCents: 1000 })).toEqual([]);
    expect(await names({ priceMaxCents: 1000, menu: "medical" })).toEqual(["OG Kush"]);
  });
});

describe("menu search", () => {
  it("ranks an exact name match first, then name matches above description matches", async () => {
    const found = await menu({ q: "og kush" });
    // OG Kush Cake also matches on its strain name (weight B); Sunset Sherbet only in its description (C).
    expect(found.products.map((p) => p.name)).toEqual([
      "OG Kush",
      "OG Kush Cake",
      "ms-a OG Kush",
      "Sunset Sherbet",
    ]);
    expect(found.products.every((p) => aIds.has(p.id))).toBe(true);
    expect(found.total).toBe(4);
  });

  it("speaks web search syntax and stems words", async () => {
    expect(await names({ q: "kush -cake", ...EXTRAS })).toEqual(["OG Kush", "Sunset Sherbet"]);
    expect(await names({ q: '"kush cake"' })).toEqual(["OG Kush Cake"]);
    expect(await names({ q: "cakes" })).toEqual(["OG Kush Cake"]);
    expect(await names({ q: "kush" })).not.toContain("Old Kush");
  });

  it("matches brand names literally, wildcards included", async () => {
    expect(await names({ q: "acme", sort: "name" })).toEqual(["OG Kush", "OG Kush Cake"]);
    expect(await names({ q: "100%" })).toEqual(["Sunset Sherbet"]);
    expect(await names({ q: "%" })).toEqual(["Sunset Sherbet"]);
    expect(await names({ q: "_" })).toEqual([]);
    expect(await names({ q: "ghost" })).toEqual([]);
  });
});

describe("typo-tolerant search (pg_trgm)", () => {
  it("finds products from misspelt and partial words, best resemblance first", async () => {
    expect(await names({ q: "blu dream" })).toEqual(["ms-a Blue Dream"]);
    expect(await names({ q: "dreem" })).toEqual(["ms-a Blue Dream"]);
    expect(await names({ q: "sunse sherbert" })).toEqual(["Sunset Sherbet"]);
    expect(await names({ q: "tinctur" })).toEqual(["Calm Tincture"]);
    // Part of a brand's name finds its products.
    expect(await names({ q: "acm farm", sort: "name" })).toEqual(["OG Kush", "OG Kush Cake"]);
  });

  it("keeps unrelated and other tenants' products out, and leaves web-search syntax exact", async () => {
    expect(await names({ q: "cake" })).toEqual(["OG Kush Cake"]);
    expect(await names({ q: "dreamz" })).toEqual(["ms-a Blue Dream"]);
    expect((await menu({ q: "blu dream" }, () => b)).products.map((p) => p.name)).toEqual([
      "ms-b Blue Dream",
    ]);
    expect(await names({ q: "ms-b" })).toEqual([]);
    expect(await names({ q: "kush -cake", ...EXTRAS })).toEqual(["OG Kush", "Sunset Sherbet"]);
    expect(await names({ q: '"blu dream"' })).toEqual([]);
    expect(await names({ q: "zzzqqq" })).toEqual([]);
  });

  it("suggests the tenant's active products as the shopper types, names starting with the text first", async () => {
    const suggested = await menuSuggestions(handle.db, a.org.id, "og k");
    expect(suggested.map((s) => s.name)).toEqual(["OG Kush", "OG Kush Cake", "ms-a OG Kush"]);
    expect(suggested[0]).toEqual({
      slug: "og-kush-acme",
      name: "OG Kush",
      category: "Flower",
      brand: "Acme Farms",
    });
    expect((await menuSuggestions(handle.db, a.org.id, "blu")).map((s) => s.name)).toEqual([
      "ms-a Blue Dream",
    ]);
    expect((await menuSuggestions(handle.db, b.org.id, "blu")).map((s) => s.name)).toEqual([
      "ms-b Blue Dream",
    ]);
    // Drafts and archived products are never suggested; punctuation alone suggests nothing.
    expect((await menuSuggestions(handle.db, a.org.id, "draft kush")).map((s) => s.name)).not.toContain(
      "Draft Kush",
    );
    expect(await menuSuggestions(handle.db, a.org.id, "?!")).toEqual([]);
  });
});

describe("menu sort and pages", () => {
  it.each([
    ["name", ["OG Kush", "OG Kush Cake", "Sunset Sherbet"]],
    ["relevance", ["OG Kush", "OG Kush Cake", "Sunset Sherbet"]],
    ["price_asc", ["OG Kush", "OG Kush Cake", "Sunset Sherbet"]],
    ["price_desc", ["Sunset Sherbet", "OG Kush Cake", "OG Kush"]],
    ["thc_desc", ["OG Kush Cake", "OG Kush", "Sunset Sherbet"]],
    ["newest", ["OG Kush Cake", "Sunset Sherbet", "OG Kush"]],
  ] as const)("sorts by %s", async (sort, expected) => {
    expect(await names({ ...EXTRAS, sort })).toEqual(expected);
  });

  it("puts products without THC last when sorting by THC, and prices follow the menu", async () => {
    const byThc = await names({ sort: "thc_desc" });
    expect(byThc.slice(-2).sort()).toEqual(["Calm Tincture", "ms-a Gummies"]);
    const medical = await menu({ categorySlug: "tincture", menu: "medical" });
    expect(medical.products[0]).toMatchObject({ fromPriceCents: 3200 });
    const cheapestMedical = await names({ brandSlugs: ["acme-farms"], sort: "price_asc", menu: "medical" });
    expect(cheapestMedical).toEqual(["OG Kush", "OG Kush Cake"]);
  });

  it("pages without overlap, and past the end answers empty with the real total", async () => {
    const pages = await Promise.all(
      [1, 2, 3, 4].map((page) => menu({ page, pageSize: 2, sort: "price_asc" })),
    );
    expect(pages.map((p) => p.products.length)).toEqual([2, 2, 2, 1]);
    expect(new Set(pages.flatMap((p) => p.products.map((x) => x.id))).size).toBe(7);
    expect(pages[0]).toMatchObject({ total: 7, pageCount: 4, page: 1, pageSize: 2 });
    expect(await menu({ page: 9, pageSize: 2 })).toMatchObject({
      total: 7,
      pageCount: 4,
      page: 9,
      products: [],
    });
    expect(await menu({ q: "nothing-like-this" })).toMatchObject({ total: 0, pageCount: 1, products: [] });
    expect(await menu({ page: 3, q: "nothing-like-this" })).toMatchObject({ total: 0, products: [] });
  });
});

describe("menu stock and prices", () => {
  it("counts on hand minus reserved, over every location or at one", async () => {
    const stockOf = async (locationId?: string) =>
      (await menu({ ...EXTRAS, locationId })).products.find((p) => p.name === "OG Kush")!;
    expect((await stockOf()).available).toBe(2 * 7);
    expect((await stockOf(a.locations[0]!.id)).variants.map((v) => v.available)).toEqual([5, 5]);
    expect((await stockOf(a.locations[1]!.id)).available).toBe(2 * 2);
  });

  it("refuses another tenant's location", async () => {
    await expect(menu({ locationId: b.locations[0]!.id })).rejects.toThrow(DomainError);
    await expect(menu({ locationId: "not-a-uuid" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("shows the medical price where a variant has one", async () => {
    const [og] = (await menu({ ...EXTRAS, menu: "medical" })).products;
    expect(og!.variants.map((v) => [v.priceCents, v.medicalPriceCents, v.menuPriceCents])).toEqual([
      [1200, 1000, 1000],
      [3500, 3000, 3000],
    ]);
    expect(og!.fromPriceCents).toBe(1000);
    const cake = (await menu({ q: "cake", menu: "medical" })).products[0]!;
    expect(cake.variants[0]).toMatchObject({
      priceCents: 1500,
      medicalPriceCents: null,
      menuPriceCents: 1500,
    });
    const [adult] = (await menu(EXTRAS)).products;
    expect(adult!.fromPriceCents).toBe(1200);
  });
});

describe("menu facets", () => {
  it("counts brands, effects and strain types of active products, with THC and price ranges", async () => {
    const facets = await menuFacets(handle.db, a.org.id);
    // Ghost Brand sells only a draft and an archived product; B's identical brands are not counted.
    expect(facets.brands).toEqual([
      { slug: "100-pure", name: "100% Pure", count: 1 },
      { slug: "acme-farms", name: "Acme Farms", count: 2 },
      { slug: "house", name: "ms-a House", count: 3 },
    ]);
    expect(facets.effects).toEqual([
      { value: "Happy", count: 2 },
      { value: "Relaxed", count: 2 },
      { value: "Euphoric", count: 1 },
      { value: "Sleepy", count: 1 },
    ]);
    expect(facets.strainTypes).toEqual([
      { value: "hybrid", count: 3 },
      { value: "indica", count: 2 },
      { value: "cbd", count: 1 },
    ]);
    expect(facets.thcBps).toEqual({ min: 1800, max: 2600 });
    expect(facets.priceCents).toEqual({ min: 1200, max: 4000 });
    expect((await menuFacets(handle.db, a.org.id, { menu: "medical" })).priceCents).toEqual({
      min: 1000,
      max: 3500,
    });
  });
});

describe("facet counts follow the search and the other filters", () => {
  it("counts each facet under every filter but its own", async () => {
    const indica = await menuFacets(handle.db, a.org.id, { filters: { strainTypes: ["indica"] } });
    // Choosing Indica still offers the other strain types with their full counts...
    expect(indica.strainTypes).toEqual([
      { value: "hybrid", count: 3 },
      { value: "indica", count: 2 },
      { value: "cbd", count: 1 },
    ]);
    // ...while brands, effects and ranges count only the indica products (OG Kush, ms-a OG Kush).
    expect(indica.brands).toEqual([
      { slug: "acme-farms", name: "Acme Farms", count: 1 },
      { slug: "house", name: "ms-a House", count: 1 },
    ]);
    expect(indica.effects).toEqual([
      { value: "Relaxed", count: 1 },
      { value: "Sleepy", count: 1 },
    ]);
    expect(indica.categories.reduce((n, c) => n + c.count, 0)).toBe(2);

    const searched = await menuFacets(handle.db, a.org.id, { filters: { q: "kush", priceMaxCents: 1500 } });
    expect(searched.brands).toEqual([{ slug: "acme-farms", name: "Acme Farms", count: 2 }]);
    expect(searched.priceCents).toEqual({ min: 1200, max: 3500 });
    const tinctures = await menuFacets(handle.db, a.org.id, { filters: { categorySlug: "tincture" } });
    expect(tinctures.categories.find((c) => c.slug === "tincture")).toEqual({ slug: "tincture", count: 1 });
    expect(tinctures.categories.reduce((n, c) => n + c.count, 0)).toBe(7);
    expect(tinctures.strainTypes).toEqual([{ value: "cbd", count: 1 }]);
  });
});
