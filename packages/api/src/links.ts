import type { StoreLinks } from "@cannasaas/core";

/**
 * Links to the app's pages that the domain puts into emails and results. Core knows no page paths: it takes a
 * link builder (or a finished URL) and the app's paths are written down here, once, for the api layer.
 */
export const PAGE_PATHS = {
  invitation: (token: string) => `/invite/${encodeURIComponent(token)}`,
  billing: "/dashboard/billing",
  product: (slug: string) => `/p/${slug}`,
  orders: "/orders",
} as const;

/**
 * The storefront pages the shopper assistant links to (paths on the tenant's own host): product pages, the
 * shopper's orders, and the few other pages an answer may point at.
 */
export const storefrontLinks: StoreLinks = {
  product: PAGE_PATHS.product,
  orders: () => PAGE_PATHS.orders,
  pages: ["/", "/cart", "/account", "/location", "/sign-in", "/sign-up"],
};

/** The accept-invitation link builder for emails sent from `origin`. */
export const invitationLink = (origin: string) => (token: string) =>
  `${origin}${PAGE_PATHS.invitation(token)}`;

/** The dashboard's billing page at `origin`, for dunning emails. */
export const billingLink = (origin: string) => `${origin}${PAGE_PATHS.billing}`;

/** Where the web app serves marketing's open, click and unsubscribe links (see app/api/marketing). */
export const marketingTrackingBase = (platformOrigin: string) => `${platformOrigin}/api/marketing`;
