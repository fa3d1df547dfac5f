import { accountRouter } from "./routers/account";
import { organizationRouter } from "./routers/organization";
import { shopperRouter } from "./routers/shopper";
import { storefrontRouter } from "./routers/storefront";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  storefront: storefrontRouter,
  shopper: shopperRouter,
  account: accountRouter,
  organization: organizationRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
