import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createTrpcContext, TRPC_MAX_BATCH_SIZE } from "@cannasaas/api";
import { observeRoute } from "@cannasaas/api/rest";
import { env, publicUrlSettings } from "~/env";
import { getDeps } from "~/server/deps";
import { errorTracker } from "~/server/error-tracking";
import { deliverOutbox } from "~/server/outbox";
import { ACTIVE_ORG_COOKIE, activeOrganizationFor, currentUser } from "~/server/request";

function cookie(request: Request, name: string): string | null {
  const match = request.headers.get("cookie")?.match(new RegExp(`(?:^|;\\s*)${name}=([^;]+)`));
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

const handler = observeRoute("/api/trpc/[trpc]", async (request: Request) => {
  const deps = await getDeps();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: async () => {
      const user = await currentUser();
      return createTrpcContext({
        deps,
        headers: request.headers,
        rootDomain: env().ROOT_DOMAIN,
        user,
        activeOrganizationId: await activeOrganizationFor(
          request.headers,
          user,
          cookie(request, ACTIVE_ORG_COOKIE),
        ),
        publicScheme: publicUrlSettings().scheme,
        deliverOutbox,
        cartToken: cookie(request, "cs_cart"),
      });
    },
    responseMeta: () => ({ headers: new Headers({ "cache-control": "no-store" }) }),
    onError: ({ error, path }) => {
      if (error.code !== "INTERNAL_SERVER_ERROR") return;
      deps.log?.error({ path, err: error.message }, "trpc error");
      // tRPC answers these itself, so Next's onRequestError never sees them.
      errorTracker().capture(error.cause ?? error, {
        route: `trpc ${path ?? "unknown"}`,
        requestId: request.headers.get("x-request-id"),
      });
    },
  });
});

export { handler as GET, handler as POST };
