"use client";
import { useEffect } from "react";

/** Registers the storefront's service worker (served per store at /sw.js) once the page has loaded. */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Without a worker the storefront works as before, only not offline; nothing to tell the shopper.
    });
  }, []);
  return null;
}
