import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "CannaSaaS", template: "%s · CannaSaaS" },
  description: "Online menus, order-ahead and compliance for licensed cannabis dispensaries.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1f7a4d" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
