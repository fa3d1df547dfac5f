import type { DeliveryAddress, DeliveryZone } from "@cannasaas/db/schema";

const EARTH_RADIUS_M = 6_371_000;

/** Great-circle distance in whole metres. */
export function distanceMeters(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
) {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h)));
}

const zip5 = (postalCode: string) => postalCode.trim().slice(0, 5);

/**
 * The first of a location's delivery zones that covers an address: a ZIP list matches on the 5-digit ZIP, a
 * radius zone needs the address's coordinates. The cheapest matching zone wins when several do.
 */
export function findDeliveryZone(
  location: { latitude: number | null; longitude: number | null; deliveryZones: DeliveryZone[] },
  address: DeliveryAddress,
): DeliveryZone | null {
  const matches = location.deliveryZones.filter((zone) => {
    if (zone.kind === "postal_codes") return zone.postalCodes.map(zip5).includes(zip5(address.postalCode));
    if (location.latitude == null || location.longitude == null) return false;
    if (address.latitude == null || address.longitude == null) return false;
    const from = { latitude: location.latitude, longitude: location.longitude };
    const to = { latitude: address.latitude, longitude: address.longitude };
    return distanceMeters(from, to) <= zone.radiusMeters;
  });
  return matches.sort((a, b) => a.feeCents - b.feeCents)[0] ?? null;
}
