import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pageCacheKey, pageRequestFromNode } from "../src/server/page-cache/cacheable";
import { servePageFromMemory } from "../src/server/page-cache/front-door";
import {
  acceptsGzip,
  gzipBody,
  plainBody,
  prepareBody,
  type PreparedBody,
} from "../src/server/page-cache/page-body";
import { PageStore } from "../src/server/page-cache/page-store";
import { StorefrontChanges } from "../src/server/page-cache/storefront-changes";
import { SECURITY_HEADERS } from "../src/server/security-headers";

const PLACEHOLDER = "0123456789abcdef0123456789abcdef";

/** The nonce a response's policy names. */
const nonceOf = (headers: http.IncomingHttpHeaders) =>
  /'nonce-([^']+)'/.exec(String(headers["content-security-policy"]))![1]!;

describe("a cached page's body with each response's nonce", () => {
  const pages = [
    `<script nonce="${PLACEHOLDER}">1</script><p>héllo ✓</p><script nonce="${PLACEHOLDER}">2</script>`,
    `${PLACEHOLDER}${PLACEHOLDER}`,
    "no nonce at all",
    "",
    `<div>${"menu card ".repeat(4000)}</div><script nonce="${PLACEHOLDER}">x</script>`.repeat(5),
  ];

  it("is the page with the nonce in place, plain and gzipped, for any nonce", () => {
    for (const html of pages) {
      const body = prepareBody(html, PLACEHOLDER);
      for (const nonce of ["AbC+/d0123456789xyzQ==", "n"]) {
        const expected = html.replaceAll(PLACEHOLDER, nonce);
        expect(plainBody(body, nonce).toString("utf8")).toBe(expected);
        expect(gunzipSync(gzipBody(body, nonce)).toString("utf8")).toBe(expected);
      }
    }
  });

  it("is compressed: the gzipped page is a fraction of the page", () => {
    const html = pages[4]!;
    expect(gzipBody(prepareBody(html, PLACEHOLDER), "nonce").length).toBeLessThan(html.length / 10);
  });

  it("is gzipped only for clients that take gzip", () => {
    expect(acceptsGzip("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsGzip("br;q=1, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip;q=0.000, br")).toBe(false);
    expect(acceptsGzip("br, deflate")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe("the page cache's front door", () => {
  const HOST = "greenleaf.localhost:3000";
  const ACCEPT = "text/html,application/xhtml+xml";
  const html = `<html><script nonce="${PLACEHOLDER}">go()</script><h1>Menu</h1></html>`;
  const changes = new StorefrontChanges();
  const store = new PageStore<PreparedBody>(changes, Date.now, undefined, (b) => b.size);
  let server: http.Server;
  let port = 0;
  const handedToNext: string[] = [];

  beforeAll(async () => {
    changes.opened();
    // A stored page, as the proxy leaves it: seen once, then rendered on the second request.
    const key = pageCacheKey(pageRequestFromNode(fakeRequest("/?q=kush"))!, HOST)!;
    const render = async () => ({
      body: prepareBody(html, PLACEHOLDER),
      headers: [
        ["content-type", "text/html; charset=utf-8"],
        ["vary", "rsc, Accept-Encoding"],
        ["link", `</a.css>; rel=preload; nonce="${PLACEHOLDER}"`],
      ] as [string, string][],
    });
    await store.page(key, async () => "org-1", render);
    await store.page(key, async () => "org-1", render);
    server = http.createServer((req, res) => {
      if (servePageFromMemory(req, res, { store, placeholderNonce: PLACEHOLDER })) return;
      handedToNext.push(req.url ?? "");
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function fakeRequest(url: string) {
    return { url, method: "GET", headers: { host: HOST, accept: ACCEPT } } as unknown as http.IncomingMessage;
  }

  function get(path: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        http
          .get({ port, path, headers: { host: HOST, accept: ACCEPT, ...headers } }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
            );
          })
          .on("error", reject);
      },
    );
  }

  it("answers a stored page with a fresh nonce in the page, its Link header and its policy", async () => {
    const first = await get("/?q=kush");
    const second = await get("/?q=kush");
    expect(first.status).toBe(200);
    expect(first.headers["x-page-cache"]).toBe("hit");
    const nonce = nonceOf(first.headers);
    expect(first.body.toString()).toBe(html.replaceAll(PLACEHOLDER, nonce));
    expect(first.headers.link).toBe(`</a.css>; rel=preload; nonce="${nonce}"`);
    expect(first.body.toString()).not.toContain(PLACEHOLDER);
    expect(second.headers["content-security-policy"]).not.toBe(first.headers["content-security-policy"]);
    expect(Number(first.headers["content-length"])).toBe(first.body.length);
    for (const { key, value } of SECURITY_HEADERS) expect(first.headers[key.toLowerCase()]).toBe(value);
    expect(first.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(handedToNext).toEqual([]);
  });

  it("gives a first-time visitor a cart cookie, and a returning one none", async () => {
    const guest = await get("/?q=kush");
    expect(guest.headers["set-cookie"]?.[0]).toMatch(
      /^cs_cart=[\w-]{32}; Path=\/; Expires=[^;]+; Max-Age=2592000; HttpOnly; SameSite=lax$/,
    );
    const returning = await get("/?q=kush", { cookie: "cs_cart=abc; age_ok=" });
    expect(returning.headers["x-page-cache"]).toBe("hit");
    expect(returning.headers["set-cookie"]).toBeUndefined();
  });

  it("gzips for clients that take it", async () => {
    const zipped = await get("/?q=kush", { "accept-encoding": "gzip, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    const nonce = nonceOf(zipped.headers);
    expect(gunzipSync(zipped.body).toString()).toBe(html.replaceAll(PLACEHOLDER, nonce));
    expect(zipped.headers.vary).toBe("rsc, Accept-Encoding");
  });

  it("leaves to Next what it does not hold: other pages, signed-in shoppers, router fetches, other cookies", async () => {
    handedToNext.length = 0;
    await get("/?q=blue");
    await get("/?q=kush", { cookie: "authjs.session-token=x" });
    await get("/?q=kush", { accept: "*/*" });
    await get("/?q=kush", { cookie: "age_ok=1" });
    await get("/?q=kush", { host: "other.localhost:3000" });
    await get("/./?q=kush");
    expect(handedToNext).toEqual(["/?q=blue", "/?q=kush", "/?q=kush", "/?q=kush", "/?q=kush", "/./?q=kush"]);
  });

  it("stops serving a page once its store changes, and leaves the next request to Next", async () => {
    handedToNext.length = 0;
    expect((await get("/?q=kush")).headers["x-page-cache"]).toBe("hit");
    changes.changed("org-1");
    expect((await get("/?q=kush")).status).toBe(204);
    expect(handedToNext).toEqual(["/?q=kush"]);
  });

  it("sends HSTS in production on https, as the proxy does", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("PUBLIC_SCHEME", "https");
    try {
      changes.opened();
      const key = pageCacheKey(pageRequestFromNode(fakeRequest("/p/x"))!, HOST)!;
      const render = async () => ({ body: prepareBody(html, PLACEHOLDER), headers: [] });
      await store.page(key, async () => "org-2", render);
      await store.page(key, async () => "org-2", render);
      const page = await get("/p/x");
      expect(page.headers["strict-transport-security"]).toMatch(/^max-age=\d+; includeSubDomains$/);
      expect(page.headers["set-cookie"]?.[0]).toContain("; Secure;");
      expect(page.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
