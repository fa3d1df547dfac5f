import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root";

export { appRouter, createCaller, type AppRouter } from "./root";
export { billingLink, invitationLink, PAGE_PATHS, storefrontLinks } from "./links";
export { createTrpcContext, type TrpcContext, type SessionUser } from "./context";
export { TRPC_MAX_BATCH_SIZE } from "./http-limits";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
