"use client";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { track, type StorefrontEventType } from "~/lib/analytics/beacon";

/** Sends one event when the page it sits on is shown (page views: on every path change). Renders nothing. */
export function TrackEvent({ type, productId }: { type: StorefrontEventType; productId?: string }) {
  const pathname = usePathname();
  useEffect(() => {
    track(type, productId);
  }, [type, productId, pathname]);
  return null;
}
