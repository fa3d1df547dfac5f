import type { Database } from "@cannasaas/db/client";

/**
 * The database handle of work that calls an outside service: it reaches the database only through short
 * tenant-scoped transactions it is given (`read`, `commit`), so any use of this handle is a bug (it would be
 * unscoped, or held across the call) and fails loudly.
 */
export const refusedDb = new Proxy({} as Database, {
  get() {
    throw new Error("This work calls out: reach the database through the scoped transactions it is given.");
  },
});
