import { accountRouter } from "./routers/account";
import { cartRouter } from "./routers/cart";
import { checkoutRouter, ordersRouter, staffOrdersRouter } from "./routers/orders";
import { organizationRouter } from "./routers/organization";
import { shopperRouter } from "./routers/shopper";
import { storefrontRouter } from "./routers/storefront";
import { idReviewRouter } from "./routers/id-review";
import { shopperAccountRouter } from "./routers/shopper-account";
import { integrationsRouter } from "./routers/integrations";
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
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
