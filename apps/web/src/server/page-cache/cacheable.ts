import type { NextRequest } from "next/server";
import { mayHaveSession } from "@cannasaas/auth/session-cookie";
import { AGE_COOKIE } from "~/lib/age";
import { LOCATION_COOKIE } from "~/lib/location-cookie";

/**
 * The cookies a cached storefront page may depend on, and the only ones its render is given: the age gate's
 * answer and the chosen location. So the page is a function of its key by construction; a shopper's cart or
 * anything else in their cookies cannot reach a page that others are served.
 */
export const PAGE_COOKIES = [AGE_COOKIE, LOCATION_COOKIE] as const;

/** The storefront pages that are the same for every guest: the menu (any search or filters) and product pages. */
const CACHEABLE_PATH = /^\/(?:p\/[^/]+)?$/;

/**
 * The cache key for a guest's request for a menu or product page (a document request: the router's own RSC
 * fetches and prefetches are answered by Next as usual), or null when the page is not served from the cache.
 */
export function pageCacheKey(request: NextRequest, host: string): string | null {
  const { pathname, search, searchParams } = request.nextUrl;
  if (request.method !== "GET" || !CACHEABLE_PATH.test(pathname)) return null;
  if (request.headers.has("rsc") || request.headers.has("next-action") || searchParams.has("_rsc")) {
    return null;
  }
  // Next removes its router's headers (`RSC`, the prefetch flags) and `_rsc` before the proxy sees a request,
  // so its fetches for a page's payload look like page loads here. Only a navigation asks for HTML (the
  // storefront's service worker passes navigations on in mode `navigate`, though with destination `empty`).
  const mode = request.headers.get("sec-fetch-mode");
  if (!request.headers.get("accept")?.includes("text/html") || (mode !== null && mode !== "navigate")) {
    return null;
  }
  // A signed-in shopper's header and forms are their own.
  if (mayHaveSession(request.cookies.getAll().map((c) => c.name))) return null;
  const cookies = PAGE_COOKIES.map((name) => `${name}=${request.cookies.get(name)?.value ?? ""}`);
  return [host.toLowerCase(), `${pathname}${search}`, ...cookies].join("\n");
}

/** The `cookie` header a page's render is given: only `PAGE_COOKIES`, as the request had them. */
export function pageCookieHeader(request: NextRequest): string {
  return PAGE_COOKIES.flatMap((name) => {
    const value = request.cookies.get(name)?.value;
    return value === undefined ? [] : [`${name}=${value}`];
  }).join("; ");
}

/**
 * When a page rendered at `renderedAt` stops being served: at the next minute on the clock, the grain of
 * opening hours and deal schedules (every time zone is a whole number of minutes off UTC), so "open now"
 * and a happy hour turn over on time without any change to the data.
 */
export function pageExpiry(renderedAt: number): number {
  return Math.floor(renderedAt / 60_000) * 60_000 + 60_000;
}
