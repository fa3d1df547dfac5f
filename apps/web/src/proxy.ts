import { NextResponse, type NextRequest } from "next/server";
import { parseHost } from "@cannasaas/core/hosts";
import { logger } from "@cannasaas/integrations/logger";
import { rootDomain, transportSettings } from "~/env";
import { CART_COOKIE, cartCookieOptions, newCartToken } from "~/server/cart-cookie";
import { contentSecurityPolicy, HSTS, newNonce } from "~/server/security-headers";
import {
  cachedStorefrontPage,
  cacheRenderNonce,
  FILL_HEADER,
  usesPageCache,
} from "~/server/page-cache/serve";

/** Paths served identically on every host (robots.txt and sitemap.xml are per storefront, so not here). */
const SHARED_PREFIXES = ["/api/", "/_next/", "/favicon", "/fonts/"];

function withRequestId(request: NextRequest) {
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  return { requestId, headers };
}

function finish(response: NextResponse, requestId: string, csp?: string) {
  response.headers.set("x-request-id", requestId);
  const transport = transportSettings();
  if (transport.production && transport.https) response.headers.set("strict-transport-security", HSTS);
  if (csp) response.headers.set("content-security-policy", csp);
  return response;
}

/**
 * A fresh nonce and policy per page request (or the page cache's placeholder nonce, for the page cache's own
 * renders), handed to Next on the forwarded request so its scripts get it.
 */
function withCsp(headers: Headers, nonce = newNonce()) {
  const { https, production } = transportSettings();
  const csp = contentSecurityPolicy(nonce, { development: !production, https });
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  return { nonce, csp };
}

/**
 * Chooses the surface from the Host header: a tenant subdomain (or custom domain) is rewritten to its storefront
 * under /s/[tenant], the root domain serves the platform pages and /dashboard.
 */
function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * The longest query string served. No page or API needs more (the tRPC client splits batches well below it);
 * longer ones are refused before any parsing, rather than reaching a route that would choke on them.
 */
export const MAX_QUERY_STRING_LENGTH = 8192;

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { requestId, headers } = withRequestId(request);
  const { pathname, search } = request.nextUrl;
  const host = parseHost(request.headers.get("host"), rootDomain());
  logger.info(
    {
      requestId,
      method: request.method,
      host: request.headers.get("host"),
      path: pathname,
      surface: host.kind,
    },
    "request",
  );

  // Next's router decodes dynamic segments and answers 500 on bytes that are not UTF-8 (%ED%A0%80, a lone
  // surrogate): refuse such a path here, with a message, before it gets there.
  if (!isDecodablePath(pathname)) {
    return finish(
      NextResponse.json(
        { error: { code: "invalid_request", message: "The path is not correctly encoded." } },
        { status: 400 },
      ),
      requestId,
    );
  }

  if (search.length > MAX_QUERY_STRING_LENGTH) {
    return finish(
      NextResponse.json(
        {
          error: {
            code: "uri_too_long",
            message: `The address is too long: its query string is over ${MAX_QUERY_STRING_LENGTH / 1024} KB. Shorten the search or choose fewer filters.`,
          },
        },
        { status: 414 },
      ),
      requestId,
    );
  }

  if (SHARED_PREFIXES.some((p) => pathname.startsWith(p))) {
    return finish(NextResponse.next({ request: { headers } }), requestId);
  }

  if (host.kind === "invalid") {
    return finish(
      new NextResponse(`Bad request: ${host.reason}\n`, {
        status: 400,
        headers: { "content-type": "text/plain" },
      }),
      requestId,
    );
  }

  // The page cache's own render: a guest's page with the placeholder nonce, no cart cookie, never from the cache.
  const cacheRender = cacheRenderNonce(request);
  headers.delete(FILL_HEADER);
  const { nonce, csp } = withCsp(headers, cacheRender ?? undefined);
  if (host.kind === "platform") {
    // /s/... on the platform host is refused by the storefront layout, which checks the host itself.
    return finish(NextResponse.next({ request: { headers } }), requestId, csp);
  }

  const newCartToken = cacheRender ? null : ensureCartCookie(request, headers);
  // Reserved subdomains are never tenants: they get the storefront 404 under an impossible tenant key.
  const tenantKey =
    host.kind === "tenant" ? host.slug : host.kind === "custom-domain" ? host.domain : "_reserved";
  const hostHeader = request.headers.get("host") ?? "";
  if (!cacheRender && host.kind !== "reserved" && usesPageCache(request, hostHeader)) {
    return cachedStorefrontPage(request, { host: hostHeader, tenantKey, nonce }).then((cached) =>
      withCartCookie(
        finish(cached ?? rewriteToStorefront(request, tenantKey, headers), requestId, csp),
        newCartToken,
      ),
    );
  }
  return withCartCookie(
    finish(rewriteToStorefront(request, tenantKey, headers), requestId, csp),
    newCartToken,
  );
}

/** The request, rewritten to the storefront routes under /s/[tenant], with the forwarded `headers`. */
function rewriteToStorefront(request: NextRequest, tenantKey: string, headers: Headers) {
  const { pathname, search } = request.nextUrl;
  const url = request.nextUrl.clone();
  url.pathname = `/s/${encodeURIComponent(tenantKey)}${pathname === "/" ? "" : pathname}`;
  url.search = search;
  return NextResponse.rewrite(url, { request: { headers } });
}

function withCartCookie(response: NextResponse, token: string | null) {
  if (token) response.cookies.set(CART_COOKIE, token, cartCookieOptions());
  return response;
}

/**
 * Gives every storefront visitor a guest-cart token on first contact (a host-only, httpOnly cookie), added to
 * the forwarded request too so the very first page already has it.
 */
function ensureCartCookie(request: NextRequest, headers: Headers): string | null {
  if (request.cookies.get(CART_COOKIE)) return null;
  const token = newCartToken();
  const cookie = headers.get("cookie");
  headers.set("cookie", `${cookie ? `${cookie}; ` : ""}${CART_COOKIE}=${token}`);
  return token;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
