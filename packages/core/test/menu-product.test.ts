import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@cannasaas/db/testing";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { locations, organizations } from "@cannasaas/db/schema";
import { getMenuProduct, listActiveProductSlugs, listStorefrontLocations } from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";
import { addMenuExtras } from "./menu-fixture";

let handle: DatabaseHandle;
let a: FixtureTenant;
let b: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  a = await createFixtureTenant(handle.db, { tag: "mp-a", passwordHash: "x", medicalEnabled: true });
  b = await createFixtureTenant(handle.db, { tag: "mp-b", passwordHash: "x" });
  await addMenuExtras(handle.db, a);
  await addMenuExtras(handle.db, b);
  // A new location of B's with no inventory rows yet.
  await handle.db
    .insert(locations)
    .values({ ...b.locations[0]!, id: undefined, slug: "extra", name: "mp-b extra" });
});
afterAll(async () => handle?.close());

describe("product detail", () => {
  it("shows an active product with both prices and stock at each of the tenant's locations", async () => {
    const product = await getMenuProduct(handle.db, a.org.id, "og-kush-acme");
    expect(product).toMatchObject({
      name: "OG Kush",
      brand: { slug: "acme-farms", name: "Acme Farms" },
      category: { slug: "flower", name: "Flower" },
      strainType: "indica",
      thcBps: 2200,
      effects: ["Relaxed", "Sleepy"],
    });
    expect(product!.locations.map((l) => l.name)).toEqual(["mp-a north", "mp-a south"]);
    expect(
      product!.variants.map((v) => [
        v.name,
        v.priceCents,
        v.medicalPriceCents,
        v.stock.map((s) => s.available),
        v.available,
      ]),
    ).toEqual([
      ["1 g", 1200, 1000, [5, 2], 7],
      ["3.5 g", 3500, 3000, [5, 2], 7],
    ]);
  });

  it("carries lab results, terpenes and a missing brand as they are", async () => {
    const tincture = await getMenuProduct(handle.db, a.org.id, "calm-tincture");
    expect(tincture).toMatchObject({
      brand: null,
      labResultsUrl: "https://labs.example.test/coa/calm.pdf",
      terpenes: ["Linalool"],
      thcBps: null,
      cbdBps: 2000,
    });
  });

  it("is null for draft, archived, unknown and other tenants' products", async () => {
    for (const slug of ["draft-kush", "old-kush", "no-such-thing"]) {
      expect(await getMenuProduct(handle.db, a.org.id, slug)).toBeNull();
    }
    const atB = await getMenuProduct(handle.db, b.org.id, "og-kush-acme");
    const atA = await getMenuProduct(handle.db, a.org.id, "og-kush-acme");
    expect(atB!.id).not.toBe(atA!.id);
    expect(atB!.variants[0]!.stock.map((s) => [s.locationName, s.available])).toEqual([
      ["mp-b extra", 0],
      ["mp-b north", 5],
      ["mp-b south", 2],
    ]);
  });

  it("lists every active product for the sitemap", async () => {
    const slugs = (await listActiveProductSlugs(handle.db, a.org.id)).map((p) => p.slug);
    expect(slugs).toEqual([
      "blue-dream",
      "calm-tincture",
      "gummies",
      "og-kush",
      "og-kush-acme",
      "og-kush-cake",
      "sunset-sherbet",
    ]);
  });
});

describe("storefront locations", () => {
  it("lists the tenant's locations with hours, without internal fields", async () => {
    const rows = await listStorefrontLocations(handle.db, a.org.id);
    expect(rows.map((l) => l.name)).toEqual(["mp-a north", "mp-a south"]);
    expect(rows[0]).toMatchObject({
      timeZone: "America/Los_Angeles",
      pickupEnabled: true,
      // Test stores are open around the clock, so journeys can order at any hour.
      hours: { mon: { open: "00:00", close: "00:00" } },
    });
    expect(Object.keys(rows[0]!)).not.toContain("taxRates");
    const [org] = await handle.db.select().from(organizations).where(eq(organizations.id, b.org.id));
    expect((await listStorefrontLocations(handle.db, org!.id)).map((l) => l.name)).toEqual([
      "mp-b extra",
      "mp-b north",
      "mp-b south",
    ]);
  });
});
