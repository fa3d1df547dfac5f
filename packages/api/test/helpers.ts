import { TRPCError } from "@trpc/server";
import { count, eq, sql } from "drizzle-orm";
import type { AuthDeps } from "@cannasaas/auth";
import type { FixtureTenant } from "@cannasaas/core/testing";
import { createDatabase, type Database, type DatabaseHandle } from "@cannasaas/db/client";
import { customers, outboxMessages, users, userTokens, type EmailPayload } from "@cannasaas/db/schema";
import { createCaller, createTrpcContext } from "../src";

/** Awaits a call expected to fail and returns the TRPCError it failed with. */
export async function trpcError(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    (value: unknown) => new Error(`expected the call to fail, it returned ${JSON.stringify(value)}`),
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw error;
  return error;
}

export const codeOf = async (promise: Promise<unknown>) => (await trpcError(promise)).code;

/** Row counts of everything the account procedures may write, to prove a refusal wrote nothing. */
export async function rowCounts(db: Database) {
  const n = async (table: typeof users | typeof customers | typeof outboxMessages | typeof userTokens) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    users: await n(users),
    customers: await n(customers),
    outbox: await n(outboxMessages),
    tokens: await n(userTokens),
  };
}

export async function outboxPayload(db: Database, id: string) {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  if (!row) throw new Error(`no outbox row ${id}`);
  return { row, payload: row.payload as EmailPayload };
}

/** The raw token from the link in an email (`<path>?token=XYZ`). */
export function tokenFrom(payload: EmailPayload, path: string): string {
  const match = new RegExp(`${path.replace(/[/?]/g, "\\$&")}\\?token=([A-Za-z0-9_-]+)`).exec(payload.text);
  if (!match?.[1]) throw new Error(`no ${path} link in: ${payload.text}`);
  return match[1];
}

/** Every procedure path of a router, found by walking its nested record (not the flattened cache). */
export function procedurePaths(record: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(record).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (
      typeof value === "function" &&
      "_def" in value &&
      (value as { _def: { procedure?: boolean } })._def.procedure
    ) {
      return [path];
    }
    if (value && typeof value === "object") {
      const nested =
        "_def" in value ? (value as { _def: { record: Record<string, unknown> } })._def.record : value;
      return procedurePaths(nested as Record<string, unknown>, path);
    }
    throw new Error(`unexpected router entry at ${path}`);
  });
}

/**
 * A second connection to the test's own PostgreSQL database, to look on from outside the code under test
 * (pg_stat_activity, committed rows); null on PGlite, which has one session.
 */
export async function observerOf(handle: DatabaseHandle): Promise<DatabaseHandle | null> {
  if (handle.kind !== "postgres") return null;
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${(await handle.db.execute(sql`select current_database() as name`))[0]!.name as string}`;
  return createDatabase({ url: url.toString(), maxConnections: 1 });
}

/**
 * A tRPC caller acting as the tenant's adult shopper, signed in on its storefront (`<slug>.localhost:3000`) as a
 * browser behind one trusted proxy reaches it: no organization active, no cart cookie, the outbox not delivered.
 */
export async function shopperCaller(deps: AuthDeps, shop: Pick<FixtureTenant, "org" | "shopper">) {
  const ctx = await createTrpcContext({
    deps,
    headers: new Headers({ host: `${shop.org.slug}.localhost:3000`, "x-forwarded-for": "192.0.2.9" }),
    clientAddressSettings: { trustedProxyHops: 1, clientIpHeader: null },
    rootDomain: "localhost:3000",
    user: { id: shop.shopper.userId, email: shop.shopper.email },
    activeOrganizationId: null,
    deliverOutbox: () => {},
    cartToken: null,
  });
  return createCaller(ctx);
}
