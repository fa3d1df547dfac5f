"use client";
import { useEffect, useState, useSyncExternalStore } from "react";
import { LAST_MENU_KEY, OFFLINE_SAVED_AT_HEADER } from "~/lib/offline-cache";

/** When the page on screen was saved by the service worker: its own copy's stamp, else the last menu's. */
async function savedAt(): Promise<Date | null> {
  if (!("caches" in window)) return null;
  const saved =
    (await caches.match(location.pathname + location.search)) ?? (await caches.match(LAST_MENU_KEY));
  const stamp = saved?.headers.get(OFFLINE_SAVED_AT_HEADER);
  return stamp ? new Date(stamp) : null;
}

function onConnectivityChange(changed: () => void) {
  window.addEventListener("online", changed);
  window.addEventListener("offline", changed);
  return () => {
    window.removeEventListener("online", changed);
    window.removeEventListener("offline", changed);
  };
}

/**
 * Tells a shopper who has lost the connection that what they see is the saved menu, and from when, so nobody
 * takes an old price or stock level for a live one. Shown while the browser reports being offline.
 */
export function OfflineNotice() {
  // Online on the server and at hydration; the browser's own answer after that.
  const offline = useSyncExternalStore(
    onConnectivityChange,
    () => !navigator.onLine,
    () => false,
  );
  const [asOf, setAsOf] = useState<Date | null>(null);

  useEffect(() => {
    if (offline) void savedAt().then(setAsOf, () => setAsOf(null));
  }, [offline]);

  if (!offline) return null;
  const when = asOf
    ? asOf.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
    : "the last time it was opened on this device";
  return (
    <div
      role="status"
      className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
    >
      You are offline: this is the menu as of {when}. Prices and stock may have changed; ordering needs a
      connection.
    </div>
  );
}
