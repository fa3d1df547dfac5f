import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { parseHost } from "@cannasaas/core";
import { env } from "~/env";
import { TrpcReactProvider } from "~/lib/trpc/client";

export const metadata: Metadata = { title: { default: "Dashboard", template: "%s · CannaSaaS dashboard" } };

/** The dashboard lives on the platform domain only; the proxy never routes tenant hosts here. */
export default async function DashboardRoot({ children }: { children: ReactNode }) {
  const h = await headers();
  if (parseHost(h.get("host"), env().ROOT_DOMAIN).kind !== "platform") notFound();
  return <TrpcReactProvider>{children}</TrpcReactProvider>;
}
