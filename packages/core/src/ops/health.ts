import { sql } from "drizzle-orm";
import type { CoreDeps } from "../deps";

type Check = { status: "ok" | "down"; latencyMs: number; error?: string };

async function timed(run: () => Promise<unknown>, timeoutMs: number): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: "down",
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : "unknown error",
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness of the two services every request needs. */
export async function checkReadiness(deps: Pick<CoreDeps, "db" | "kv">, timeoutMs = 2_000) {
  const [database, cache] = await Promise.all([
    timed(() => deps.db.execute(sql`select 1`), timeoutMs),
    timed(() => deps.kv.ping(), timeoutMs),
  ]);
  const status = database.status === "ok" && cache.status === "ok" ? "ok" : "unavailable";
  return { status, checks: { database, cache: { ...cache, kind: deps.kv.kind } } } as const;
}
