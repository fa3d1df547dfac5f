"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, loggerLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@cannasaas/api";
import { TRPC_MAX_BATCH_SIZE } from "@cannasaas/api/http-limits";
import { isDevelopmentBuild } from "~/lib/build/env";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } });
}

/** tRPC over TanStack Query. Relative URL: every host (tenant or platform) serves /api/trpc itself. */
export function TrpcReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        loggerLink({
          enabled: (op) => isDevelopmentBuild && op.direction === "down" && op.result instanceof Error,
        }),
        httpBatchLink({
          url: "/api/trpc",
          transformer: superjson,
          maxItems: TRPC_MAX_BATCH_SIZE,
          // Batches split before their URL nears the proxy's query-string limit (MAX_QUERY_STRING_LENGTH).
          maxURLLength: 4096,
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
