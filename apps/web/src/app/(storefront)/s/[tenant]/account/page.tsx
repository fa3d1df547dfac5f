import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DELETE_CONFIRMATION_PHRASE, US_TIME_ZONES } from "@cannasaas/core";
import { currentUser } from "~/server/request";
import { serverApi } from "~/server/trpc";
import { storefrontTenant } from "~/server/tenant";
import { AddressesSection } from "./addresses-section";
import { DataSection } from "./data-section";
import { DocumentsSection } from "./documents-section";
import { ProfileSection } from "./profile-section";
import { loadLoyalty } from "./load-loyalty";
import { LoyaltySection } from "./loyalty-section";
import { NotificationsSection } from "./notifications-section";
import { SavedSection } from "./saved-section";
import { SignOutButtons } from "./sign-out-buttons";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await storefrontTenant((await params).tenant);
  if (!(await currentUser())) redirect("/sign-in");
  const profile = await (await serverApi()).shopperAccount.profile();
  const loyalty = await loadLoyalty();
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">My account</h1>
        <div className="flex flex-wrap justify-end gap-2">
          <SignOutButtons />
        </div>
      </div>
      <p className="text-sm text-stone-700">
        Customer at {tenant.name}
        {profile.isMedicalPatient ? " · registered medical patient" : ""}
      </p>
      <Link
        href="/orders"
        className="flex min-h-11 items-center justify-between rounded-xl bg-white p-5 font-semibold shadow-sm hover:ring-2 hover:ring-brand/30"
      >
        My orders <span aria-hidden>→</span>
      </Link>
      {loyalty ? (
        <LoyaltySection
          summary={loyalty.summary}
          timeZone={tenant.timeZone}
          referralUrl={loyalty.referralUrl}
        />
      ) : null}
      <SavedSection items={await (await serverApi()).wishlist.list()} />
      <ProfileSection
        profile={profile}
        storeName={tenant.name}
        zones={{ choices: Object.entries(US_TIME_ZONES), store: tenant.timeZone }}
      />
      <NotificationsSection storeName={tenant.name} />
      <AddressesSection />
      <DocumentsSection medicalEnabled={tenant.medicalEnabled} />
      <DataSection storeName={tenant.name} phrase={DELETE_CONFIRMATION_PHRASE} />
    </div>
  );
}
