import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCensusGeocoder,
  createGeocoder,
  createZipCentroidGeocoder,
  GeocoderUnavailableError,
  withZipFallback,
  zip5,
} from "../src/geocoder";

describe("offline ZIP centroids", () => {
  const geocoder = createZipCentroidGeocoder();

  it("places a ZIP code at its centre", async () => {
    const mission = await geocoder.geocode({ postalCode: "94110", state: "CA" });
    expect(mission?.precision).toBe("postal_code");
    // San Francisco's Mission District.
    expect(mission!.latitude).toBeCloseTo(37.75, 1);
    expect(mission!.longitude).toBeCloseTo(-122.41, 1);
    expect((await geocoder.geocode({ postalCode: "94110-1234" }))?.latitude).toBe(mission!.latitude);
  });

  it("answers null for a malformed, unknown, Canadian or other-state ZIP", async () => {
    expect(await geocoder.geocode({ postalCode: "9411" })).toBeNull();
    expect(await geocoder.geocode({ postalCode: "00000" })).toBeNull();
    expect(await geocoder.geocode({ postalCode: "K1A 0B1" })).toBeNull();
    expect(await geocoder.geocode({ postalCode: "94110", state: "CO" })).toBeNull();
  });

  it("reads the five digits of a ZIP+4", () => {
    expect(zip5(" 80202-1234 ")).toBe("80202");
    expect(zip5("8020")).toBeNull();
  });

  it("is the default with nothing configured", () => {
    expect(createGeocoder({}).name).toBe("zip-centroids");
    expect(createGeocoder({ GEOCODER: "census", GEOCODER_URL: "http://127.0.0.1:9" }).name).toBe(
      "census+zip-centroids",
    );
  });
});

describe("Census geocoder against a local stand-in", () => {
  let server: Server;
  let base: string;
  const seen: URL[] = [];
  /** Answers like the Census Bureau's one-line-address endpoint; the address picks the behaviour. */
  function answer(req: IncomingMessage) {
    const url = new URL(req.url!, "http://stand-in");
    seen.push(url);
    const address = url.searchParams.get("address") ?? "";
    if (url.pathname !== "/geocoder/locations/onelineaddress") return { status: 404, body: {} };
    if (address.includes("Broken")) return { status: 502, body: { errors: ["upstream"] } };
    if (address.includes("Nowhere")) return { status: 200, body: { result: { addressMatches: [] } } };
    return {
      status: 200,
      body: {
        result: {
          input: { address: { address } },
          addressMatches: [
            { matchedAddress: address.toUpperCase(), coordinates: { x: -122.4183, y: 37.7599 } },
          ],
        },
      },
    };
  }
  beforeAll(async () => {
    server = createServer((req, res) => {
      const { status, body } = answer(req);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends the one-line address and reads the first match's coordinates", async () => {
    const geocoder = createCensusGeocoder({ baseUrl: base });
    const found = await geocoder.geocode({
      addressLine1: "2390 Mission St",
      city: "San Francisco",
      state: "CA",
      postalCode: "94110-2021",
    });
    expect(found).toEqual({ latitude: 37.7599, longitude: -122.4183, precision: "address" });
    const sent = seen.at(-1)!;
    expect(sent.searchParams.get("address")).toBe("2390 Mission St, San Francisco, CA 94110");
    expect(sent.searchParams.get("benchmark")).toBe("Public_AR_Current");
    expect(sent.searchParams.get("format")).toBe("json");
  });

  it("answers null when nothing matches and throws when the service fails", async () => {
    const geocoder = createCensusGeocoder({ baseUrl: base });
    expect(await geocoder.geocode({ addressLine1: "1 Nowhere Rd", postalCode: "94110" })).toBeNull();
    await expect(geocoder.geocode({ addressLine1: "1 Broken Way", postalCode: "94110" })).rejects.toThrow(
      GeocoderUnavailableError,
    );
    const unreachable = createCensusGeocoder({ baseUrl: "http://127.0.0.1:9", timeoutMs: 500 });
    await expect(unreachable.geocode({ addressLine1: "1 Main St", postalCode: "94110" })).rejects.toThrow(
      GeocoderUnavailableError,
    );
  });

  it("falls back to the ZIP centre when the street is unmatched or the service is down", async () => {
    const geocoder = withZipFallback(createCensusGeocoder({ baseUrl: base }));
    const street = await geocoder.geocode({ addressLine1: "2390 Mission St", postalCode: "94110" });
    expect(street?.precision).toBe("address");
    for (const addressLine1 of ["1 Nowhere Rd", "1 Broken Way"]) {
      const zip = await geocoder.geocode({ addressLine1, state: "CA", postalCode: "94110" });
      expect(zip?.precision, addressLine1).toBe("postal_code");
      expect(zip!.latitude).toBeCloseTo(37.75, 1);
    }
  });
});
