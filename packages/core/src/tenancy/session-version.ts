import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { users } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";

/**
 * Sessions are stateless JWTs, so ending them means raising the user's session version: every token carries the
 * version it was signed in with, and one carrying a lower version than the user's current one is signed out.
 * The current version is cached in the KV for a few seconds (every signed-in request reads it); raising it
 * drops the cached copy once the change has committed.
 */
const CACHE_SECONDS = 10;
const cacheKey = (userId: string) => `session-version:${userId}`;

/** The user's current session version, or null when the user no longer exists. */
export async function currentSessionVersion(
  deps: Pick<CoreDeps, "db" | "kv" | "log">,
  userId: string,
  options: { fresh?: boolean } = {},
): Promise<number | null> {
  if (!options.fresh) {
    try {
      const cached = await deps.kv.get<number>(cacheKey(userId));
      if (typeof cached === "number") return cached;
    } catch (error) {
      deps.log?.warn({ err: (error as Error).message }, "session version cache unavailable");
    }
  }
  const [row] = await deps.db
    .select({ version: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  try {
    await deps.kv.set(cacheKey(userId), row.version, { ttlSeconds: CACHE_SECONDS });
  } catch {
    // The database answered; a cold cache only costs the next request another lookup.
  }
  return row.version;
}

/**
 * Raises the version inside the caller's transaction; call `forgetSessionVersion` after it commits so the
 * cached copy does not outlive the change.
 */
export async function bumpSessionVersion(tx: DbOrTx, userId: string): Promise<number | null> {
  const [row] = await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ version: users.sessionVersion });
  return row?.version ?? null;
}

export async function forgetSessionVersion(deps: Pick<CoreDeps, "kv" | "log">, userId: string) {
  try {
    await deps.kv.del(cacheKey(userId));
  } catch (error) {
    // The cached copy expires on its own within CACHE_SECONDS.
    deps.log?.warn({ err: (error as Error).message, userId }, "session version cache not cleared");
  }
}

/** Ends every session the user has, the current one included ("Sign out everywhere"). */
export async function endAllSessions(deps: Pick<CoreDeps, "db" | "kv" | "log">, userId: string) {
  const version = await bumpSessionVersion(deps.db, userId);
  await forgetSessionVersion(deps, userId);
  return version;
}

/** Whether a token signed in with `tokenVersion` is still valid for the user (missing = signed in before versions). */
export function sessionVersionCurrent(tokenVersion: unknown, current: number | null): boolean {
  if (current === null) return false;
  const version = typeof tokenVersion === "number" ? tokenVersion : 0;
  return version >= current;
}
