import type { Metadata } from "next";
import { Suspense } from "react";
import { redirect } from "next/navigation";
import { can, ROLE_LABELS, STAFF_ROLES } from "@cannasaas/auth/rbac";
import { storefrontUrl } from "@cannasaas/core/hosts";
import { Card, EmptyState } from "@cannasaas/ui/card";
import { DataTable } from "@cannasaas/ui/data-table";
import { env } from "~/env";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { LowStockOverview, SalesOverview, SectionSkeleton } from "./home-sections";

export const metadata: Metadata = { title: "Home" };

const planLabel = { starter: "Starter", professional: "Professional", enterprise: "Enterprise" } as const;

export default async function DashboardHome({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { active } = await dashboardSession();
  if (!active) return null; // the layout explains that the user has no organization yet
  const days = (await searchParams).days === "30" ? 30 : 14;
  const { organization, locations, team } = await (await serverApi()).organization.overview();
  // A store that has not launched yet: those who can set it up continue the wizard where they left it.
  if (!organization.launchedAt && can(active.role, "organization.update")) redirect("/dashboard/onboarding");
  return (
    <div className="flex flex-col gap-6">
      <Card as="section" className="rounded-2xl p-5">
        <h1 className="text-2xl font-bold">{organization.name}</h1>
        <p className="text-stone-700">
          {organization.legalName ?? organization.name} · License {organization.licenseNumber ?? "not set"} (
          {organization.licenseType ?? "type not set"}) · {organization.state}
        </p>
        <p className="mt-2 text-sm text-stone-600">
          Plan: {planLabel[organization.plan]} ({organization.subscriptionStatus}) ·{" "}
          {organization.launchedAt ? (
            <a
              href={storefrontUrl(organization.slug, env().ROOT_DOMAIN)}
              className="font-medium text-brand underline underline-offset-4"
            >
              Storefront live at {organization.slug}.{env().ROOT_DOMAIN}
            </a>
          ) : (
            "Storefront not launched yet"
          )}
        </p>
      </Card>

      {can(active.role, "reports.read") ? (
        <Suspense fallback={<SectionSkeleton label="today's sales" />}>
          <SalesOverview days={days} />
        </Suspense>
      ) : null}
      {can(active.role, "catalog.read") ? (
        <Suspense fallback={<SectionSkeleton label="low stock" />}>
          <LowStockOverview />
        </Suspense>
      ) : null}

      <section aria-labelledby="locations-heading" className="flex flex-col gap-3">
        <h2 id="locations-heading" className="text-lg font-semibold">
          Locations ({locations.length})
        </h2>
        {locations.length === 0 ? (
          <EmptyState>No locations yet.</EmptyState>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {locations.map((l) => (
              <Card as="li" key={l.id}>
                <p className="font-semibold">{l.name}</p>
                <p className="text-sm text-stone-700">{l.address}</p>
                <p className="mt-1 text-xs text-stone-600">
                  {[l.pickupEnabled ? "Pickup" : null, l.deliveryEnabled ? "Delivery" : null]
                    .filter(Boolean)
                    .join(" · ") || "No fulfilment enabled"}
                  {l.metrcLicenseNumber ? ` · METRC ${l.metrcLicenseNumber}` : ""} · {l.timeZone}
                </p>
              </Card>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="team-heading" className="flex flex-col gap-3">
        <h2 id="team-heading" className="text-lg font-semibold">
          Team ({team.length})
        </h2>
        <DataTable
          caption="Team members"
          columns={[
            { id: "name", header: "Name", sortable: true },
            { id: "email", header: "Email", sortable: true },
            { id: "role", header: "Role", sortable: true },
          ]}
          rows={team.map((member) => ({
            key: member.userId,
            cells: {
              name: member.name ?? "—",
              email: member.email,
              role: ROLE_LABELS[member.role],
            },
            // Sort by rank rather than by the label, so owners come first.
            sort: { name: member.name, role: STAFF_ROLES.indexOf(member.role) },
          }))}
          empty="No team members yet."
        />
      </section>
    </div>
  );
}
