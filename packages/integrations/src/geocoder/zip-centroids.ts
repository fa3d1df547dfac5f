import type { GeocodeQuery, GeocodeResult, Geocoder } from "./types";

type ZipRecord = { zip: string; latitude: number; longitude: number; state: string; country: string };
type ZipTable = { lookup(zip: string): ZipRecord | undefined };

let table: Promise<ZipTable> | null = null;
/** The `zipcodes` table is 5 MB of JavaScript: loaded on the first lookup, not when the server starts. */
function zipTable(): Promise<ZipTable> {
  table ??= import(
    // @ts-expect-error -- the package ships no types; ZipTable above names the one function used.
    "zipcodes"
  ).then((m: { default?: unknown }) => (m.default ?? m) as ZipTable);
  return table;
}

/** The five-digit ZIP code at the start of "94110" or "94110-1234", else null. */
export function zip5(postalCode: string): string | null {
  return /^\s*(\d{5})(?:-\d{4})?\s*$/.exec(postalCode)?.[1] ?? null;
}

/**
 * The offline default: the centre of the address's ZIP code, from the US ZIP centroids shipped with the
 * `zipcodes` package. Good to a few kilometres, which is what radius delivery zones and ETAs need; a ZIP in
 * another state than the one given is refused rather than placed far away.
 */
export function createZipCentroidGeocoder(): Geocoder {
  return {
    name: "zip-centroids",
    async geocode(query: GeocodeQuery): Promise<GeocodeResult | null> {
      const zip = zip5(query.postalCode);
      if (!zip) return null;
      const row = (await zipTable()).lookup(zip);
      if (!row || row.country !== "US") return null;
      if (query.state && row.state !== query.state.toUpperCase()) return null;
      return { latitude: row.latitude, longitude: row.longitude, precision: "postal_code" };
    },
  };
}
