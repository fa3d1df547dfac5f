import type { IncomingMessage, ServerResponse } from "node:http";
import { parseHost } from "@cannasaas/core/hosts";
import { logger } from "@cannasaas/integrations/logger";
import { rootDomain, transportSettings } from "~/env";
import { CART_COOKIE, cartSetCookie, newCartToken } from "~/server/cart-cookie";
import { contentSecurityPolicy, HSTS, newNonce, SECURITY_HEADERS } from "~/server/security-headers";
import { pageCacheKey, pageRequestFromNode } from "./cacheable";
import { acceptsGzip, gzipBody, plainBody, type PreparedBody } from "./page-body";
import type { PageStore } from "./page-store";

/**
 * Answers a guest's request for a stored, current menu or product page straight from memory, before Next
 * parses it: the response the proxy would give for a cache hit (the same headers, a fresh nonce, a cart
 * cookie on first contact, gzip when asked for), at a fraction of the cost. Anything else, including a page
 * that is not stored yet, says false and goes to Next, whose proxy renders and stores it.
 */
export function servePageFromMemory(
  req: IncomingMessage,
  res: ServerResponse,
  cache: { store: PageStore<PreparedBody>; placeholderNonce: string },
): boolean {
  if (req.method !== "GET") return false;
  const request = pageRequestFromNode(req);
  const hostHeader = req.headers.host ?? "";
  const key = request && pageCacheKey(request, hostHeader);
  const page = key ? cache.store.current(key) : null;
  if (!request || !page) return false;

  const requestId = request.header("x-request-id") ?? crypto.randomUUID();
  logger.info(
    {
      requestId,
      method: "GET",
      host: hostHeader,
      path: request.pathname,
      surface: parseHost(hostHeader, rootDomain()).kind,
      pageCache: "hit",
    },
    "request",
  );
  const nonce = newNonce();
  const { https, production } = transportSettings();
  const headers: [string, string][] = SECURITY_HEADERS.map(({ key, value }) => [key, value]);
  for (const [name, value] of page.headers) {
    headers.push([name, value.replaceAll(cache.placeholderNonce, nonce)]);
  }
  headers.push(
    ["content-security-policy", contentSecurityPolicy(nonce, { development: !production, https })],
    ["x-page-cache", "hit"],
    ["x-request-id", requestId],
  );
  if (production && https) headers.push(["strict-transport-security", HSTS]);
  if (!request.cookies.has(CART_COOKIE)) headers.push(["set-cookie", cartSetCookie(newCartToken())]);
  if (!page.headers.some(([name, value]) => name === "vary" && /accept-encoding/i.test(value))) {
    headers.push(["vary", "Accept-Encoding"]);
  }
  const gzip = acceptsGzip(request.header("accept-encoding"));
  const body = gzip ? gzipBody(page.body, nonce) : plainBody(page.body, nonce);
  if (gzip) headers.push(["content-encoding", "gzip"]);
  headers.push(["content-length", String(body.length)]);
  res.writeHead(200, headers.flat());
  res.end(body);
  return true;
}
