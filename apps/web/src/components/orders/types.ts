import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@cannasaas/api";

export type OrderDetail = inferRouterOutputs<AppRouter>["orders"]["get"];
