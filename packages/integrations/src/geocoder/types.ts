/** A US street address to place on the map. Only the ZIP code is required; the rest sharpens the answer. */
export type GeocodeQuery = {
  addressLine1?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode: string;
};

export type GeocodeResult = {
  latitude: number;
  longitude: number;
  /** "address": the street address itself was matched; "postal_code": the centre of its ZIP code. */
  precision: "address" | "postal_code";
};

/** Coordinates for an address, or null when nothing matches it. */
export type Geocoder = {
  readonly name: string;
  geocode(query: GeocodeQuery): Promise<GeocodeResult | null>;
};

/** The geocoding service could not answer (network, time-out, server error): try again later. */
export class GeocoderUnavailableError extends Error {
  override name = "GeocoderUnavailableError";
}
