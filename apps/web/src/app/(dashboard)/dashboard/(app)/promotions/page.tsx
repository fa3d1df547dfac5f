import type { Metadata } from "next";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { PageHeader } from "@cannasaas/ui/page-header";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { PromotionsManager } from "./promotions-manager";

export const metadata: Metadata = { title: "Promotions" };

export default async function PromotionsPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "promotions.manage")) {
    return <Notice tone="error">Only managers, admins and owners can manage promotions.</Notice>;
  }
  const api = await serverApi();
  const [list, options] = await Promise.all([api.promotions.list(), api.promotions.formOptions()]);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title="Promotions"
        description={
          <>
            Deals run on the menu, the cart and checkout at once, on your store&apos;s clock ({list.timeZone}
            ). &ldquo;Live now&rdquo; is what a shopper gets at this moment.
          </>
        }
      />
      <PromotionsManager promotions={list.promotions} timeZone={list.timeZone} options={options} />
    </div>
  );
}
