import "server-only";
import { cookies } from "next/headers";

/** The shopper's chosen pickup location (a location id), host-only like every storefront cookie. */
export const LOCATION_COOKIE = "cs_loc";

/** The chosen location among the tenant's, or null when none is chosen or the cookie is stale. */
export async function chosenLocation<T extends { id: string }>(locations: readonly T[]): Promise<T | null> {
  const id = (await cookies()).get(LOCATION_COOKIE)?.value;
  return locations.find((l) => l.id === id) ?? null;
}
