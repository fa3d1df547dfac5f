import { is, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
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
  await tx.execute(
    sql`select set_config('app.bypass_rls', 'off', true), set_config('app.organization_id', ${organizationId}, true)`,
  );
  await tx.execute(sql.raw(`set local role ${TENANT_ROLE}`));
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
