import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { PageHeader } from "@cannasaas/ui/page-header";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { ApiKeysSection } from "./api-keys-section";
import { DeliveryLog } from "./delivery-log";
import { WebhooksSection } from "./webhooks-section";

export const metadata: Metadata = { title: "Developers" };

export default async function DevelopersPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "integrations.manage")) {
    return <Notice tone="error">Only owners and admins can manage API keys and webhooks.</Notice>;
  }
  const api = await serverApi();
  const [keys, endpoints, deliveries] = await Promise.all([
    api.integrations.listApiKeys(),
    api.integrations.listWebhookEndpoints(),
    api.integrations.listWebhookDeliveries({ limit: 50 }),
  ]);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title="Developers"
        description={
          <>
            Connect a point of sale, delivery platform or your own tools. Read the{" "}
            <Link href="/docs/api" className="font-medium text-brand underline">
              API reference
            </Link>
            .
          </>
        }
      />
      <ApiKeysSection keys={keys} timeZone={active.timeZone} />
      <WebhooksSection endpoints={endpoints} />
      <DeliveryLog deliveries={deliveries} timeZone={active.timeZone} />
    </div>
  );
}
