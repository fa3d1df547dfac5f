import { is, sql } from "drizzle-orm";
import {
  PgDatabase,
  PgTransaction,
  type PgDialect,
  type PgSession,
  type PgTransactionConfig,
} from "drizzle-orm/pg-core";
import type { Database, DbOrTx, Transaction } from "./client";

/**
 * The role tenant-scoped transactions switch to (created by the tenant_rls migration): no superuser, no
 * BYPASSRLS and not the tables' owner, so the tenant_isolation policies bind it whoever the server connects as.
 */
export const TENANT_ROLE = "cannasaas_app";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isTransaction(db: DbOrTx): db is Transaction {
  return is(db, PgTransaction);
}

/**
 * Confines the rest of an open transaction to one organization's rows: every table with an organization_id
 * column then shows and accepts only that organization's rows, even to a query that forgot its filter. The
 * settings are transaction-local, so the pooled connection returns to platform-level work at commit.
 */
export async function scopeTransactionToTenant(tx: Transaction, organizationId: string): Promise<void> {
  if (!UUID.test(organizationId)) throw new Error("A tenant scope needs an organization id.");
  // One statement, as `set local role` plus the two settings: every tenant-scoped transaction pays for it, and
  // a round trip to the database costs more than the work of a small page's query.
  await tx.execute(
    sql`select set_config('app.bypass_rls', 'off', true), set_config('app.organization_id', ${organizationId}, true),
      set_config('role', ${TENANT_ROLE}, true)`,
  );
}

/**
 * Runs `work` in a transaction confined to one organization (see scopeTransactionToTenant). Inside a
 * transaction already, it confines that transaction, so what follows in it (an audit record) stays confined.
 */
export async function withTenantScope<T>(
  db: Database | Transaction,
  organizationId: string,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  if (isTransaction(db)) {
    await scopeTransactionToTenant(db, organizationId);
    return work(db);
  }
  return db.transaction(async (tx) => {
    await scopeTransactionToTenant(tx, organizationId);
    return work(tx);
  });
}

type PrepareArgs = Parameters<PgSession["prepareQuery"]>;
/** The drivers' statements; a select sets its join map on one after preparing it (drizzle marks both internal). */
type Prepared = ReturnType<PgSession["prepareQuery"]> & {
  joinsNotNullableMap?: unknown;
  all(placeholders?: Record<string, unknown>): Promise<unknown>;
};

/**
 * A database handle confined to one organization on every use, for work that must commit as it goes (a job's
 * run for one organization: each queue claim and outcome is seen by the job's other runs at once) yet may
 * touch no other organization's rows. `transaction` is scoped from its start; a statement outside one runs in
 * a short scoped transaction of its own. Nothing is held between statements. It wraps drizzle's session, the
 * seam every builder, relational query and `execute` goes through.
 */
export function tenantDatabase(db: Database, organizationId: string): Database {
  if (isTransaction(db)) throw new Error("A tenant database starts from the pool, not inside a transaction.");
  if (!UUID.test(organizationId)) throw new Error("A tenant scope needs an organization id.");
  const pool = db._.session;
  const statement = (prepared: Prepared, args: PrepareArgs) =>
    new Proxy(prepared, {
      get(target, key, receiver) {
        if (key !== "execute" && key !== "all") return Reflect.get(target, key, receiver) as unknown;
        return (placeholders?: Record<string, unknown>) =>
          withTenantScope(db, organizationId, (tx) => {
            const inScope = tx._.session.prepareQuery(...args) as Prepared;
            inScope.joinsNotNullableMap = target.joinsNotNullableMap;
            return key === "all" ? inScope.all(placeholders) : inScope.execute(placeholders);
          });
      },
    });
  const session = new Proxy(pool, {
    get(target, key, receiver) {
      if (key === "prepareQuery")
        return (...args: PrepareArgs) => statement(target.prepareQuery(...args) as Prepared, args);
      if (key === "transaction")
        return <T>(work: (tx: Transaction) => Promise<T>, config?: PgTransactionConfig) =>
          db.transaction(async (tx) => {
            await scopeTransactionToTenant(tx, organizationId);
            return work(tx);
          }, config);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  const { schema, fullSchema, tableNamesMap } = db._;
  const dialect = (db as unknown as { dialect: PgDialect }).dialect;
  return new PgDatabase(
    dialect,
    session,
    schema ? { schema, fullSchema, tableNamesMap } : undefined,
  ) as unknown as Database;
}

const setBypass = (tx: Transaction, value: string) =>
  tx.execute(sql`select set_config('app.bypass_rls', ${value}, true)`);

/**
 * Platform-level work inside a (possibly) tenant-scoped transaction: a decision that must see every tenant's
 * rows, such as whether an erased shopper still shops elsewhere, or a job an owner runs by hand. Lifts the wall
 * for `work` only, then restores it. Keep its uses few and visible; each one is a place the wall is not.
 */
export async function withPlatformAccess<T>(db: DbOrTx, work: () => Promise<T>): Promise<T> {
  if (!isTransaction(db)) return work();
  const rows = (await db.execute(sql`select current_setting('app.bypass_rls', true) as bypass`)) as unknown;
  const list = (Array.isArray(rows) ? rows : ((rows as { rows?: unknown[] }).rows ?? [])) as {
    bypass: string | null;
  }[];
  const previous = list[0]?.bypass ?? "";
  await setBypass(db, "on");
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // The transaction may be aborted already; its rollback restores the setting then.
    await setBypass(db, previous).catch(() => undefined);
    throw error;
  }
  await setBypass(db, previous);
  return result;
}

/** One unit of work in its own short transaction confined to one organization. */
export type ScopedWork = <T>(work: (tx: Transaction) => Promise<T>) => Promise<T>;

/**
 * How work that calls an outside service (an AI model, a geocoder, a payment provider) reaches the database:
 * in short transactions confined to one organization, none of them open while the outside call runs, so a slow
 * provider holds neither a pooled connection nor a row lock. `read` is for what the call needs (and may run
 * more than once, between calls); `commit` is the one transaction that writes the outcome.
 */
export type TenantTransactions = { read: ScopedWork; commit: ScopedWork };

/**
 * Short tenant-scoped transactions on the pool. Refuses an open transaction: nesting would hold it across
 * the outside call, which is what this exists to prevent.
 */
export function scopedTransactions(db: Database | Transaction, organizationId: string): ScopedWork {
  if (isTransaction(db))
    throw new Error("Work that calls out must start from the pool, not inside a transaction.");
  return (work) => withTenantScope(db, organizationId, work);
}
