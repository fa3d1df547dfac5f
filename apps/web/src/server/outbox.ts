import "server-only";
import { after } from "next/server";
import { drainEmailOutbox } from "@cannasaas/core";
import { getDeps } from "./deps";

/** Sends freshly written outbox emails once the response is out; the cron drain retries anything that fails. */
export function deliverOutbox(ids: string[]) {
  if (!ids.length) return;
  const run = async () => {
    const deps = await getDeps();
    await drainEmailOutbox(deps, { ids });
  };
  try {
    after(run);
  } catch {
    void run().catch(() => undefined);
  }
}
