import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import { CartLink } from "~/components/cart/cart-link";
import { TrpcReactProvider } from "~/lib/trpc/client";
import { currentUser } from "~/server/request";
import { storefrontTenant } from "~/server/tenant";
import { AGE_COOKIE } from "~/lib/age";
import { TrackEvent } from "~/components/analytics/track-event";
import { AssistantPanel } from "~/components/assistant/assistant-panel";
import { OfflineNotice } from "~/components/pwa/offline-notice";
import { ServiceWorkerRegistration } from "~/components/pwa/service-worker-registration";
import { SignedInProvider } from "~/components/session/signed-in";
import { iconColour } from "~/lib/brand-icon";
import { AgeGate } from "./age-gate";

type Props = { children: ReactNode; params: Promise<{ tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tenant = await storefrontTenant((await params).tenant);
  return {
    title: { default: `${tenant.name} · Order ahead`, template: `%s · ${tenant.name}` },
    description: tenant.branding.tagline ?? `Browse ${tenant.name}'s live menu and order ahead for pickup.`,
    // The store's own favicon when it uploaded one, else its initial on its brand colour.
    icons: {
      icon: tenant.branding.faviconUrl
        ? [{ url: tenant.branding.faviconUrl }]
        : [{ url: "/icon.svg", type: "image/svg+xml" }],
      apple: [{ url: "/apple-touch-icon.png", sizes: "180x180", type: "image/png" }],
    },
    // Per store, served on its own host: installable as its own app.
    manifest: "/manifest.webmanifest",
  };
}

export async function generateViewport({ params }: Props): Promise<Viewport> {
  const tenant = await storefrontTenant((await params).tenant);
  return { themeColor: iconColour(tenant.branding.primaryColor) };
}

export default async function StorefrontLayout({ children, params }: Props) {
  const tenant = await storefrontTenant((await params).tenant);
  const [jar, user] = await Promise.all([cookies(), currentUser()]);
  const style = {
    "--brand": tenant.branding.primaryColor,
    "--brand-accent": tenant.branding.accentColor,
  } as CSSProperties;
  return (
    // A bar pinned to the bottom on phones (`data-phone-bar`) gets room below the footer to scroll clear of it.
    <div style={style} className="group/store flex min-h-dvh flex-col max-sm:has-[[data-phone-bar]]:pb-20">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
      >
        Skip to menu
      </a>
      <TrackEvent type="page_view" />
      <ServiceWorkerRegistration />
      <TrpcReactProvider>
        <header className="bg-brand text-white">
          <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
            <Link href="/" className="text-lg font-bold tracking-tight">
              {tenant.name}
            </Link>
            <nav aria-label="Account" className="flex items-center gap-3 text-sm font-medium">
              <CartLink />
              {user ? (
                <Link href="/account" className="rounded-md px-2 py-1 hover:bg-black/15">
                  My account
                </Link>
              ) : (
                <>
                  <Link href="/sign-in" className="rounded-md px-2 py-1 hover:bg-black/15">
                    Sign in
                  </Link>
                  {/* An outline, not a translucent fill: white on a lightened brand colour falls below 4.5:1. */}
                  <Link
                    href="/sign-up"
                    className="rounded-md border border-white px-3 py-1 hover:bg-black/15"
                  >
                    Create account
                  </Link>
                </>
              )}
            </nav>
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
          <OfflineNotice />
          <SignedInProvider signedIn={user !== null}>{children}</SignedInProvider>
        </main>
        <AssistantPanel storeName={tenant.name} />
      </TrpcReactProvider>
      <footer className="border-t border-stone-200 bg-white text-xs text-stone-600">
        <div className="mx-auto max-w-6xl px-4 py-4">
          For use only by adults 21 and older{tenant.medicalEnabled ? " or registered medical patients" : ""}.
          Keep out of reach of children. Licensed in {tenant.state}.
        </div>
      </footer>
      {/* Rendered only when it will ask: a returning shopper's pages then load no dialog code for it. */}
      {jar.get(AGE_COOKIE)?.value === "1" ? null : (
        <AgeGate storeName={tenant.name} medicalEnabled={tenant.medicalEnabled} />
      )}
    </div>
  );
}
