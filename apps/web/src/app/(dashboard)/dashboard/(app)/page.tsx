import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { can, ROLE_LABELS } from "@cannasaas/auth/rbac";
import { storefrontUrl } from "@cannasaas/core/hosts";
import { env } from "~/env";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "Home" };

const planLabel = { starter: "Starter", professional: "Professional", enterprise: "Enterprise" } as const;

export default async function DashboardHome() {
  const { active } = await dashboardSession();
  if (!active) return null; // the layout explains that the user has no organization yet
  const { organization, locations, team } = await (await serverApi()).organization.overview();
  // A store that has not launched yet: those who can set it up continue the wizard where they left it.
  if (!organization.launchedAt && can(active.role, "organization.update")) redirect("/dashboard/onboarding");
  return (
    <div className="flex flex-col gap-6">
      <section className="rounded-2xl border border-stone-200 bg-white p-5 shadow-sm">
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
      </section>

      <section aria-labelledby="locations-heading" className="flex flex-col gap-3">
        <h2 id="locations-heading" className="text-lg font-semibold">
          Locations ({locations.length})
        </h2>
        {locations.length === 0 ? (
          <p className="rounded-xl bg-white p-5 text-stone-700">No locations yet.</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {locations.map((l) => (
              <li key={l.id} className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
                <p className="font-semibold">{l.name}</p>
                <p className="text-sm text-stone-700">{l.address}</p>
                <p className="mt-1 text-xs text-stone-600">
                  {[l.pickupEnabled ? "Pickup" : null, l.deliveryEnabled ? "Delivery" : null]
                    .filter(Boolean)
                    .join(" · ") || "No fulfilment enabled"}
                  {l.metrcLicenseNumber ? ` · METRC ${l.metrcLicenseNumber}` : ""} · {l.timeZone}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="team-heading" className="flex flex-col gap-3">
        <h2 id="team-heading" className="text-lg font-semibold">
          Team ({team.length})
        </h2>
        <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-50 text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Email
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Role
                </th>
              </tr>
            </thead>
            <tbody>
              {team.map((member) => (
                <tr key={member.userId} className="border-t border-stone-100">
                  <td className="px-4 py-2">{member.name ?? "—"}</td>
                  <td className="px-4 py-2">{member.email}</td>
                  <td className="px-4 py-2">{ROLE_LABELS[member.role]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
