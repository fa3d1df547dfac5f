import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { locations } from "@cannasaas/db/schema";
import { DomainError } from "../errors";

/** A tenant's locations as shoppers see them (no licence numbers, tax rates or delivery zones). */
export async function listStorefrontLocations(db: DbOrTx, organizationId: string) {
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
    })
    .from(locations)
    .where(eq(locations.organizationId, organizationId))
    .orderBy(asc(locations.name), asc(locations.id));
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses a location id that is not one of the tenant's (another tenant's included). */
export async function assertTenantLocation(db: DbOrTx, organizationId: string, locationId: string) {
  const [row] = !UUID_PATTERN.test(locationId)
    ? []
    : await db
        .select({ id: locations.id })
        .from(locations)
        .where(and(eq(locations.id, locationId), eq(locations.organizationId, organizationId)))
        .limit(1);
  if (!row) {
    throw new DomainError("BAD_REQUEST", "That location is not one of this store's. Choose another.", {
      field: "locationId",
    });
  }
}
