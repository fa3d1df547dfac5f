import postgres from "postgres";
import { createDatabase, type DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";

/**
 * A fresh, migrated database for one test file: a throw-away PostgreSQL database when TEST_DATABASE_URL is set
 * (dropped on close), otherwise an in-memory PGlite. Test files never share data, so they can run in parallel.
 * `url` names the PostgreSQL database, for tests that open connections of their own.
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const handle = await createDatabase({ dataDir: "memory://" });
    await migrateDatabase(handle);
    return handle;
  }
  const name = `cannasaas_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDatabase({ url: url.toString(), maxConnections: 20 });
  await migrateDatabase(handle);
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Drops test databases left behind by runs that were killed before cleaning up. */
export async function dropStaleTestDatabases(adminUrl: string): Promise<number> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like 'cannasaas_test_%'`;
    const stale = rows.filter(({ datname }) => !isAlive(Number(datname.split("_")[2])));
    for (const { datname } of stale) await admin.unsafe(`drop database if exists ${datname} with (force)`);
    return stale.length;
  } finally {
    await admin.end();
  }
}
