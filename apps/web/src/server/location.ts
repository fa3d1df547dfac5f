import "server-only";
import { cookies } from "next/headers";
import { LOCATION_COOKIE } from "~/lib/location-cookie";

export { LOCATION_COOKIE };

/** The chosen location among the tenant's, or null when none is chosen or the cookie is stale. */
export async function chosenLocation<T extends { id: string }>(locations: readonly T[]): Promise<T | null> {
  const id = (await cookies()).get(LOCATION_COOKIE)?.value;
  return locations.find((l) => l.id === id) ?? null;
}
