import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { locations } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createZipCentroidGeocoder, type Geocoder } from "@cannasaas/integrations/geocoder";
import type { LocationSettingsInput } from "@cannasaas/validators";
import {
  addLocation,
  DomainError,
  findDeliveryZone,
  readStorefrontLocations,
  updateLocationSettings,
} from "../src";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
let a: FixtureTenant;
let b: FixtureTenant;

/** The offline ZIP geocoder, counting its lookups. */
function countingGeocoder() {
  const inner = createZipCentroidGeocoder();
  const geocoder: Geocoder & { calls: number } = {
    name: "counting",
    calls: 0,
    geocode: (q) => {
      geocoder.calls++;
      return inner.geocode(q);
    },
  };
  return geocoder;
}

const open = { open: "09:00", close: "21:00" };
const settings = (overrides: Partial<LocationSettingsInput> = {}): LocationSettingsInput => ({
  name: "Mission",
  addressLine1: "2390 Mission St",
  city: "San Francisco",
  postalCode: "94110",
  phone: null,
  hours: { mon: open, tue: open, wed: open, thu: open, fri: open, sat: open, sun: null },
  pickupEnabled: true,
  deliveryEnabled: true,
  pickupLeadMinutes: 30,
  deliveryLeadMinutes: 90,
  deliveryZones: [
    { kind: "radius", name: "Close by", radiusMeters: 5_000, feeCents: 500, minimumOrderCents: 5_000 },
    {
      kind: "postal_codes",
      name: "Oakland",
      postalCodes: ["94612"],
      feeCents: 900,
      minimumOrderCents: 7_500,
    },
  ],
  taxRates: { salesBps: 863, localCannabisBps: null },
  ...overrides,
});

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  a = await createFixtureTenant(handle.db, { tag: "loc-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "loc-b", passwordHash: "x" });
});
afterAll(async () => {
  await kv?.close();
  await handle?.close();
});

describe("location settings", () => {
  it("saves hours, lead times, zones and taxes, and places the new address on the map", async () => {
    const geocoder = countingGeocoder();
    const deps = { db: handle.db, kv: kv.kv, geocoder };
    const { before, after } = await updateLocationSettings(deps, a.org.id, a.locations[0]!.id, settings());
    expect(before.postalCode).toBe("90001");
    expect(geocoder.calls).toBe(1);
    expect(after.latitude).toBeCloseTo(37.75, 1);
    expect(after.longitude).toBeCloseTo(-122.41, 1);
    expect(after).toMatchObject({
      pickupLeadMinutes: 30,
      deliveryLeadMinutes: 90,
      taxRates: { salesBps: 863 },
    });
    expect(after.hours.sun).toBeNull();
    const ids = after.deliveryZones.map((z) => z.id);
    expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true); // new zones get an id

    // The radius zone now matches an address a couple of kilometres away, and not one across the bay.
    const near = { line1: "1 Valencia St", city: "San Francisco", state: "CA", postalCode: "94103" };
    expect(findDeliveryZone(after, { ...near, latitude: 37.77, longitude: -122.42 })?.name).toBe("Close by");
    expect(
      findDeliveryZone(after, { ...near, postalCode: "94501", latitude: 37.77, longitude: -122.27 }),
    ).toBeNull();

    // Saving again with the same address keeps the coordinates and the zones' ids without a lookup.
    const again = await updateLocationSettings(
      deps,
      a.org.id,
      a.locations[0]!.id,
      settings({ deliveryZones: after.deliveryZones, pickupLeadMinutes: 10 }),
    );
    expect(geocoder.calls).toBe(1);
    expect(again.after.latitude).toBe(after.latitude);
    expect(again.after.deliveryZones.map((z) => z.id)).toEqual(ids);
  });

  it("saves closed days, shows them to shoppers at once, and keeps them when a save leaves them out", async () => {
    const deps = { db: handle.db, kv: kv.kv, geocoder: countingGeocoder() };
    const id = a.locations[0]!.id;
    const shown = async () =>
      (await readStorefrontLocations(deps, a.org.id)).find((l) => l.id === id)!.closedDays;
    expect(await shown()).toEqual([]); // read once, so the cached copy must be renewed by the save
    const closedDays = [
      { date: "2026-12-25", name: "Christmas" },
      { date: "2026-11-26", name: "Thanksgiving" },
    ];
    const { after } = await updateLocationSettings(deps, a.org.id, id, settings({ closedDays }));
    expect(after.closedDays).toEqual(closedDays);
    expect(await shown()).toEqual(closedDays);

    const { closedDays: _omitted, ...withoutClosures } = settings({ pickupLeadMinutes: 20 });
    const kept = await updateLocationSettings(deps, a.org.id, id, withoutClosures);
    expect(kept.after.closedDays).toEqual(closedDays);
    const cleared = await updateLocationSettings(deps, a.org.id, id, settings({ closedDays: [] }));
    expect(cleared.after.closedDays).toEqual([]);
  });

  it("refuses a radius zone for an address it cannot place, and saves ZIP-list zones there", async () => {
    const deps = { db: handle.db, kv: kv.kv, geocoder: countingGeocoder() };
    const id = a.locations[1]!.id;
    const nowhere = settings({ postalCode: "00000" });
    await expect(updateLocationSettings(deps, a.org.id, id, nowhere)).rejects.toThrow(/radius zone/);
    const [unchanged] = await handle.db.select().from(locations).where(eq(locations.id, id));
    expect(unchanged!.postalCode).toBe("90001");
    const zipOnly = { ...nowhere, deliveryZones: nowhere.deliveryZones.filter((z) => z.kind !== "radius") };
    const { after } = await updateLocationSettings(deps, a.org.id, id, zipOnly);
    expect(after).toMatchObject({ postalCode: "00000", latitude: null, longitude: null });
  });

  it("cannot change another organization's location", async () => {
    const deps = { db: handle.db, kv: kv.kv, geocoder: countingGeocoder() };
    const theirs = b.locations[0]!.id;
    const error = await updateLocationSettings(deps, a.org.id, theirs, settings()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("NOT_FOUND");
    const [row] = await handle.db.select().from(locations).where(eq(locations.id, theirs));
    expect(row!.name).toBe("loc-b north");
  });

  it("places a location added in onboarding", async () => {
    const d = await createFixtureTenant(handle.db, { tag: "loc-d", passwordHash: "x", state: "CO" });
    const deps = { db: handle.db, kv: kv.kv, clock: () => new Date(), geocoder: countingGeocoder() };
    await handle.db.delete(locations).where(eq(locations.organizationId, d.org.id));
    const added = await addLocation(deps, d.org.id, {
      name: "Denver",
      addressLine1: "1600 Champa St",
      city: "Denver",
      postalCode: "80202",
      phone: null,
      hours: settings().hours,
      pickupEnabled: true,
      deliveryEnabled: false,
    });
    expect(added.latitude).toBeCloseTo(39.75, 1);
  });
});
