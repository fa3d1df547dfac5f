"use client";
import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

export type SharingState = "off" | "waiting" | "sharing" | "denied" | "unavailable" | "unsupported";

/** At most one report per delivery this often; the newest position is sent when the interval ends. */
const MIN_INTERVAL_MS = 5_000;

/**
 * Watches the device's position while the driver has active deliveries and reports it for each of them.
 * Stops watching (and sharing) as soon as there are none.
 */
const noSubscription = () => () => undefined;
const hasGeolocation = () => "geolocation" in navigator;

export function usePositionSharing(deliveryIds: string[]) {
  const trpc = useTRPC();
  const report = useMutation(trpc.deliveries.reportPosition.mutationOptions());
  const { mutate } = report;
  // What the watch last reported, for the set of deliveries it was started for.
  const [watched, setWatched] = useState<{ key: string; state: SharingState } | null>(null);
  const key = deliveryIds.join(",");
  // Assumed on the server, so the first client render matches the server's HTML.
  const supported = useSyncExternalStore(noSubscription, hasGeolocation, () => true);

  useEffect(() => {
    if (!key || !supported) return;
    const ids = key.split(",");
    let lastSent = 0;
    let latest: GeolocationPosition | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (!latest) return;
      lastSent = Date.now();
      const { latitude, longitude, accuracy } = latest.coords;
      latest = null;
      for (const deliveryId of ids) mutate({ deliveryId, latitude, longitude, accuracyM: accuracy });
    };
    const watch = navigator.geolocation.watchPosition(
      (position) => {
        setWatched({ key, state: "sharing" });
        latest = position;
        const wait = lastSent + MIN_INTERVAL_MS - Date.now();
        if (wait <= 0) flush();
        else timer ??= setTimeout(flush, wait);
      },
      (error) =>
        setWatched({ key, state: error.code === error.PERMISSION_DENIED ? "denied" : "unavailable" }),
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
    );
    return () => {
      navigator.geolocation.clearWatch(watch);
      if (timer) clearTimeout(timer);
    };
  }, [key, supported, mutate]);

  /** Reports the current position at once, e.g. with each step, whatever the last report's age. */
  const reportNow = useCallback(() => {
    if (!key || !supported) return;
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        for (const deliveryId of key.split(","))
          mutate({
            deliveryId,
            latitude: coords.latitude,
            longitude: coords.longitude,
            accuracyM: coords.accuracy,
          });
      },
      () => undefined,
      { enableHighAccuracy: true, maximumAge: 0, timeout: 15_000 },
    );
  }, [key, supported, mutate]);

  const state: SharingState = !key
    ? "off"
    : !supported
      ? "unsupported"
      : watched?.key === key
        ? watched.state
        : "waiting";
  return { state, reportNow, error: report.error ? describeError(report.error).message : null };
}

export const SHARING_MESSAGES: Record<SharingState, string> = {
  off: "Location is not shared: you have no active deliveries.",
  waiting: "Finding your location…",
  sharing: "Sharing your location with dispatch and the customer while you deliver.",
  denied:
    "Location permission is off, so dispatch and the customer cannot see where you are. Allow location for this site in your browser settings. You can still update each delivery.",
  unavailable:
    "Your location is unavailable right now (no GPS signal?). It will be shared when it comes back.",
  unsupported: "This browser cannot share your location. You can still update each delivery.",
};
