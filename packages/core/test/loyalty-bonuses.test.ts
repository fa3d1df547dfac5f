/**
 * The birthday bonus from the daily loyalty job: members whose birthday is today on the store's clock (not the
 * server's), once a year, with sealed dates of birth, and 29 February celebrated on 28 February otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { customers, loyaltyLedger, loyaltyPrograms, users } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { getLoyaltyProgram, grantBirthdayBonuses, pointsBalance, sealPersonal } from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let shop: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  shop = await createFixtureTenant(handle.db, { tag: "loy-bday", passwordHash: "x" });
  await getLoyaltyProgram(handle.db, shop.org.id);
  await handle.db
    .update(loyaltyPrograms)
    .set({ birthdayBonusPoints: 100 })
    .where(eq(loyaltyPrograms.organizationId, shop.org.id));
});
afterAll(async () => handle?.close());

async function shopper(dateOfBirth: string, loyaltyMember = true) {
  const email = `bday-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const [user] = await handle.db
    .insert(users)
    .values({ email, name: "Birthday Shopper", dateOfBirth: sealPersonal(dateOfBirth) })
    .returning();
  const [customer] = await handle.db
    .insert(customers)
    .values({ organizationId: shop.org.id, userId: user!.id, loyaltyMember })
    .returning();
  return customer!.id;
}

const balance = (customerId: string) => pointsBalance(handle.db, shop.org.id, customerId);

describe("birthday bonus", () => {
  it("goes to members born on the store's today, once a year, 29 February on the 28th", async () => {
    const feb28 = await shopper("1990-02-28");
    const leapling = await shopper("2000-02-29");
    // Already 1 March in UTC, still 28 February in Los Angeles: not their day yet.
    const march1 = await shopper("1991-03-01");
    const notMember = await shopper("1992-02-28", false);
    // 2027-02-28 21:00 in Los Angeles (2027 is not a leap year).
    const evening = new Date("2027-03-01T05:00:00Z");

    expect(await grantBirthdayBonuses(handle.db, shop.org.id, evening)).toBe(2);
    expect(await grantBirthdayBonuses(handle.db, shop.org.id, evening)).toBe(0);
    expect(await balance(feb28)).toBe(100);
    expect(await balance(leapling)).toBe(100);
    expect(await balance(march1)).toBe(0);
    expect(await balance(notMember)).toBe(0);

    const [entry] = await handle.db
      .select()
      .from(loyaltyLedger)
      .where(and(eq(loyaltyLedger.organizationId, shop.org.id), eq(loyaltyLedger.customerId, feb28)));
    expect(entry).toMatchObject({
      kind: "earn",
      source: "birthday",
      points: 100,
      reason: "Happy birthday 2027",
    });

    // A leap year celebrates 29 February on its own day, and the next year's birthday pays again.
    expect(await grantBirthdayBonuses(handle.db, shop.org.id, new Date("2028-02-28T20:00:00Z"))).toBe(1);
    expect(await grantBirthdayBonuses(handle.db, shop.org.id, new Date("2028-02-29T20:00:00Z"))).toBe(1);
    expect(await balance(feb28)).toBe(200);
    expect(await balance(leapling)).toBe(200);
    expect(await balance(march1)).toBe(0);
  });

  it("gives nothing when the store sets no birthday bonus", async () => {
    const today = await shopper("1990-06-15");
    await handle.db
      .update(loyaltyPrograms)
      .set({ birthdayBonusPoints: 0 })
      .where(eq(loyaltyPrograms.organizationId, shop.org.id));
    expect(await grantBirthdayBonuses(handle.db, shop.org.id, new Date("2027-06-15T20:00:00Z"))).toBe(0);
    expect(await balance(today)).toBe(0);
  });
});
