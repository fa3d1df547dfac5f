import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDatabase, readDbEnv, type Database } from "../src/client";

const url = process.env.TEST_DATABASE_URL;
const rows = (result: unknown) => result as Array<Record<string, unknown>>;

/** What one transaction does with statements that have parameters, and what its connection then has prepared. */
async function inOneTransaction(db: Database) {
  return db.transaction(async (tx) => {
    const [a, b] = await Promise.all([
      tx.execute(sql`select ${1}::int + 1 as n`),
      tx.execute(sql`select ${"x"}::text || 'y' as s`),
    ]);
    const nested = await tx.transaction((inner) => inner.execute(sql`select ${40}::int + 2 as n`));
    const [prepared] = rows(
      await tx.execute(
        sql`select count(*)::int as n from pg_prepared_statements where statement like ${"%::int%"}`,
      ),
    );
    return {
      a: rows(a)[0]!.n,
      b: rows(b)[0]!.s,
      nested: rows(nested)[0]!.n,
      prepared: prepared!.n as number,
    };
  });
}

describe.skipIf(!url)("DATABASE_PREPARE (PostgreSQL)", () => {
  it("prepares statements on the connection, in transactions and savepoints, with the same answers", async () => {
    const handle = await createDatabase({ url, maxConnections: 1, prepare: true });
    try {
      const answer = await inOneTransaction(handle.db);
      expect(answer).toMatchObject({ a: 2, b: "xy", nested: 42 });
      // The two selects with ::int (the sum and the savepoint's) are prepared; the count itself is too.
      expect(answer.prepared).toBeGreaterThanOrEqual(2);
    } finally {
      await handle.close();
    }
  });

  it("leaves statements unnamed by default", async () => {
    const handle = await createDatabase({ url, maxConnections: 1 });
    try {
      const answer = await inOneTransaction(handle.db);
      expect(answer).toMatchObject({ a: 2, b: "xy", nested: 42, prepared: 0 });
    } finally {
      await handle.close();
    }
  });
});

describe("DATABASE_PREPARE in the environment", () => {
  it("is on unless set to 0 or false (a pooler without prepared statements)", () => {
    expect(readDbEnv({}).DATABASE_PREPARE).toBe(true);
    expect(readDbEnv({ DATABASE_PREPARE: "" }).DATABASE_PREPARE).toBe(true);
    expect(readDbEnv({ DATABASE_PREPARE: "1" }).DATABASE_PREPARE).toBe(true);
    expect(readDbEnv({ DATABASE_PREPARE: "0" }).DATABASE_PREPARE).toBe(false);
    expect(readDbEnv({ DATABASE_PREPARE: "false" }).DATABASE_PREPARE).toBe(false);
  });
});
