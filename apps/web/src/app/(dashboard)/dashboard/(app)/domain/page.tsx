import type { Metadata } from "next";
import { env } from "~/env";
import { UpgradePrompt } from "~/components/billing/upgrade-prompt";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { DomainForm } from "./domain-form";
import { DomainStatus } from "./domain-status";

export const metadata: Metadata = { title: "Custom domain" };

/** Serving the storefront on the dispensary's own domain: an Enterprise feature. */
export default async function CustomDomainPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  const api = await serverApi();
  const [{ features }, organization] = await Promise.all([api.billing.features(), api.customDomain.get()]);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Custom domain</h1>
      <p className="max-w-2xl text-stone-700">
        Shoppers reach your storefront at {organization.slug}.{env().ROOT_DOMAIN}. With a custom domain they
        can use your own address instead.
      </p>
      {features.includes("custom_domain") ? (
        <>
          <DomainForm current={organization.customDomain} rootDomain={env().ROOT_DOMAIN} />
          {organization.customDomain ? (
            <DomainStatus
              domain={organization.customDomain}
              verification={organization.verification}
              timeZone={organization.timeZone}
            />
          ) : null}
        </>
      ) : (
        <UpgradePrompt feature="custom_domain" />
      )}
    </div>
  );
}
