import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { locations, type DeliveryZone } from "@cannasaas/db/schema";
import { createGeocoder, type Geocoder } from "@cannasaas/integrations/geocoder";
import type { LocationSettingsInput } from "@cannasaas/validators";
import { invalidateMenu } from "../catalog/menu-cache";
import type { DbOrTx } from "@cannasaas/db/client";
import { onHandle, type CoreDeps, type ReadStep } from "../deps";
import { DomainError } from "../errors";

type Deps = Pick<CoreDeps, "db" | "kv" | "geocoder">;

/** A store's locations with every setting the dashboard edits, in name order. */
export function listLocationSettings(db: CoreDeps["db"], organizationId: string) {
  return db
    .select({
      id: locations.id,
      slug: locations.slug,
      name: locations.name,
      addressLine1: locations.addressLine1,
      city: locations.city,
      state: locations.state,
      postalCode: locations.postalCode,
      phone: locations.phone,
      latitude: locations.latitude,
      longitude: locations.longitude,
      timeZone: locations.timeZone,
      hours: locations.hours,
      closedDays: locations.closedDays,
      pickupEnabled: locations.pickupEnabled,
      deliveryEnabled: locations.deliveryEnabled,
      pickupLeadMinutes: locations.pickupLeadMinutes,
      deliveryLeadMinutes: locations.deliveryLeadMinutes,
      deliveryZones: locations.deliveryZones,
      taxRates: locations.taxRates,
    })
    .from(locations)
    .where(eq(locations.organizationId, organizationId))
    .orderBy(asc(locations.name), asc(locations.id));
}

/** Coordinates for a location's address, or nulls when the geocoder cannot place it. */
export async function locateAddress(
  geocoder: Geocoder,
  address: { addressLine1: string; city: string; state: string; postalCode: string },
) {
  const found = await geocoder.geocode(address);
  return { latitude: found?.latitude ?? null, longitude: found?.longitude ?? null };
}

export type Coordinates = { latitude: number | null; longitude: number | null };

const sameRow = (organizationId: string, locationId: string) =>
  and(eq(locations.id, locationId), eq(locations.organizationId, organizationId));

/**
 * Where a location's new settings put it on the map: through the geocoder (ZIP centroids unless a street-level
 * service is configured) whenever the address changed or has no coordinates yet, else the coordinates it has.
 * The row is read through `read`, and the geocoder is called with no transaction open. Radius zones are
 * refused for an address that cannot be placed, since they would never match.
 */
export async function locateLocationSettings(
  deps: Pick<CoreDeps, "geocoder"> & { read: ReadStep },
  organizationId: string,
  locationId: string,
  input: LocationSettingsInput,
): Promise<Coordinates> {
  const current = await deps.read(async (db) => {
    const [row] = await db.select().from(locations).where(sameRow(organizationId, locationId));
    return row;
  });
  if (!current) throw new DomainError("NOT_FOUND", "That location does not exist.");
  const moved =
    current.addressLine1 !== input.addressLine1 ||
    current.city !== input.city ||
    current.postalCode !== input.postalCode;
  const coordinates =
    moved || current.latitude === null || current.longitude === null
      ? await locateAddress(deps.geocoder ?? createGeocoder(), { ...input, state: current.state })
      : { latitude: current.latitude, longitude: current.longitude };
  if (coordinates.latitude === null && input.deliveryZones.some((z) => z.kind === "radius")) {
    throw new DomainError(
      "BAD_REQUEST",
      `We could not find ${input.postalCode} in ${current.state} on the map, so a radius zone could not match any address. Check the ZIP code, or list ZIP codes instead.`,
      { fieldErrors: { postalCode: "Check this ZIP code." } },
    );
  }
  return coordinates;
}

/**
 * Writes a location's settings at the coordinates `locateLocationSettings` found for them. Returns the row
 * before and after for the audit trail. The menu's `locations` tag is not renewed here: see
 * `updateLocationSettings`, or renew it once the write has committed.
 */
export async function saveLocationSettings(
  db: DbOrTx,
  organizationId: string,
  locationId: string,
  input: LocationSettingsInput,
  coordinates: Coordinates,
) {
  const [current] = await db
    .select()
    .from(locations)
    .where(sameRow(organizationId, locationId))
    .for("update");
  if (!current) throw new DomainError("NOT_FOUND", "That location does not exist.");
  const deliveryZones: DeliveryZone[] = input.deliveryZones.map((zone) => ({
    ...zone,
    id: zone.id ?? randomUUID(),
  }));
  const [after] = await db
    .update(locations)
    .set({
      name: input.name,
      addressLine1: input.addressLine1,
      city: input.city,
      postalCode: input.postalCode,
      phone: input.phone,
      hours: input.hours,
      // Omitted (an older client): the closures stay as they are.
      ...(input.closedDays ? { closedDays: input.closedDays } : {}),
      pickupEnabled: input.pickupEnabled,
      deliveryEnabled: input.deliveryEnabled,
      pickupLeadMinutes: input.pickupLeadMinutes,
      deliveryLeadMinutes: input.deliveryLeadMinutes,
      deliveryZones,
      taxRates: input.taxRates,
      ...coordinates,
    })
    .where(sameRow(organizationId, locationId))
    .returning();
  return { before: current, after: after! };
}

/**
 * Saves a location's settings on one handle (see locateLocationSettings and saveLocationSettings) and renews
 * the menu's `locations` tag so hours and stock-by-location show at once.
 */
export async function updateLocationSettings(
  deps: Deps,
  organizationId: string,
  locationId: string,
  input: LocationSettingsInput,
) {
  const coordinates = await locateLocationSettings(
    { ...deps, read: onHandle(deps.db) },
    organizationId,
    locationId,
    input,
  );
  const saved = await saveLocationSettings(deps.db, organizationId, locationId, input, coordinates);
  await invalidateMenu(deps.kv, organizationId, "locations");
  return saved;
}
