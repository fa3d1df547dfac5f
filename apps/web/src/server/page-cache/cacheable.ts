import type { IncomingMessage } from "node:http";
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
 * What the cache reads of a request. The proxy gives it from Next's request and the server in front of Next
 * from Node's; both read cookies with `parseCookies`, so the two compute the same key for the same request.
 */
export type PageRequest = {
  method: string;
  pathname: string;
  /** The query string with its `?`, or "". */
  search: string;
  header(name: string): string | null;
  /** Cookie values as sent (not decoded), the first of each name. */
  cookies: Map<string, string>;
};

/** A `Cookie` header's pairs, values as sent; the first of a repeated name wins, as in the key. */
export function parseCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const pair of header.split(";")) {
    const at = pair.indexOf("=");
    const name = (at === -1 ? pair : pair.slice(0, at)).trim();
    if (name && !cookies.has(name)) cookies.set(name, at === -1 ? "" : pair.slice(at + 1).trim());
  }
  return cookies;
}

export function pageRequestFromNext(request: NextRequest): PageRequest {
  const { pathname, search } = request.nextUrl;
  return {
    method: request.method,
    pathname,
    search,
    header: (name) => request.headers.get(name),
    cookies: parseCookies(request.headers.get("cookie")),
  };
}

/**
 * Node's request as the cache reads it, or null for an address the URL parser would rewrite (dot segments,
 * backslashes): such a request goes on to Next, which decides what it names.
 */
export function pageRequestFromNode(req: IncomingMessage): PageRequest | null {
  const raw = req.url ?? "";
  const queryAt = raw.indexOf("?");
  const rawPath = queryAt === -1 ? raw : raw.slice(0, queryAt);
  let url: URL;
  try {
    url = new URL(raw, "http://page-cache.invalid");
  } catch {
    return null;
  }
  if (url.pathname !== rawPath) return null;
  const cookie = req.headers.cookie;
  return {
    method: req.method ?? "GET",
    pathname: url.pathname,
    search: url.search,
    header: (name) => {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
    cookies: parseCookies(cookie),
  };
}

/**
 * The cache key for a guest's request for a menu or product page (a document request: the router's own RSC
 * fetches and prefetches are answered by Next as usual), or null when the page is not served from the cache.
 */
export function pageCacheKey(request: PageRequest, host: string): string | null {
  const { pathname, search } = request;
  if (request.method !== "GET" || !CACHEABLE_PATH.test(pathname)) return null;
  if (request.header("rsc") !== null || request.header("next-action") !== null) return null;
  if (new URLSearchParams(search).has("_rsc")) return null;
  // Next removes its router's headers (`RSC`, the prefetch flags) and `_rsc` before the proxy sees a request,
  // so its fetches for a page's payload look like page loads here. Only a navigation asks for HTML (the
  // storefront's service worker passes navigations on in mode `navigate`, though with destination `empty`).
  const mode = request.header("sec-fetch-mode");
  if (!request.header("accept")?.includes("text/html") || (mode !== null && mode !== "navigate")) {
    return null;
  }
  // A signed-in shopper's header and forms are their own.
  if (mayHaveSession(request.cookies.keys())) return null;
  const cookies = PAGE_COOKIES.map((name) => `${name}=${request.cookies.get(name) ?? ""}`);
  return [host.toLowerCase(), `${pathname}${search}`, ...cookies].join("\n");
}

/** The `cookie` header a page's render is given: only `PAGE_COOKIES`, as the request had them. */
export function pageCookieHeader(request: PageRequest): string {
  return PAGE_COOKIES.flatMap((name) => {
    const value = request.cookies.get(name);
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
