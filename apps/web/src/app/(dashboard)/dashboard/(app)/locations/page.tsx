import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { locationSettingsFormValues } from "@cannasaas/validators/forms";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { LocationSettingsForm } from "./location-settings-form";

export const metadata: Metadata = { title: "Locations" };

/** Each location's address, hours, pickup and delivery, lead times, delivery zones and local tax rates. */
export default async function LocationsPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "locations.manage")) {
    return <Notice tone="error">Your role ({active.role}) cannot change locations.</Notice>;
  }
  const locations = await (await serverApi()).locations.list();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Locations</h1>
        <p className="mt-1 max-w-2xl text-stone-700">
          Hours and lead times set the pickup times and delivery windows shoppers can choose. The address is
          placed on the map for radius delivery zones. Local tax rates are laid over your state&apos;s rules;
          leave one empty to use the state&apos;s default.
        </p>
      </div>
      {locations.length === 0 ? (
        <p className="rounded-xl bg-white p-6 text-stone-700">
          No locations yet. Add your first one in{" "}
          <Link href="/dashboard/onboarding" className="underline">
            Setup
          </Link>
          .
        </p>
      ) : (
        locations.map((l) => (
          <section
            key={l.id}
            aria-labelledby={`location-${l.id}`}
            className="rounded-2xl border border-stone-200 bg-white p-5"
            data-testid="location-settings"
          >
            <h2 id={`location-${l.id}`} className="text-lg font-semibold">
              {l.name}
            </h2>
            <p className="text-sm text-stone-600" data-testid="coordinates">
              {l.latitude !== null && l.longitude !== null
                ? `On the map at ${l.latitude.toFixed(4)}, ${l.longitude.toFixed(4)} · ${l.timeZone}`
                : `Not placed on the map yet: radius zones cannot match until the address is found · ${l.timeZone}`}
            </p>
            <LocationSettingsForm locationId={l.id} state={l.state} initial={locationSettingsFormValues(l)} />
          </section>
        ))
      )}
    </div>
  );
}
