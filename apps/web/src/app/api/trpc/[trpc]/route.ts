import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createTrpcContext } from "@cannasaas/api";
import { env } from "~/env";
import { getDeps } from "~/server/deps";
import { deliverOutbox } from "~/server/outbox";
import { ACTIVE_ORG_COOKIE, activeOrganizationFor, currentUser, originFrom } from "~/server/request";

function cookie(request: Request, name: string): string | null {
  const match = request.headers.get("cookie")?.match(new RegExp(`(?:^|;\\s*)${name}=([^;]+)`));
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

const handler = async (request: Request) => {
  const deps = await getDeps();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
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
        origin: originFrom(request.headers),
        deliverOutbox,
        cartToken: cookie(request, "cs_cart"),
      });
    },
    responseMeta: () => ({ headers: new Headers({ "cache-control": "no-store" }) }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") deps.log?.error({ path, err: error.message }, "trpc error");
    },
  });
};

export { handler as GET, handler as POST };
