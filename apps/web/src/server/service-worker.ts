import { createHash } from "node:crypto";
import { LAST_MENU_KEY, OFFLINE_SAVED_AT_HEADER } from "~/lib/offline-cache";

/**
 * The storefront's service worker, written by hand: @serwist/next builds its worker with webpack and this app
 * builds with Turbopack, and the worker needs little: keep the last menu for offline viewing, and show pushes.
 *
 * Network first for pages, so online shoppers always see the live menu and stock. Only menu pages (the home
 * page with its filters, product pages) are saved, stamped with when; cart, checkout, account, orders,
 * sign-in, the API and the app's data requests are never stored. Offline, a page comes from its saved copy, or
 * the last menu; the OfflineNotice component reads the stamp and tells the shopper how old it is.
 * The cache names carry a hash of this script, so a new worker deletes the old caches when it activates.
 */
const SOURCE = String.raw`
const PREFIX = "storefront-";
const STATIC_CACHE = PREFIX + "static-" + VERSION;
const PAGES_CACHE = PREFIX + "pages-" + VERSION;
const SHELL = ["/manifest.webmanifest", "/icon.svg", "/icon-192.png"];

const isMenuPage = (url) => url.pathname === "/" || /^\/p\/[^/]+$/.test(url.pathname);
const isShell = (url) => url.pathname.startsWith("/_next/static/") || SHELL.includes(url.pathname);
const isDataRequest = (request, url) => request.headers.has("RSC") || url.searchParams.has("_rsc");

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(STATIC_CACHE)
      .then((cache) => cache.addAll(SHELL))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith(PREFIX) && key !== STATIC_CACHE && key !== PAGES_CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

async function savePage(url, response) {
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT_HEADER, new Date().toISOString());
  // Saved under the address alone: the page's Vary (RSC and router headers) must not hide it from a lookup.
  headers.delete("vary");
  const copy = new Response(await response.blob(), { status: response.status, headers });
  const cache = await caches.open(PAGES_CACHE);
  await cache.put(url.pathname + url.search, copy.clone());
  await cache.put(LAST_MENU, copy);
}

const offlinePage = () =>
  new Response(
    "<!doctype html><meta charset=utf-8><meta name=viewport content='width=device-width'><title>Offline</title>" +
      "<main style='font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem'>" +
      "<h1>You are offline</h1><p>The menu has not been saved on this device yet. Connect to the internet and " +
      "open the menu once; after that it can be viewed offline.</p></main>",
    { status: 503, headers: { "content-type": "text/html; charset=utf-8" } },
  );

async function page(event, url) {
  try {
    const response = await fetch(event.request);
    if (response.ok && isMenuPage(url)) event.waitUntil(savePage(url, response.clone()));
    return response;
  } catch {
    const cache = await caches.open(PAGES_CACHE);
    return (
      (isMenuPage(url) && (await cache.match(url.pathname + url.search))) ||
      (await cache.match(LAST_MENU)) ||
      offlinePage()
    );
  }
}

async function shell(event) {
  try {
    const response = await fetch(event.request);
    if (response.ok) {
      const copy = response.clone();
      event.waitUntil(caches.open(STATIC_CACHE).then((cache) => cache.put(event.request, copy)));
    }
    return response;
  } catch (error) {
    const saved = await caches.match(event.request);
    if (saved) return saved;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isDataRequest(request, url)) return;
  if (request.mode === "navigate") event.respondWith(page(event, url));
  else if (isShell(url)) event.respondWith(shell(event));
});

self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(
    self.registration.showNotification(message.title || STORE_NAME, {
      body: message.body || "",
      tag: message.tag,
      icon: "/icon-192.png",
      data: { url: message.url || (message.orderId ? "/orders/" + message.orderId : "/") },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  // Pages of this store only; a marketing push opens through the platform's signed click link, which counts
  // the tap and redirects to the storefront address its signature covers.
  const trackedClick = target.protocol === "https:" && target.pathname.startsWith("/api/marketing/click/");
  if (target.origin !== self.location.origin && !trackedClick) return;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url === target.href);
      return open ? open.focus() : self.clients.openWindow(target.href);
    }),
  );
});
`;

/** Changes whenever the script does, so each deployment of a new worker clears the caches of the old one. */
export const SERVICE_WORKER_VERSION = createHash("sha256").update(SOURCE).digest("hex").slice(0, 12);

/** The worker for one store: its name for notifications that arrive without a title. */
export function serviceWorkerScript(storeName: string) {
  return [
    `const VERSION = ${JSON.stringify(SERVICE_WORKER_VERSION)};`,
    `const STORE_NAME = ${JSON.stringify(storeName).replace(/</g, "\\u003c")};`,
    `const LAST_MENU = ${JSON.stringify(LAST_MENU_KEY)};`,
    `const SAVED_AT_HEADER = ${JSON.stringify(OFFLINE_SAVED_AT_HEADER)};`,
    SOURCE,
  ].join("\n");
}
