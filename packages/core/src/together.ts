import type { DbOrTx } from "@cannasaas/db/client";
import { isTransaction } from "@cannasaas/db/tenant-scope";

/**
 * Runs pieces of work whose statements need no answer from one another's. In a transaction they are handed to
 * its one connection at once, where they run in the order sent: postgres.js pipelines statements it has
 * prepared on the connection (one round trip for the group). Drizzle's statements are unnamed, and postgres.js
 * describes an unnamed one with parameters before running it, holding back the statements behind it, so on
 * today's pool the group still costs two round trips a statement; the grouping states what may overlap.
 * Every piece is waited for, even after one fails, so none is left sending statements once the transaction has
 * ended; the failure reported is the first in the order given, as if they had run one after another. On the
 * pool each statement would commit on its own, possibly on different connections, so there they run one after
 * another, each committed before the next starts.
 */
export async function together<T extends readonly unknown[]>(
  db: DbOrTx,
  ...work: { [K in keyof T]: () => PromiseLike<T[K]> }
): Promise<T> {
  if (!isTransaction(db)) {
    const results: unknown[] = [];
    for (const run of work) results.push(await run());
    return results as unknown as T;
  }
  const settled = await Promise.allSettled(work.map((run) => run()));
  const failures = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
  // A failed statement aborts the transaction, and those after it fail only for that: report the cause.
  if (failures.length) throw failures.find((e) => !abortedBefore(e)) ?? failures[0];
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** "current transaction is aborted" (25P02), from the driver or wrapped by Drizzle. */
function abortedBefore(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code === "25P02" || e?.cause?.code === "25P02";
}
