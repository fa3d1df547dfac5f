import { accountRouter } from "./routers/account";
import { catalogRouter } from "./routers/catalog";
import { cartRouter } from "./routers/cart";
import { checkoutRouter, ordersRouter, staffOrdersRouter } from "./routers/orders";
import { organizationRouter } from "./routers/organization";
import { shopperRouter } from "./routers/shopper";
import { storefrontRouter } from "./routers/storefront";
import { idReviewRouter } from "./routers/id-review";
import { shopperAccountRouter } from "./routers/shopper-account";
import { auditRouter } from "./routers/audit";
import { jobsRouter } from "./routers/jobs";
import { teamRouter } from "./routers/team";
import { onboardingRouter } from "./routers/onboarding";
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
  audit: auditRouter,
  jobs: jobsRouter,
  team: teamRouter,
  onboarding: onboardingRouter,
  catalog: catalogRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
