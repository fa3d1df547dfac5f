import { runInNewContext } from "node:vm";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { proxy } from "../src/proxy";

vi.hoisted(() => {
  process.env.ROOT_DOMAIN = "cannasaas.test";
  process.env.AUTH_SECRET = "pwa-routes-test-secret-pwa-routes-test";
});

// Which store a host is (and its branding) is not under test here: a fixed tenant stands in for the lookup.
vi.mock("~/server/tenant", () => ({
  tenantForHost: async (key: string) =>
    key === "greenleaf"
      ? {
          id: "org-greenleaf",
          slug: key,
          name: "Greenleaf Dispensary",
          branding: { primaryColor: "#7a1f5c", accentColor: "#f2b705", tagline: null },
        }
      : null,
}));

const { GET: manifest } = await import("../src/app/(storefront)/s/[tenant]/manifest.webmanifest/route");
const { GET: worker } = await import("../src/app/(storefront)/s/[tenant]/sw.js/route");

const get = (tenant: string) =>
  [
    new NextRequest(`http://${tenant}.cannasaas.test/x`, { headers: { host: `${tenant}.cannasaas.test` } }),
    { params: Promise.resolve({ tenant }) },
  ] as const;

describe("storefront PWA files on a store's host", () => {
  it("rewrites /manifest.webmanifest, /sw.js and the icons into the store's tree", async () => {
    for (const file of ["/manifest.webmanifest", "/sw.js", "/icon-192.png", "/icon-512.png"]) {
      const request = new NextRequest(`http://greenleaf.cannasaas.test${file}`, {
        headers: { host: "greenleaf.cannasaas.test" },
      });
      const rewrite = (await proxy(request)).headers.get("x-middleware-rewrite");
      expect(new URL(rewrite!).pathname).toBe(`/s/greenleaf${file}`);
    }
  });

  it("serves the store's manifest: its name, colour, start on the menu, standalone, with install icons", async () => {
    const response = await manifest(...get("greenleaf"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/manifest+json");
    const body = (await response.json()) as Record<string, unknown> & { icons: { sizes: string }[] };
    expect(body).toMatchObject({
      name: "Greenleaf Dispensary",
      short_name: "Greenleaf",
      start_url: "/",
      scope: "/",
      display: "standalone",
      theme_color: "#7a1f5c",
    });
    expect(body.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  });

  it("404s the manifest and the worker of an unknown store", async () => {
    expect((await manifest(...get("nobody"))).status).toBe(404);
    expect((await worker(...get("nobody"))).status).toBe(404);
  });

  it("serves the worker as uncached JavaScript allowed the whole storefront as its scope", async () => {
    const response = await worker(...get("greenleaf"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("service-worker-allowed")).toBe("/");
    expect(await response.text()).toContain('const STORE_NAME = "Greenleaf Dispensary";');
  });
});

/** The worker run against an in-memory Cache Storage and a network that is up or down. */
async function workerSandbox() {
  const script = await (await worker(...get("greenleaf"))).text();
  const stores = new Map<string, Map<string, Response>>();
  const open = async (name: string) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const store = stores.get(name)!;
    const key = (r: Request | string) =>
      typeof r === "string" ? r : new URL(r.url).pathname + new URL(r.url).search;
    return {
      put: async (r: Request | string, response: Response) => void store.set(key(r), response),
      match: async (r: Request | string) => store.get(key(r))?.clone(),
      addAll: async () => undefined,
    };
  };
  const caches = {
    open,
    keys: async () => [...stores.keys()],
    delete: async (name: string) => stores.delete(name),
    match: async (r: Request) => {
      for (const name of stores.keys()) {
        const hit = await (await open(name)).match(r);
        if (hit) return hit;
      }
      return undefined;
    },
  };
  const listeners: Record<string, (event: unknown) => void> = {};
  const network = { up: true, served: [] as string[] };
  const self = {
    location: { origin: "https://greenleaf.cannasaas.test" },
    addEventListener: (type: string, listener: (event: unknown) => void) => (listeners[type] = listener),
    skipWaiting: async () => undefined,
    clients: {
      claim: async () => undefined,
      matchAll: async () => [],
      openWindow: async (url: string) => void opened.push(url),
    },
  };
  const opened: string[] = [];
  const fetch = async (request: Request) => {
    if (!network.up) throw new TypeError("Failed to fetch");
    network.served.push(new URL(request.url).pathname);
    return new Response(`<html>page ${new URL(request.url).pathname}</html>`, {
      headers: { "content-type": "text/html" },
    });
  };
  runInNewContext(script, { self, caches, fetch, Request, Response, Headers, URL, Promise, Date });

  /** A navigation to `path`: the response the worker gives, after its background saving settled. */
  async function navigate(path: string) {
    let answer: Promise<Response> | undefined;
    const pending: Promise<unknown>[] = [];
    const request = new Request(`https://greenleaf.cannasaas.test${path}`);
    Object.defineProperty(request, "mode", { value: "navigate" });
    listeners.fetch!({
      request,
      respondWith: (r: Promise<Response>) => (answer = r),
      waitUntil: (p: Promise<unknown>) => pending.push(p),
    });
    const response = await answer!;
    await Promise.all(pending);
    return response;
  }
  /** A tap on a notification whose data carries `url`: what the worker opens, if anything. */
  async function tap(url: string) {
    const pending: Promise<unknown>[] = [];
    listeners.notificationclick!({
      notification: { close: () => undefined, data: { url } },
      waitUntil: (p: Promise<unknown>) => pending.push(p),
    });
    await Promise.all(pending);
    return opened.splice(0);
  }
  return { navigate, network, stores, tap };
}

describe("the storefront's service worker", () => {
  it("saves the menu with its time, and serves it offline for the menu and pages never saved", async () => {
    const sw = await workerSandbox();
    expect(await (await sw.navigate("/?category=flower")).text()).toBe("<html>page /</html>");
    sw.network.up = false;
    const offline = await sw.navigate("/?category=flower");
    expect(await offline.text()).toBe("<html>page /</html>");
    expect(Date.parse(offline.headers.get("x-offline-saved-at")!)).not.toBeNaN();
    expect(await (await sw.navigate("/checkout")).text()).toBe("<html>page /</html>");
  });

  it("never saves cart, checkout, account or order pages", async () => {
    const sw = await workerSandbox();
    for (const path of ["/cart", "/checkout", "/account", "/orders/1", "/sign-in"]) await sw.navigate(path);
    expect(sw.network.served).toHaveLength(5);
    const saved = [...sw.stores.values()].flatMap((store) => [...store.keys()]);
    expect(saved).toEqual([]);
    sw.network.up = false;
    const response = await sw.navigate("/cart");
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("You are offline");
  });

  it("opens this store's pages and the platform's tracked click links from a notification, nothing else", async () => {
    const sw = await workerSandbox();
    expect(await sw.tap("/orders/1")).toEqual(["https://greenleaf.cannasaas.test/orders/1"]);
    const tracked = "https://cannasaas.test/api/marketing/click/abc.def";
    expect(await sw.tap(tracked)).toEqual([tracked]);
    expect(await sw.tap("https://elsewhere.test/phish")).toEqual([]);
    expect(await sw.tap("http://cannasaas.test/api/marketing/click/abc.def")).toEqual([]);
  });
});
