import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { customers } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";

/** A shopper acting as one tenant's customer; every customer service is scoped by both ids. */
export type CustomerScope = { organizationId: string; customerId: string };

/** The customer row of the scope, locked when `forUpdate`; erased customers no longer exist for shoppers. */
export async function activeCustomer(db: DbOrTx, scope: CustomerScope, forUpdate = false) {
  const query = db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.id, scope.customerId),
        eq(customers.organizationId, scope.organizationId),
        isNull(customers.erasedAt),
      ),
    );
  const [row] = await (forUpdate ? query.for("update") : query);
  if (!row) throw new DomainError("NOT_FOUND", "That account does not exist.");
  return row;
}

export function requireStorage(deps: Pick<CoreDeps, "storage">) {
  if (!deps.storage) throw new Error("file storage is not configured");
  return deps.storage;
}
