import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { LRUCache } from "lru-cache";
import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@cannasaas/db/client";
import { launchedTenantIdUncached } from "@cannasaas/core/tenants";
import { logger } from "@cannasaas/integrations/logger";
import { pageCacheSettings } from "~/env";
import { pageCacheKey, pageCookieHeader, pageExpiry, pageRequestFromNext } from "./cacheable";
import { servePageFromMemory } from "./front-door";
import { openFrontDoor } from "./front-door-slot";
import { plainBody, prepareBody, type PreparedBody } from "./page-body";
import { PageStore, type RenderedPage, type StoredPage } from "./page-store";
import { listenForStorefrontChanges, StorefrontChanges, type ChangeStamp } from "./storefront-changes";

/** Marks the server's own request for a page to cache; its value is a secret of this process. */
export const FILL_HEADER = "x-page-cache-fill";
/** The headers of a rendered page that are served with it; the rest (cookies above all) are per request. */
const KEPT_HEADERS = ["content-type", "cache-control", "vary", "link"];
const RENDER_TIMEOUT_MS = 15_000;

type Runtime = {
  changes: StorefrontChanges;
  store: PageStore<PreparedBody>;
  /** Which organization a route key serves, kept until a change to that organization or the minute's end. */
  tenants: LRUCache<string, { id: string; stamp: ChangeStamp; expiresAt: number }>;
  /** What a cache render carries in FILL_HEADER. */
  fillSecret: string;
  /** The nonce a cache render is given; each response gets its own in its place. Hex, so no escaping alters it. */
  placeholderNonce: string;
};

const processWide = globalThis as unknown as { __cannasaasPageCache?: Runtime };

/** The process's page cache, listening for changes from its first use. */
function runtime(databaseUrl: string): Runtime {
  if (!processWide.__cannasaasPageCache) {
    const changes = new StorefrontChanges();
    listenForStorefrontChanges(databaseUrl, changes);
    const cache: Runtime = {
      changes,
      store: new PageStore<PreparedBody>(changes, Date.now, undefined, (body) => body.size),
      tenants: new LRUCache({ max: 10_000 }),
      fillSecret: randomBytes(24).toString("hex"),
      placeholderNonce: randomBytes(16).toString("hex"),
    };
    processWide.__cannasaasPageCache = cache;
    // Under server.ts, stored pages are served before Next sees the request.
    openFrontDoor((req, res) => {
      try {
        return servePageFromMemory(req, res, cache);
      } catch (error) {
        logger.warn({ err: error, path: req.url }, "page cache front door failed");
        // Before anything was written Next can still answer; after, the response is beyond repair.
        if (!res.headersSent) return false;
        res.destroy();
        return true;
      }
    });
  }
  return processWide.__cannasaasPageCache;
}

/**
 * The placeholder nonce when `request` is this server asking for a page to cache (it then renders as usual,
 * with that nonce and none of the shopper's state), else null.
 */
export function cacheRenderNonce(request: NextRequest): string | null {
  const claimed = request.headers.get(FILL_HEADER);
  const cache = processWide.__cannasaasPageCache;
  if (!claimed || !cache) return null;
  const expected = Buffer.from(cache.fillSecret);
  const given = Buffer.from(claimed);
  return given.length === expected.length && timingSafeEqual(given, expected) ? cache.placeholderNonce : null;
}

/** Whether this request may be answered from the page cache (setting on, a guest's menu or product page). */
export function usesPageCache(request: NextRequest, host: string): boolean {
  return pageCacheSettings() !== null && pageCacheKey(pageRequestFromNext(request), host) !== null;
}

/**
 * A guest's menu or product page from the cache, rendered first if it is not there, with `nonce` in place of
 * the placeholder. Null when the cache cannot answer (the proxy then has Next render the page as usual).
 */
export async function cachedStorefrontPage(
  request: NextRequest,
  target: { host: string; tenantKey: string; nonce: string },
): Promise<NextResponse | null> {
  const settings = pageCacheSettings();
  const key = pageCacheKey(pageRequestFromNext(request), target.host);
  if (!settings || !key) return null;
  // The cache only saves work: whatever goes wrong in it, the page is rendered as if it were not there.
  try {
    const cache = runtime(settings.databaseUrl);
    let servedFresh = false;
    const page = await cache.store.page(
      key,
      () => organizationFor(cache, target.tenantKey),
      async () => {
        servedFresh = true;
        const rendered = await renderForCache(settings.origin, request, target.host, cache.fillSecret);
        if (!rendered) return null;
        // Rendered by another process (PAGE_CACHE_ORIGIN reaching another instance), the page would carry a
        // nonce no response of ours names, and its scripts would be blocked: such a page is not kept.
        if (!rendered.body.includes(cache.placeholderNonce)) {
          logger.warn({ origin: settings.origin }, "PAGE_CACHE_ORIGIN answered from another process");
          return null;
        }
        return { headers: rendered.headers, body: prepareBody(rendered.body, cache.placeholderNonce) };
      },
    );
    return page ? respond(page, cache.placeholderNonce, target.nonce, servedFresh) : null;
  } catch (error) {
    logger.warn({ err: error, path: request.nextUrl.pathname }, "page cache failed; rendering directly");
    return null;
  }
}

/** The launched organization `tenantKey` serves, from the database unless known since its last change. */
async function organizationFor(cache: Runtime, tenantKey: string): Promise<string | null> {
  const known = cache.tenants.get(tenantKey);
  if (known && Date.now() < known.expiresAt && cache.changes.isCurrent(known.id, known.stamp))
    return known.id;
  const expiresAt = pageExpiry(Date.now());
  const id = await launchedTenantIdUncached((await getDatabase()).db, tenantKey);
  const stamp = id ? cache.changes.stamp(id) : null;
  if (id && stamp) cache.tenants.set(tenantKey, { id, stamp, expiresAt });
  return id;
}

function respond(page: StoredPage<PreparedBody>, placeholder: string, nonce: string, rendered: boolean) {
  const headers = new Headers();
  for (const [name, value] of page.headers) headers.set(name, value.replaceAll(placeholder, nonce));
  headers.set("x-page-cache", rendered ? "miss" : "hit");
  return new NextResponse(new Uint8Array(plainBody(page.body, nonce)), { status: 200, headers });
}

/** The page as this server renders it for a guest with only the page cookies; null unless a 200 HTML page. */
function renderForCache(
  origin: string,
  request: NextRequest,
  host: string,
  fillSecret: string,
): Promise<RenderedPage | null> {
  const { pathname, search } = request.nextUrl;
  const url = new URL(`${pathname}${search}`, origin);
  const cookie = pageCookieHeader(pageRequestFromNext(request));
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      {
        headers: { host, accept: "text/html", [FILL_HEADER]: fillSecret, ...(cookie ? { cookie } : {}) },
        timeout: RENDER_TIMEOUT_MS,
      },
      (res) => {
        const type = res.headers["content-type"] ?? "";
        if (res.statusCode !== 200 || !type.startsWith("text/html")) {
          res.resume();
          resolve(null);
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const headers = KEPT_HEADERS.flatMap((name): [string, string][] => {
            const value = res.headers[name];
            return value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]];
          });
          resolve({ body: Buffer.concat(chunks).toString("utf8"), headers });
        });
      },
    );
    req.on("timeout", () =>
      req.destroy(new Error(`Rendering ${pathname} took over ${RENDER_TIMEOUT_MS} ms.`)),
    );
    req.on("error", reject);
  });
}
