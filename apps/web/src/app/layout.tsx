import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "CannaSaaS", template: "%s · CannaSaaS" },
  description: "Online menus, order-ahead and compliance for licensed cannabis dispensaries.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1f7a4d" };

/**
 * Reads the request's CSP nonce: that makes every page render per request, which nonces require (a page
 * rendered at build time would carry scripts without this request's nonce, and the policy would block them).
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await headers();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
