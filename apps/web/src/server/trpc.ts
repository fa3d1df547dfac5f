import "server-only";
import { cache } from "react";
import { createCaller, createTrpcContext } from "@cannasaas/api";
import { env } from "~/env";
import { getDeps } from "./deps";
import { deliverOutbox } from "./outbox";
import { requestInfo } from "./request";

/** A tRPC caller for server components and actions, with the same context an HTTP call would get. */
export const serverApi = cache(async () => {
  const [deps, info] = await Promise.all([getDeps(), requestInfo()]);
  const ctx = await createTrpcContext({ deps, rootDomain: env().ROOT_DOMAIN, deliverOutbox, ...info });
  return createCaller(ctx);
});
