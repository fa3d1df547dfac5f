import "server-only";
import { getDatabase } from "@cannasaas/db/client";
import type { AuthDeps } from "@cannasaas/auth";
import { systemClock } from "@cannasaas/core";
import { createKv } from "@cannasaas/integrations/kv";
import { logger } from "@cannasaas/integrations/logger";
import { createMailTransport } from "@cannasaas/integrations/mail";

const globalForDeps = globalThis as unknown as { __cannasaasDeps?: Promise<AuthDeps> };

/** The process-wide service dependencies: database, cache, mail, clock and logger. */
export function getDeps(): Promise<AuthDeps> {
  globalForDeps.__cannasaasDeps ??= getDatabase().then((handle) => ({
    db: handle.db,
    kv: createKv(),
    mail: createMailTransport(),
    clock: systemClock,
    log: logger,
  }));
  return globalForDeps.__cannasaasDeps;
}
