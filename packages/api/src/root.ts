import { auditInputsFrom } from "./audit-input";
import { accountRouter } from "./routers/account";
import { catalogRouter } from "./routers/catalog";
import { billingRouter } from "./routers/billing";
import { customDomainRouter } from "./routers/custom-domain";
import { cartRouter } from "./routers/cart";
import { deliveriesRouter } from "./routers/deliveries";
import { checkoutRouter } from "./routers/checkout";
import { ordersRouter } from "./routers/orders";
import { staffOrdersRouter } from "./routers/staff-orders";
import { organizationRouter } from "./routers/organization";
import { shopperRouter } from "./routers/shopper";
import { storefrontRouter } from "./routers/storefront";
import { idReviewRouter } from "./routers/id-review";
import { dashboardRouter } from "./routers/dashboard";
import { inventoryRouter } from "./routers/inventory";
import { metrcRouter } from "./routers/metrc";
import { shopperAccountRouter } from "./routers/shopper-account";
import { integrationsRouter } from "./routers/integrations";
import { auditRouter } from "./routers/audit";
import { jobsRouter } from "./routers/jobs";
import { teamRouter } from "./routers/team";
import { onboardingRouter } from "./routers/onboarding";
import { purchasingRouter } from "./routers/purchasing";
import { pricingRouter } from "./routers/pricing";
import { reportsRouter } from "./routers/reports";
import { promotionsRouter } from "./routers/promotions";
import { loyaltyRouter } from "./routers/loyalty";
import { loyaltyAdminRouter } from "./routers/loyalty-admin";
import { reviewsRouter } from "./routers/reviews";
import { reviewsAdminRouter } from "./routers/reviews-admin";
import { wishlistRouter } from "./routers/wishlist";
import { marketingRouter } from "./routers/marketing";
import { productCopyRouter } from "./routers/product-copy";
import { insightsRouter } from "./routers/insights";
import { recommendationsRouter } from "./routers/recommendations";
import { supportRouter } from "./routers/support";
import { locationsRouter } from "./routers/locations";
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
  locations: locationsRouter,
  catalog: catalogRouter,
  billing: billingRouter,
  customDomain: customDomainRouter,
  deliveries: deliveriesRouter,
  purchasing: purchasingRouter,
  pricing: pricingRouter,
  reports: reportsRouter,
  promotions: promotionsRouter,
  loyalty: loyaltyRouter,
  loyaltyAdmin: loyaltyAdminRouter,
  reviews: reviewsRouter,
  reviewsAdmin: reviewsAdminRouter,
  wishlist: wishlistRouter,
  marketing: marketingRouter,
  productCopy: productCopyRouter,
  insights: insightsRouter,
  recommendations: recommendationsRouter,
  support: supportRouter,
});

auditInputsFrom(appRouter);

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
