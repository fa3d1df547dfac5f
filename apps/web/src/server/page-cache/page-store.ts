import { LRUCache } from "lru-cache";
import { pageExpiry } from "./cacheable";
import type { ChangeStamp, StorefrontChanges } from "./storefront-changes";

/**
 * A page as rendered for the cache: its HTML (with the placeholder nonce; as text, or as the server keeps it
 * to serve) and the headers served with it.
 */
export type RenderedPage<Body = string> = { body: Body; headers: [string, string][] };

export type StoredPage<Body = string> = RenderedPage<Body> & {
  organizationId: string;
  stamp: ChangeStamp;
  expiresAt: number;
};

/** Pages kept per process, bounded by size (a menu page is about 80 KB); the least recently served go first. */
const MAX_BYTES = 64 * 1024 * 1024;
/**
 * Keys asked for once, remembered until a second request: at most this many, and this many bytes of key (an
 * address may carry 8 KB of query string, so a flood of long made-up ones must not grow the set without end).
 */
const MAX_SEEN = 20_000;
const MAX_SEEN_BYTES = 4 * 1024 * 1024;

/**
 * Rendered storefront pages, each served again while nothing it shows has changed: no change to its
 * organization's storefront data was heard since its render began, and the minute it was rendered in has not
 * ended. Concurrent requests for a page being rendered wait for that render instead of starting their own.
 *
 * A page is stored from its second request on: the first is left to Next's own render (rendering for the
 * cache costs a loopback request on top), so a one-off address, such as a new search or a flood of made-up
 * query strings, costs what it did without the cache and takes no memory.
 */
export class PageStore<Body = string> {
  private readonly pages: LRUCache<string, StoredPage<Body>>;
  private readonly rendering = new Map<string, Promise<StoredPage<Body> | null>>();
  private readonly seen = new LRUCache<string, true>({
    max: MAX_SEEN,
    maxSize: MAX_SEEN_BYTES,
    sizeCalculation: (_, key) => key.length,
  });

  constructor(
    private readonly changes: StorefrontChanges,
    private readonly now: () => number = Date.now,
    maxBytes = MAX_BYTES,
    /** Bytes a body holds (a string's UTF-16 by default). */
    bodySize: (body: Body) => number = (body) => String(body).length * 2,
  ) {
    this.pages = new LRUCache({
      maxSize: maxBytes,
      sizeCalculation: (page, key) => bodySize(page.body) + key.length * 2 + 1024,
    });
  }

  private isCurrent(page: StoredPage<Body>) {
    return this.now() < page.expiresAt && this.changes.isCurrent(page.organizationId, page.stamp);
  }

  /** The page under `key` if it is stored and current; never renders, never counts as a request. */
  current(key: string): StoredPage<Body> | null {
    const stored = this.pages.get(key);
    return stored && this.isCurrent(stored) ? stored : null;
  }

  /**
   * The page under `key`: the stored one while current, else rendered now (and stored). Null when it is not
   * served from here: the key's first request, `organizationId` finds no launched store, changes cannot be
   * heard, or `render` gives null (a page that is not a plain 200).
   */
  async page(
    key: string,
    organizationId: () => Promise<string | null>,
    render: () => Promise<RenderedPage<Body> | null>,
  ): Promise<StoredPage<Body> | null> {
    const stored = this.pages.get(key);
    if (stored && this.isCurrent(stored)) return stored;
    if (!stored && !this.seen.has(key)) {
      this.seen.set(key, true);
      return null;
    }
    const pending = this.rendering.get(key);
    if (pending) {
      const joined = await pending;
      // Something changed while it rendered: this request came after the change, so it gets a fresh render.
      if (!joined || this.isCurrent(joined)) return joined;
      return this.renderAndStore(key, organizationId, render);
    }
    const rendering = this.renderAndStore(key, organizationId, render).finally(() =>
      this.rendering.delete(key),
    );
    this.rendering.set(key, rendering);
    return rendering;
  }

  private async renderAndStore(
    key: string,
    organizationId: () => Promise<string | null>,
    render: () => Promise<RenderedPage<Body> | null>,
  ): Promise<StoredPage<Body> | null> {
    const orgId = await organizationId();
    if (!orgId) return null;
    // Taken before the render reads anything, so a change committed during the render outdates the page.
    const stamp = this.changes.stamp(orgId);
    if (!stamp) return null;
    const renderedAt = this.now();
    const rendered = await render();
    if (!rendered) return null;
    const page = { ...rendered, organizationId: orgId, stamp, expiresAt: pageExpiry(renderedAt) };
    this.pages.set(key, page);
    return page;
  }

  get size() {
    return this.pages.size;
  }
}
