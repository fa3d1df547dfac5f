import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { readDbEnv } from "./env";

export { readDbEnv };
import * as schema from "./schema";

export type Schema = typeof schema;
/** Both drivers expose the same query builder; the app is written against postgres.js' type. */
export type Database = PostgresJsDatabase<Schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A database handle or an open transaction: services accept either. */
export type DbOrTx = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  kind: "postgres" | "pglite";
  /** Runs a raw SQL script (several statements); used by migrations and tests. */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  /** A postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** Directory for PGlite's files; `memory://` keeps everything in memory (tests). */
  dataDir?: string;
  maxConnections?: number;
  /**
   * Prepare (name) every statement on its connection (postgres.js only). Drizzle sends unnamed statements,
   * which postgres.js describes before running when they have parameters: two round trips each, and nothing
   * pipelined behind them. Prepared, a statement seen before on the connection runs in one, and statements
   * sent together are pipelined. `getDatabase()` turns it on unless DATABASE_PREPARE=0 (postgres.js's own
   * default for its tagged queries): a pooler in transaction mode must then support prepared statements
   * (PgBouncer 1.21+ with max_prepared_statements), and each connection keeps what it prepared until it is
   * recycled.
   */
  prepare?: boolean;
};

/** The repository root, found by walking up from the working directory (Next runs from apps/web). */
export function findRepoRoot(start = process.cwd()): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

export function defaultDataDir(): string {
  return readDbEnv().DATA_DIR ?? path.join(findRepoRoot(), ".data");
}

export async function createDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // Platform-level by default (sign-in, host resolution, jobs); tenant-scoped calls turn it off for their
      // transaction (./tenant-scope.ts). Only matters when the server's role is not a superuser.
      connection: { application_name: "cannasaas", "app.bypass_rls": "on" },
    });
    return {
      db: drizzlePostgres(options.prepare ? preparing(client) : client, { schema, casing: "snake_case" }),
      kind: "postgres",
      exec: async (sqlText) => {
        await client.unsafe(sqlText);
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  // Loaded lazily so deployments on real PostgreSQL never load the WebAssembly build.
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle: drizzlePglite } = await import("drizzle-orm/pglite");
  // The menu's typo-tolerant search needs pg_trgm (created by a migration), which PGlite ships as a contrib.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const dataDir = options.dataDir ?? path.join(defaultDataDir(), "pglite");
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  // One session for everything: platform-level by default, as on a pooled connection (see above).
  await client.exec("set app.bypass_rls = 'on'");
  const db: PgliteDatabase<Schema> = drizzlePglite(client, { schema, casing: "snake_case" });
  return {
    db: db as unknown as Database,
    kind: "pglite",
    exec: async (sqlText) => {
      await client.exec(sqlText);
    },
    close: () => client.close(),
  };
}

/**
 * The client as Drizzle sees it, with every statement it sends prepared on its connection, inside
 * transactions and savepoints too (see `DatabaseOptions.prepare`).
 */
export function preparing(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, key, receiver) {
      if (key === "unsafe")
        return (
          query: string,
          args?: postgres.ParameterOrJSON<never>[],
          options?: postgres.UnsafeQueryOptions,
        ) => target.unsafe(query, args, { ...options, prepare: true });
      if (key === "begin" || key === "savepoint")
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.Sql) => unknown;
          const method = Reflect.get(target, key) as (...a: unknown[]) => unknown;
          return method.call(target, ...args, (tx: postgres.Sql) => work(preparing(tx)));
        };
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

const globalForDb = globalThis as unknown as { __cannasaasDb?: Promise<DatabaseHandle> };

/**
 * The process-wide database, configured from the environment (DATABASE_URL, else PGlite under DATA_DIR).
 * Kept on globalThis so hot reloads in development reuse one connection pool / one PGlite instance.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  const env = readDbEnv();
  globalForDb.__cannasaasDb ??= createDatabase({ url: env.DATABASE_URL, prepare: env.DATABASE_PREPARE });
  return globalForDb.__cannasaasDb;
}
