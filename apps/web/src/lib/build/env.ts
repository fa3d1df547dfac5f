/*
 * Build-time flags for code that also runs in the browser. Kept apart from `~/env`, whose zod schemas would
 * otherwise ride along into every storefront page's scripts.
 */

/** Development builds, for client code too: Next inlines this static read of NODE_ENV into the bundle. */
export const isDevelopmentBuild = process.env.NODE_ENV === "development";
