"use client";

/**
 * First-party storefront analytics: a random id per browser tab (sessionStorage, never a cookie, never tied to
 * an account), the event type, the page path and, for product events, the product. Sent with
 * `navigator.sendBeacon` to this storefront's own `/events`, so no third party sees anything.
 */
export type StorefrontEventType =
  "page_view" | "product_view" | "add_to_cart" | "checkout_started" | "order_placed";

const KEY = "cannasaas-analytics-session";

function sessionId(): string | null {
  try {
    let id = sessionStorage.getItem(KEY);
    if (!id) {
      id = crypto.randomUUID();
      sessionStorage.setItem(KEY, id);
    }
    return id;
  } catch {
    return null; // storage disabled: no id, no event
  }
}

export function track(type: StorefrontEventType, productId?: string) {
  const id = sessionId();
  if (!id || typeof navigator.sendBeacon !== "function") return;
  const body = JSON.stringify({ events: [{ type, sessionId: id, path: location.pathname, productId }] });
  navigator.sendBeacon("/events", new Blob([body], { type: "application/json" }));
}
