"use client";
import dynamic from "next/dynamic";

// Its own chunk (the dialog library and the UI kit's buttons): fetched only by a page that asks, which is a
// shopper's first visit. The dialog renders in a portal, which has nothing to show before the browser runs it,
// so the server's HTML loses nothing by leaving it out.
const AgeGateDialog = dynamic(() => import("./age-gate-dialog"), { ssr: false });

/**
 * Asked once per browser per storefront; the answer lives in a host-only cookie for 30 days. The layout renders
 * it only while that cookie is missing, so a returning shopper's pages never load it.
 */
export function AgeGate(props: { storeName: string; medicalEnabled: boolean }) {
  return <AgeGateDialog {...props} />;
}
