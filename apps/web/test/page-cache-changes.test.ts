import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureTenant, type FixtureTenant } from "@cannasaas/core/testing";
import { createTestDatabase } from "@cannasaas/db/testing";
import { inventoryLevels, organizations } from "@cannasaas/db/schema";
import { launchedTenantIdUncached } from "@cannasaas/core/tenants";
import {
  listenForStorefrontChanges,
  StorefrontChanges,
  type ChangeStamp,
} from "../src/server/page-cache/storefront-changes";

// The page cache hears of changes from PostgreSQL's triggers and LISTEN: this runs against the real server.
const handle = await createTestDatabase();
if (!handle.url) throw new Error("Set TEST_DATABASE_URL: the page cache listens on PostgreSQL.");

let a: FixtureTenant;
let b: FixtureTenant;
const changes = new StorefrontChanges();
let stop: () => Promise<void>;

async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

/** Waits out any notice still on its way, then stamps both stores. */
async function stamps(): Promise<{ a: ChangeStamp; b: ChangeStamp }> {
  await new Promise((r) => setTimeout(r, 100));
  return { a: changes.stamp(a.org.id)!, b: changes.stamp(b.org.id)! };
}

beforeAll(async () => {
  a = await createFixtureTenant(handle.db, { tag: "pc-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "pc-b", passwordHash: "x" });
  stop = listenForStorefrontChanges(handle.url!, changes);
  await until(() => changes.stamp(a.org.id) !== null, "the listener");
});

afterAll(async () => {
  await stop();
  await handle.close();
});

describe("storefront change notices from PostgreSQL", () => {
  it("outdates a store's pages when its stock changes, however the row was written, and no other store's", async () => {
    const before = await stamps();
    await handle.db.execute(
      sql`update inventory_levels set on_hand = on_hand + 1 where organization_id = ${a.org.id}`,
    );
    await until(() => !changes.isCurrent(a.org.id, before.a), "the stock notice");
    expect(changes.isCurrent(b.org.id, before.b)).toBe(true);
  });

  it("says nothing of a change that rolled back", async () => {
    const before = await stamps();
    await handle.db
      .transaction(async (tx) => {
        await tx
          .update(inventoryLevels)
          .set({ onHand: 0 })
          .where(eq(inventoryLevels.organizationId, a.org.id));
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect(changes.isCurrent(a.org.id, before.a)).toBe(true);
  });

  it("hears price and branding changes too", async () => {
    const writes = [
      () =>
        handle.db.execute(
          sql`update product_variants set price_cents = price_cents + 1 where organization_id = ${a.org.id}`,
        ),
      () => handle.db.update(organizations).set({ name: "Renamed" }).where(eq(organizations.id, a.org.id)),
    ];
    for (const [i, write] of writes.entries()) {
      const before = await stamps();
      await write();
      await until(() => !changes.isCurrent(a.org.id, before.a), `notice ${i}`);
      expect(changes.isCurrent(b.org.id, before.b)).toBe(true);
    }
  });

  it("watches every table whose rows a menu or product page shows", async () => {
    const rows = await handle.db.execute<{ table: string }>(
      sql`select c.relname as "table" from pg_trigger t join pg_class c on c.oid = t.tgrelid
          where t.tgname = 'storefront_changed' order by 1`,
    );
    expect(rows.map((r) => r.table)).toEqual([
      "brands",
      "categories",
      "custom_domain_verifications",
      "customers",
      "inventory_levels",
      "locations",
      "order_items",
      "orders",
      "organizations",
      "product_reviews",
      "product_variants",
      "products",
      "promotions",
      "review_votes",
    ]);
  });

  it("finds the store a route key serves, only once launched", async () => {
    expect(await launchedTenantIdUncached(handle.db, "pc-a")).toBe(a.org.id);
    expect(await launchedTenantIdUncached(handle.db, "PC-B")).toBe(b.org.id);
    expect(await launchedTenantIdUncached(handle.db, "nope")).toBeNull();
    expect(await launchedTenantIdUncached(handle.db, "bad slug!")).toBeNull();
    await handle.db.update(organizations).set({ launchedAt: null }).where(eq(organizations.id, b.org.id));
    expect(await launchedTenantIdUncached(handle.db, "pc-b")).toBeNull();
  });
});
