import { type EnvSource, readIntegrationsEnv } from "../env";
import { createCensusGeocoder } from "./census";
import { createZipCentroidGeocoder } from "./zip-centroids";
import { GeocoderUnavailableError, type Geocoder } from "./types";

export { GeocoderUnavailableError, type GeocodeQuery, type GeocodeResult, type Geocoder } from "./types";
export { createZipCentroidGeocoder, zip5 } from "./zip-centroids";
export { CENSUS_GEOCODER_URL, createCensusGeocoder, type CensusGeocoderOptions } from "./census";

/**
 * The street-level geocoder first; when it finds no match or cannot be reached, the ZIP code's centre, so a
 * location always gets coordinates its radius zones can use.
 */
export function withZipFallback(primary: Geocoder, fallback = createZipCentroidGeocoder()): Geocoder {
  return {
    name: `${primary.name}+${fallback.name}`,
    async geocode(query) {
      try {
        const found = await primary.geocode(query);
        if (found) return found;
      } catch (error) {
        if (!(error instanceof GeocoderUnavailableError)) throw error;
      }
      return fallback.geocode(query);
    },
  };
}

/**
 * `GEOCODER=census` uses the US Census Bureau's geocoder (`GEOCODER_URL` points it elsewhere, e.g. a
 * stand-in) with the ZIP centroids behind it; unset or `GEOCODER=zip`, the offline ZIP centroids alone.
 */
export function createGeocoder(source?: EnvSource): Geocoder {
  const env = readIntegrationsEnv(source);
  if (env.GEOCODER === "census") return withZipFallback(createCensusGeocoder({ baseUrl: env.GEOCODER_URL }));
  return createZipCentroidGeocoder();
}
