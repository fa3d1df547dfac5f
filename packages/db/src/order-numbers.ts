import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "./client";
import { organizations } from "./schema";

/**
 * The next order number of an organization, from its own sequence (created with the organization by a trigger,
 * so taking a number locks no row; a rolled-back checkout leaves a gap).
 */
export async function takeOrderNumber(db: DbOrTx, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`next_order_number(${organizations.id})`.mapWith(Number) })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!row) throw new Error(`No organization ${organizationId} to number an order for.`);
  return row.n;
}

/** After orders numbered by hand up to `last` (bulk demo history), the sequence continues after them. */
export async function continueOrderNumbersAfter(db: DbOrTx, organizationId: string, last: number) {
  await db.execute(
    sql`select setval(order_number_sequence_name(${organizationId}::uuid)::regclass, ${last})`,
  );
}
