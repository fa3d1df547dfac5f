import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { metrcCredentials } from "@cannasaas/db/schema";
import { scopedTransactions } from "@cannasaas/db/tenant-scope";
import { createTestDatabase } from "@cannasaas/db/testing";
import { DomainError, setMetrcCredentials, verifyMetrcCredentials } from "../src";
import { metrcWorld, USER_KEY, type MetrcWorld } from "./metrc-fixture";

/**
 * "Verify" checks a location's stored keys against METRC with no transaction open while METRC answers, and
 * keeps what METRC said about the keys: the stand-in's requests go through a fetch that first counts the
 * database's open transactions from another pooled connection. Needs PostgreSQL (several connections).
 */
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("verifying METRC credentials (PostgreSQL)", () => {
  let handle: DatabaseHandle;
  let w: MetrcWorld;
  const openDuringCalls: number[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase();
    w = await metrcWorld(handle.db, "verify");
    w.deps.metrc = {
      ...w.deps.metrc,
      fetch: async (input, init) => {
        const [row] = (await handle.db.execute(sql`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()
            and backend_type = 'client backend' and xact_start is not null`)) as unknown as { n: number }[];
        openDuringCalls.push(row!.n);
        return fetch(input, init);
      },
    };
  });
  afterAll(async () => {
    await w?.mock.close();
    await handle?.close();
  });

  const north = () => w.shop.locations[0]!.id;
  const steps = () => ({
    read: scopedTransactions(handle.db, w.shop.org.id),
    commit: scopedTransactions(handle.db, w.shop.org.id),
  });
  const credentials = async () =>
    (await handle.db.select().from(metrcCredentials).where(eq(metrcCredentials.locationId, north())))[0]!;
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (e: unknown) => e as DomainError,
    );

  it("accepts keys METRC knows, records when, and holds no transaction while METRC answers", async () => {
    openDuringCalls.length = 0;
    const answer = await verifyMetrcCredentials(w.deps, steps(), w.shop.org.id, north());
    expect(answer).toMatchObject({ ok: true, licenseNumber: w.license });
    expect((await credentials()).lastVerifiedAt).toEqual(w.clock.now);
    expect((await credentials()).lastAuthError).toBeNull();
    expect(openDuringCalls.length).toBeGreaterThan(0);
    expect(openDuringCalls.every((n) => n === 0)).toBe(true);
  });

  it("keeps the refusal of a license the key does not cover, and says so", async () => {
    await setMetrcCredentials(w.deps, w.shop.org.id, null, {
      locationId: north(),
      userKey: USER_KEY,
      licenseNumber: "LIC-NOT-THIS-ONE",
    });
    const error = await refusal(verifyMetrcCredentials(w.deps, steps(), w.shop.org.id, north()));
    expect(error).toBeInstanceOf(DomainError);
    expect(error!.code).toBe("PRECONDITION_FAILED");
    expect(error!.message).toMatch(/LIC-NOT-THIS-ONE/);
    // Committed before the refusal was thrown: the dashboard shows why the keys do not work.
    expect((await credentials()).lastAuthError).toBe(error!.message);
  });

  it("keeps METRC's refusal of the key itself", async () => {
    await setMetrcCredentials(w.deps, w.shop.org.id, null, {
      locationId: north(),
      userKey: "a-key-metrc-does-not-know-0000",
      licenseNumber: w.license,
    });
    const error = await refusal(verifyMetrcCredentials(w.deps, steps(), w.shop.org.id, north()));
    expect(error!.code).toBe("PRECONDITION_FAILED");
    expect((await credentials()).lastAuthError).toBe(error!.message);
    // Keys METRC accepts again clear the mark.
    await setMetrcCredentials(w.deps, w.shop.org.id, null, {
      locationId: north(),
      userKey: USER_KEY,
      licenseNumber: w.license,
    });
    await verifyMetrcCredentials(w.deps, steps(), w.shop.org.id, north());
    expect((await credentials()).lastAuthError).toBeNull();
  });
});
