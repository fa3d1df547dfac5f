import type { StoreLinks } from "../../src/ai/guards";

/** The storefront's pages as the app passes them (packages/api `storefrontLinks`); core writes no paths itself. */
export const TEST_STORE_LINKS: StoreLinks = {
  product: (slug) => `/p/${slug}`,
  orders: () => "/orders",
  pages: ["/", "/cart", "/account", "/location", "/sign-in", "/sign-up"],
};
