import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { locations } from "@cannasaas/db/schema";
import { codeOf } from "../helpers";
import { A, api, B, handle, HOST, NOT_DASHBOARD, staff } from "./world";

type Tenant = typeof A;
const as = (t: Tenant, role: "owner" | "admin" = "owner") =>
  api(HOST.platform, { user: staff(t, role), org: t.org.id });
const row = async (id: string) => (await handle.db.select().from(locations).where(eq(locations.id, id)))[0]!;

const allDay = { open: "00:00", close: "00:00" };
/** Valid settings; saved only on a location this entry creates (and removes), never on the fixture's own. */
const settings = {
  name: "Matrix temporary",
  addressLine1: "1 Main St",
  city: "Town",
  postalCode: "90001",
  phone: null,
  hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  pickupEnabled: true,
  deliveryEnabled: true,
  pickupLeadMinutes: 20,
  deliveryLeadMinutes: 60,
  deliveryZones: [
    {
      kind: "postal_codes" as const,
      name: "Town",
      postalCodes: ["90001"],
      feeCents: 0,
      minimumOrderCents: 0,
    },
  ],
  taxRates: { salesBps: 950, localCannabisBps: null },
};

function refusesOutsiders(call: (caller: Awaited<ReturnType<typeof api>>) => Promise<unknown>) {
  it("refuses managers and below, another organization's owner and storefront hosts", async () => {
    for (const role of ["manager", "budtender", "driver", "viewer"] as const) {
      expect(await codeOf(call(await api(HOST.platform, { user: staff(A, role), org: A.org.id })))).toBe(
        "FORBIDDEN",
      );
    }
    expect(await codeOf(call(await api(HOST.platform, { user: staff(A, "owner"), org: B.org.id })))).toBe(
      "FORBIDDEN",
    );
    for (const host of NOT_DASHBOARD) {
      expect(await codeOf(call(await api(host, { user: staff(A, "owner"), org: A.org.id })))).toBe(
        "FORBIDDEN",
      );
    }
    expect(await codeOf(call(await api(HOST.platform, { org: A.org.id })))).toBe("UNAUTHORIZED");
  });
}

export const locationEntries: Record<string, () => void> = {
  "locations.list": () => {
    it("lists the active organization's locations only", async () => {
      const ids = (await (await as(A, "admin")).locations.list()).map((l) => l.id);
      const own = (
        await handle.db.select().from(locations).where(eq(locations.organizationId, A.org.id))
      ).map((l) => l.id);
      expect(ids.sort()).toEqual(own.sort());
      for (const l of B.locations) expect(ids).not.toContain(l.id);
    });
    refusesOutsiders((c) => c.locations.list());
  },

  "locations.update": () => {
    it("saves this organization's location and refuses another's without changing it", async () => {
      const theirs = B.locations[0]!.id;
      const before = await row(theirs);
      expect(await codeOf((await as(A)).locations.update({ locationId: theirs, settings }))).toBe(
        "NOT_FOUND",
      );
      expect(await row(theirs)).toEqual(before);
      // A location of A's own for this entry only, removed again so other entries see A's two.
      const [mine] = await handle.db
        .insert(locations)
        .values({
          ...settings,
          organizationId: A.org.id,
          slug: `mx-tmp-${crypto.randomUUID()}`,
          state: "CA",
          timeZone: "America/Los_Angeles",
          deliveryZones: [],
        })
        .returning();
      try {
        const saved = await (await as(A, "admin")).locations.update({ locationId: mine!.id, settings });
        expect(saved).toMatchObject({ id: mine!.id, organizationId: A.org.id, pickupLeadMinutes: 20 });
        expect(saved.deliveryZones).toHaveLength(1);
        expect(saved.taxRates).toEqual({ salesBps: 950, localCannabisBps: null });
      } finally {
        await handle.db.delete(locations).where(eq(locations.id, mine!.id));
      }
    });
    refusesOutsiders((c) => c.locations.update({ locationId: A.locations[0]!.id, settings }));
  },
};
