import { accountRouter } from "./routers/account";
import { catalogRouter } from "./routers/catalog";
import { billingRouter, customDomainRouter } from "./routers/billing";
import { cartRouter } from "./routers/cart";
import { deliveriesRouter } from "./routers/deliveries";
import { checkoutRouter, ordersRouter, staffOrdersRouter } from "./routers/orders";
import { organizationRouter } from "./routers/organization";
import { shopperRouter } from "./routers/shopper";
import { storefrontRouter } from "./routers/storefront";
import { idReviewRouter } from "./routers/id-review";
import { dashboardRouter, inventoryRouter } from "./routers/inventory";
import { metrcRouter } from "./routers/metrc";
import { shopperAccountRouter } from "./routers/shopper-account";
import { integrationsRouter } from "./routers/integrations";
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
  inventory: inventoryRouter,
  dashboard: dashboardRouter,
  metrc: metrcRouter,
  integrations: integrationsRouter,
  audit: auditRouter,
  jobs: jobsRouter,
  team: teamRouter,
  onboarding: onboardingRouter,
  catalog: catalogRouter,
  billing: billingRouter,
  customDomain: customDomainRouter,
  deliveries: deliveriesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
