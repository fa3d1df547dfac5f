import type { Metadata } from "next";
import Link from "next/link";
import { can, ROLE_LABELS, STAFF_ROLES } from "@cannasaas/auth/rbac";
import { ONBOARDING_STEPS, US_STATES, US_TIME_ZONES, type OnboardingStep } from "@cannasaas/core";
import { storefrontUrl } from "@cannasaas/core/hosts";
import { Card } from "@cannasaas/ui/card";
import { env } from "~/env";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { BrandingStep } from "./steps/branding-step";
import { BusinessStep } from "./steps/business-step";
import { ComplianceStep } from "./steps/compliance-step";
import { LocationsStep } from "./steps/locations-step";
import { PaymentsStep } from "./steps/payments-step";
import { ProductsStep } from "./steps/products-step";
import { ReviewStep } from "./steps/review-step";
import { StaffStep } from "./steps/staff-step";

export const metadata: Metadata = { title: "Set up your dispensary" };

export default async function OnboardingPage({ searchParams }: { searchParams: Promise<{ step?: string }> }) {
  const { active } = await dashboardSession();
  if (!active) return null;
  const api = await serverApi();
  const [state, overview] = await Promise.all([api.onboarding.state(), api.organization.overview()]);
  const requested = (await searchParams).step;
  const step: OnboardingStep = (ONBOARDING_STEPS as readonly string[]).includes(requested ?? "")
    ? (requested as OnboardingStep)
    : state.currentStep;
  const org = state.organization;
  const editable = can(active.role, "organization.update");
  const index = ONBOARDING_STEPS.indexOf(step);

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">{org.launchedAt ? "Store settings" : `Set up ${org.name}`}</h1>
        <p className="text-stone-700">
          {org.launchedAt ? (
            <>
              Your storefront is live at{" "}
              <a className="text-brand underline" href={storefrontUrl(org.slug, env().ROOT_DOMAIN)}>
                {org.slug}.{env().ROOT_DOMAIN}
              </a>
              . You can still change these settings.
            </>
          ) : (
            "Your progress is saved after each step; come back any time to carry on where you left off."
          )}
        </p>
      </div>
      <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
        <nav aria-label="Setup steps">
          <ol className="flex gap-1 overflow-x-auto md:flex-col">
            {state.steps.map((s, i) => (
              <li key={s.id}>
                <Link
                  href={`/dashboard/onboarding?step=${s.id}`}
                  aria-current={s.id === step ? "step" : undefined}
                  className="flex min-h-11 items-center gap-2 whitespace-nowrap rounded-lg px-3 text-sm text-stone-700 hover:bg-stone-100 aria-[current=step]:bg-white aria-[current=step]:font-semibold aria-[current=step]:text-brand aria-[current=step]:shadow-sm"
                >
                  <span
                    aria-hidden
                    className={`inline-flex size-6 items-center justify-center rounded-full text-xs ${s.complete ? "bg-emerald-600 text-white" : "bg-stone-200"}`}
                  >
                    {s.complete ? "✓" : i + 1}
                  </span>
                  {s.label}
                  <span className="sr-only">{s.complete ? "(done)" : "(to do)"}</span>
                </Link>
              </li>
            ))}
          </ol>
        </nav>
        <Card as="section" aria-labelledby="step-heading" className="rounded-2xl p-5">
          <p className="text-sm text-stone-600">
            Step {index + 1} of {ONBOARDING_STEPS.length}
          </p>
          <h2 id="step-heading" className="mb-4 text-xl font-semibold">
            {state.steps[index]!.label}
          </h2>
          {!editable ? (
            <p className="text-stone-700">
              Only an owner or admin can change these settings. Your role: {ROLE_LABELS[active.role]}.
            </p>
          ) : step === "business" ? (
            <BusinessStep
              initial={org}
              states={Object.entries(US_STATES)}
              timeZones={Object.entries(US_TIME_ZONES)}
              launched={Boolean(org.launchedAt)}
            />
          ) : step === "branding" ? (
            <BrandingStep initial={org.branding} />
          ) : step === "locations" ? (
            <LocationsStep
              locations={overview.locations.map((l) => ({
                id: l.id,
                name: l.name,
                address: l.address,
                state: l.state,
                medicalEndorsed: l.medicalEndorsed,
              }))}
              launched={Boolean(org.launchedAt)}
              plan={org.plan}
            />
          ) : step === "payments" ? (
            <PaymentsStep initial={org.paymentMethods} />
          ) : step === "products" ? (
            <ProductsStep productCount={state.counts.productCount} />
          ) : step === "staff" ? (
            <StaffStep
              roles={STAFF_ROLES.filter((r) => r !== "owner").map((r) => ({
                value: r,
                label: ROLE_LABELS[r],
              }))}
              memberCount={state.counts.memberCount}
              pendingInvites={state.counts.pendingInvites}
            />
          ) : step === "compliance" ? (
            <ComplianceStep initial={org.compliance} limits={state.stateLimits} state={org.state} />
          ) : (
            <ReviewStep
              missing={state.missing}
              launched={Boolean(org.launchedAt)}
              storefront={storefrontUrl(org.slug, env().ROOT_DOMAIN)}
            />
          )}
        </Card>
      </div>
    </div>
  );
}
