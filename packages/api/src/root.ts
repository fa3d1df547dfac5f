import { accountRouter } from "./routers/account";
import { cartRouter } from "./routers/cart";
import { checkoutRouter, ordersRouter, staffOrdersRouter } from "./routers/orders";
import { organizationRouter } from "./routers/organization";
import { shopperRouter } from "./routers/shopper";
import { storefrontRouter } from "./routers/storefront";
import { idReviewRouter } from "./routers/id-review";
import { shopperAccountRouter } from "./routers/shopper-account";
import { integrationsRouter } from "./routers/integrations";
import { auditRouter } from "./routers/audit";
import { jobsRouter } from "./routers/jobs";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  storefront: storefrontRouter,
  shopper: shopperRouter,
  account: accountRouter,
  organization: organizationRouter,
  cart: cartRouter,
  checkout: checkoutRouter,
  orders: ordersRouter,
  staffOrders: staffOrdersRouter,
  shopperAccount: shopperAccountRouter,
  idReview: idReviewRouter,
  integrations: integrationsRouter,
  audit: auditRouter,
  jobs: jobsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
