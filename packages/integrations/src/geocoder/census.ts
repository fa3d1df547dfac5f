import { zip5 } from "./zip-centroids";
import { GeocoderUnavailableError, type GeocodeQuery, type GeocodeResult, type Geocoder } from "./types";

export type CensusGeocoderOptions = {
  /** The service's origin; the US Census Bureau's public geocoder unless a stand-in is named. */
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

type CensusAnswer = {
  result?: { addressMatches?: Array<{ coordinates?: { x?: unknown; y?: unknown } }> };
};

export const CENSUS_GEOCODER_URL = "https://geocoding.geo.census.gov";

/**
 * Street-level coordinates from the US Census Bureau's geocoder (free, no key): the one-line-address
 * endpoint against the current address ranges. An address it cannot match answers null; an error or a
 * time-out throws `GeocoderUnavailableError` so the caller can fall back or retry.
 */
export function createCensusGeocoder(options: CensusGeocoderOptions = {}): Geocoder {
  const base = (options.baseUrl ?? CENSUS_GEOCODER_URL).replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  return {
    name: "census",
    async geocode(query: GeocodeQuery): Promise<GeocodeResult | null> {
      if (!query.addressLine1?.trim()) return null; // a street-level service needs a street
      const oneLine = [
        query.addressLine1,
        query.city,
        `${query.state ?? ""} ${zip5(query.postalCode) ?? query.postalCode}`,
      ]
        .map((part) => part?.trim())
        .filter(Boolean)
        .join(", ");
      const url = new URL(`${base}/geocoder/locations/onelineaddress`);
      url.searchParams.set("address", oneLine);
      url.searchParams.set("benchmark", "Public_AR_Current");
      url.searchParams.set("format", "json");
      let response: Response;
      try {
        response = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5_000) });
      } catch (error) {
        throw new GeocoderUnavailableError(`Geocoder unreachable: ${(error as Error).message}`);
      }
      if (!response.ok) throw new GeocoderUnavailableError(`Geocoder answered ${response.status}`);
      const body = (await response.json().catch(() => null)) as CensusAnswer | null;
      if (!body?.result) throw new GeocoderUnavailableError("Geocoder answered without a result");
      const match = body.result.addressMatches?.[0]?.coordinates;
      const longitude = Number(match?.x);
      const latitude = Number(match?.y);
      if (!match || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
      return { latitude, longitude, precision: "address" };
    },
  };
}
