"use client";
import { useEffect, useState } from "react";
import { LAST_MENU_KEY, OFFLINE_SAVED_AT_HEADER } from "~/lib/offline-cache";

/** When the page on screen was saved by the service worker: its own copy's stamp, else the last menu's. */
async function savedAt(): Promise<Date | null> {
  if (!("caches" in window)) return null;
  const saved =
    (await caches.match(location.pathname + location.search)) ?? (await caches.match(LAST_MENU_KEY));
  const stamp = saved?.headers.get(OFFLINE_SAVED_AT_HEADER);
  return stamp ? new Date(stamp) : null;
}

/**
 * Tells a shopper who has lost the connection that what they see is the saved menu, and from when, so nobody
 * takes an old price or stock level for a live one. Shown while the browser reports being offline.
 */
export function OfflineNotice() {
  const [offline, setOffline] = useState(false);
  const [asOf, setAsOf] = useState<Date | null>(null);

  useEffect(() => {
    const update = () => {
      const now = !navigator.onLine;
      setOffline(now);
      if (now) void savedAt().then(setAsOf, () => setAsOf(null));
    };
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);

  if (!offline) return null;
  const when = asOf
    ? asOf.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
    : "the last time it was opened on this device";
  return (
    <div role="status" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      You are offline: this is the menu as of {when}. Prices and stock may have changed; ordering needs a
      connection.
    </div>
  );
}
