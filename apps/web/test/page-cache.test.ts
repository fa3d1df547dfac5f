import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pageCacheSettings } from "../src/env";
import type { IncomingMessage } from "node:http";
import {
  pageCacheKey,
  pageCookieHeader,
  pageExpiry,
  pageRequestFromNext,
  pageRequestFromNode,
} from "../src/server/page-cache/cacheable";
import { PageStore, type RenderedPage } from "../src/server/page-cache/page-store";
import { StorefrontChanges } from "../src/server/page-cache/storefront-changes";

const HOST = "greenleaf.localhost:3000";
/** A browser's page load: it asks for HTML. */
const DOCUMENT = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const request = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  pageRequestFromNext(
    new NextRequest(`http://${HOST}${path}`, { method, headers: { host: HOST, ...DOCUMENT, ...headers } }),
  );
/** The same request as Node hands it to server.ts (header names in lower case). */
const nodeRequest = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  ({ url: path, method, headers: { host: HOST, ...DOCUMENT, ...headers } }) as unknown as IncomingMessage;

/**
 * The key of a request as the proxy computes it, checked to be the one server.ts computes for the same
 * request (else a stored page would be missed, or worse, another page served).
 */
function keyOf(path: string, headers: Record<string, string> = {}, method = "GET", host = HOST) {
  const viaProxy = pageCacheKey(request(path, headers, method), host);
  const viaFrontDoor = pageCacheKey(pageRequestFromNode(nodeRequest(path, headers, method))!, host);
  expect(viaFrontDoor, path).toBe(viaProxy);
  return viaProxy;
}

describe("which storefront requests the page cache answers", () => {
  it("keys a guest's menu and product pages by host, path, query and the page cookies only", () => {
    const menu = keyOf("/?q=kush&sort=price_asc");
    expect(menu).toContain("/?q=kush&sort=price_asc");
    expect(keyOf("/p/blue-dream")).toContain("/p/blue-dream");
    // Another shopper's cart and other cookies do not make another page.
    expect(keyOf("/?q=kush&sort=price_asc", { cookie: "cs_cart=abc; theme=dark" })).toBe(menu);
    // The age gate's answer and the chosen location do.
    expect(keyOf("/?q=kush&sort=price_asc", { cookie: "age_ok=1" })).not.toBe(menu);
    expect(keyOf("/?q=kush&sort=price_asc", { cookie: "cs_loc=l1" })).not.toBe(menu);
    expect(keyOf("/?q=kush", {}, "GET", "other.localhost:3000")).not.toBe(keyOf("/?q=kush"));
  });

  it("leaves signed-in shoppers, router fetches, actions and every other page to Next", () => {
    expect(keyOf("/", { cookie: "authjs.session-token=x" })).toBeNull();
    expect(keyOf("/", { cookie: "__Secure-authjs.session-token.0=x" })).toBeNull();
    expect(keyOf("/", { rsc: "1" })).toBeNull();
    expect(keyOf("/?_rsc=abc")).toBeNull();
    expect(keyOf("/", { "next-action": "abc" })).toBeNull();
    // The router's payload fetches reach the proxy without their RSC header or `_rsc` (Next strips both): they
    // accept anything, and the browser says they are not documents.
    expect(keyOf("/", { accept: "*/*" })).toBeNull();
    expect(
      pageCacheKey(
        pageRequestFromNext(new NextRequest(`http://${HOST}/`, { headers: { host: HOST } })),
        HOST,
      ),
    ).toBeNull();
    expect(keyOf("/", { "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" })).toBeNull();
    expect(keyOf("/", { "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" })).not.toBeNull();
    // The service worker passing a page load on.
    expect(keyOf("/", { "sec-fetch-mode": "navigate", "sec-fetch-dest": "empty" })).not.toBeNull();
    expect(keyOf("/", {}, "POST")).toBeNull();
    for (const path of ["/cart", "/checkout", "/account", "/orders", "/p/a/b", "/sign-in", "/r/CODE"]) {
      expect(keyOf(path), path).toBeNull();
    }
  });

  it("renders with only the page cookies", () => {
    const header = pageCookieHeader(request("/", { cookie: "cs_cart=abc; age_ok=1; cs_loc=l1; other=x" }));
    expect(header).toBe("age_ok=1; cs_loc=l1");
    expect(pageCookieHeader(request("/", { cookie: "cs_cart=abc" }))).toBe("");
  });

  it("computes the same key in front of Next as in the proxy, for awkward addresses and cookies too", () => {
    expect(keyOf("/?q=blue%20dream&q=%E2%9C%93&sort=")).toContain("/?q=blue%20dream&q=%E2%9C%93&sort=");
    expect(keyOf("/p/caf%C3%A9-kush")).toContain("/p/caf%C3%A9-kush");
    for (const cookie of ["age_ok=1; age_ok=0", "  cs_loc = l1 ;age_ok", 'cs_loc="l%201"', "=x; ;;", ""]) {
      expect(keyOf("/", { cookie }), cookie).not.toBeNull();
    }
    expect(keyOf("/", { cookie: "age_ok=1; age_ok=0" })).toBe(keyOf("/", { cookie: "age_ok=1" }));
    // An address the URL parser would rewrite goes on to Next, which decides what it names.
    for (const path of ["/./", "/p/../p/x", "//other.example/", "/p/x/.", "/\\p"]) {
      expect(pageRequestFromNode(nodeRequest(path)), path).toBeNull();
    }
  });

  it("serves a page no longer than the minute it was rendered in", () => {
    expect(pageExpiry(Date.parse("2026-12-07T16:59:30.500Z"))).toBe(Date.parse("2026-12-07T17:00:00Z"));
    expect(pageExpiry(Date.parse("2026-12-07T17:00:00Z"))).toBe(Date.parse("2026-12-07T17:01:00Z"));
  });
});

describe("what the page cache hears of changes", () => {
  it("gives no stamp until it listens, and outdates stamps on a change to their organization only", () => {
    const changes = new StorefrontChanges();
    expect(changes.stamp("a")).toBeNull();
    changes.opened();
    const a = changes.stamp("a")!;
    const b = changes.stamp("b")!;
    changes.changed("a");
    expect(changes.isCurrent("a", a)).toBe(false);
    expect(changes.isCurrent("b", b)).toBe(true);
  });

  it("outdates every stamp when the connection drops, since notices may have been missed", () => {
    const changes = new StorefrontChanges();
    changes.opened();
    const before = changes.stamp("a")!;
    changes.lost();
    expect(changes.stamp("a")).toBeNull();
    expect(changes.isCurrent("a", before)).toBe(false);
    changes.opened();
    expect(changes.isCurrent("a", before)).toBe(false);
    expect(changes.isCurrent("a", changes.stamp("a")!)).toBe(true);
  });
});

function storeWithClock(start = Date.parse("2026-12-07T16:00:10Z")) {
  const changes = new StorefrontChanges();
  changes.opened();
  const clock = { now: start };
  const store = new PageStore(changes, () => clock.now);
  let renders = 0;
  const render = async (): Promise<RenderedPage> => {
    renders += 1;
    return { body: `<p>render ${renders}</p>`, headers: [["content-type", "text/html"]] };
  };
  return { changes, clock, store, render, renders: () => renders };
}

const org = async () => "org-1";

describe("the page store", () => {
  it("leaves a key's first request to Next and stores the page from its second on", async () => {
    const { store, render, renders } = storeWithClock();
    const lookups: string[] = [];
    const tracked = async () => {
      lookups.push("org");
      return "org-1";
    };
    expect(await store.page("once", tracked, render)).toBeNull();
    expect(await store.page("twice", tracked, render)).toBeNull();
    expect(renders()).toBe(0);
    expect(lookups).toEqual([]); // a one-off address costs no lookup either
    expect(store.size).toBe(0);
    expect((await store.page("twice", tracked, render))!.body).toBe("<p>render 1</p>");
    expect((await store.page("twice", tracked, render))!.body).toBe("<p>render 1</p>");
    expect(renders()).toBe(1);
  });

  it("serves one render until its organization changes, then renders again", async () => {
    const { changes, store, render, renders } = storeWithClock();
    expect(await store.page("k", org, render)).toBeNull();
    expect((await store.page("k", org, render))!.body).toBe("<p>render 1</p>");
    expect((await store.page("k", org, render))!.body).toBe("<p>render 1</p>");
    changes.changed("org-2");
    expect((await store.page("k", org, render))!.body).toBe("<p>render 1</p>");
    changes.changed("org-1");
    expect((await store.page("k", org, render))!.body).toBe("<p>render 2</p>");
    expect(renders()).toBe(2);
  });

  it("renders again when the minute turns over", async () => {
    const { clock, store, render } = storeWithClock(Date.parse("2026-12-07T16:59:59Z"));
    await store.page("k", org, render);
    await store.page("k", org, render);
    clock.now = Date.parse("2026-12-07T16:59:59.999Z");
    expect((await store.page("k", org, render))!.body).toBe("<p>render 1</p>");
    clock.now = Date.parse("2026-12-07T17:00:00Z");
    expect((await store.page("k", org, render))!.body).toBe("<p>render 2</p>");
  });

  it("has concurrent requests for a page wait for one render", async () => {
    const { store, render, renders } = storeWithClock();
    await store.page("k", org, render);
    const pages = await Promise.all(Array.from({ length: 20 }, () => store.page("k", org, render)));
    expect(new Set(pages.map((p) => p!.body))).toEqual(new Set(["<p>render 1</p>"]));
    expect(renders()).toBe(1);
  });

  it("gives a request that arrives after a change a fresh render, not the one started before it", async () => {
    const { changes, store } = storeWithClock();
    let release!: () => void;
    let renders = 0;
    const slowRender = async (): Promise<RenderedPage> => {
      renders += 1;
      const n = renders;
      if (n === 1) await new Promise<void>((resolve) => (release = resolve));
      return { body: `render ${n}`, headers: [] };
    };
    await store.page("k", org, slowRender);
    const first = store.page("k", org, slowRender);
    await new Promise((r) => setTimeout(r, 0));
    changes.changed("org-1");
    const second = store.page("k", org, slowRender);
    release();
    expect((await first)!.body).toBe("render 1");
    expect((await second)!.body).toBe("render 2");
  });

  it("stores nothing for a store that is not launched, a page that is not a 200, or while deaf to changes", async () => {
    const { changes, store, render, renders } = storeWithClock();
    await store.page("k", org, render);
    expect(await store.page("k", async () => null, render)).toBeNull();
    expect(await store.page("k", org, async () => null)).toBeNull();
    changes.lost();
    expect(await store.page("k", org, render)).toBeNull();
    expect(renders()).toBe(0);
    expect(store.size).toBe(0);
  });
});

describe("when the page cache is on", () => {
  afterEach(() => vi.unstubAllEnvs());
  const PG = "postgres://app@db.internal:5432/cannasaas";

  function stub(values: Record<string, string | undefined>) {
    const all = {
      NODE_ENV: "production",
      DATABASE_URL: PG,
      PORT: "3000",
      PAGE_CACHE: "",
      PAGE_CACHE_ORIGIN: "",
      VERCEL: "",
    };
    for (const [name, value] of Object.entries({ ...all, ...values })) vi.stubEnv(name, value ?? "");
  }

  it("is on for a production server on PostgreSQL, rendering through loopback on its own port", () => {
    stub({});
    expect(pageCacheSettings()).toEqual({ databaseUrl: PG, origin: "http://127.0.0.1:3000" });
    stub({ PAGE_CACHE_ORIGIN: "http://10.0.0.5:8080/" });
    expect(pageCacheSettings()?.origin).toBe("http://10.0.0.5:8080");
  });

  it("is off in development, on the embedded database, when turned off, and on Vercel without an origin", () => {
    stub({ NODE_ENV: "development" });
    expect(pageCacheSettings()).toBeNull();
    stub({ DATABASE_URL: "" });
    expect(pageCacheSettings()).toBeNull();
    stub({ PAGE_CACHE: "off" });
    expect(pageCacheSettings()).toBeNull();
    stub({ VERCEL: "1" });
    expect(pageCacheSettings()).toBeNull();
  });

  it("renders on the port the server listens on, 3000 unless PORT says otherwise", () => {
    stub({ PORT: "" });
    expect(pageCacheSettings()?.origin).toBe("http://127.0.0.1:3000");
    stub({ PORT: "4100" });
    expect(pageCacheSettings()?.origin).toBe("http://127.0.0.1:4100");
    stub({ PORT: "http" });
    expect(() => pageCacheSettings()).toThrow(/PORT must be a port number/);
  });
});
