import { count } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { customers, outboxMessages, users, userTokens } from "@cannasaas/db/schema";
import type { EmailPayload } from "@cannasaas/db/schema";
import { DomainError } from "@cannasaas/core";

/** Row counts of everything sign-up and reset may write, to prove a failure wrote nothing. */
export async function authRowCounts(db: Database) {
  const n = async (table: typeof users | typeof customers | typeof outboxMessages | typeof userTokens) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    users: await n(users),
    customers: await n(customers),
    outbox: await n(outboxMessages),
    tokens: await n(userTokens),
  };
}

/** The raw token from the link in an emailed message (`...?token=XYZ`). */
export function tokenFromEmail(payload: unknown, path: string): string {
  const text = (payload as EmailPayload).text;
  const match = new RegExp(`${path.replace(/[/?]/g, "\\$&")}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}

/** Awaits a promise expected to fail with a DomainError and returns it. */
export async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}
