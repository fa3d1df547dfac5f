import { expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { inventoryLevels, purchaseOrders } from "@cannasaas/db/schema";
import {
  createSupplier,
  draftPurchaseOrders,
  getPurchaseOrder,
  sendPurchaseOrder,
  setSupplierItem,
} from "@cannasaas/core";
import type { FIXTURE_ROLES } from "@cannasaas/core/testing";
import type { FixtureTenant } from "@cannasaas/core/testing";
import { codeOf } from "../helpers";
import { A, api, B, handle, HOST, NOT_DASHBOARD, shopperOf, staff } from "./world";

type Role = (typeof FIXTURE_ROLES)[number];
type Caller = Awaited<ReturnType<typeof api>>;
const as = (role: Role, t = A) => api(HOST.platform, { user: staff(t, role), org: t.org.id });
const intruder = () => api(HOST.platform, { user: staff(A, "owner"), org: B.org.id });
const READERS: Role[] = ["owner", "admin", "manager", "viewer"];
const BUYERS: Role[] = ["owner", "admin", "manager"];

function refusesOutsiders(call: (caller: Caller) => Promise<unknown>, allowed: Role[]) {
  it("is refused to roles without the permission, to other organizations and off the dashboard host", async () => {
    for (const role of ["owner", "admin", "manager", "budtender", "driver", "viewer"] as const) {
      if (!allowed.includes(role)) expect(await codeOf(call(await as(role)))).toBe("FORBIDDEN");
    }
    expect(await codeOf(call(await intruder()))).toBe("FORBIDDEN");
    expect(await codeOf(call(await api(HOST.platform, { user: shopperOf(A), org: A.org.id })))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(call(await api(HOST.platform, { user: null, org: A.org.id })))).toBe("UNAUTHORIZED");
    for (const host of NOT_DASHBOARD) {
      expect(await codeOf(call(await api(host, { user: staff(A, "owner"), org: A.org.id })))).toBe(
        "FORBIDDEN",
      );
    }
  });
}

type Setup = { supplierId: string; draftId: string; draftLineId: string; sentId: string; sentLineId: string };
const setups = new Map<string, Promise<Setup>>();

/** Each tenant's supplier selling its first variant, a draft order and a sent order (made once per tenant). */
function setup(t: FixtureTenant): Promise<Setup> {
  let pending = setups.get(t.org.id);
  if (!pending) {
    pending = (async () => {
      const deps = { db: handle.db, kv: undefined as never, clock: () => new Date() };
      const actor = { organizationId: t.org.id, actorUserId: null };
      const supplier = await createSupplier(handle.db, t.org.id, {
        name: `Matrix supplier ${t.org.slug}`,
        email: `po@${t.org.slug}.example`,
        leadTimeDays: 3,
      });
      await setSupplierItem(handle.db, t.org.id, {
        supplierId: supplier.id,
        variantId: t.variants[0]!.id,
        unitCostCents: 1000,
      });
      const item = { supplierId: supplier.id, variantId: t.variants[0]!.id, quantity: 5 };
      const [draft] = await draftPurchaseOrders(deps, actor, {
        locationId: t.locations[0]!.id,
        items: [item],
      });
      const [sent] = await draftPurchaseOrders(deps, actor, {
        locationId: t.locations[0]!.id,
        items: [item],
      });
      await sendPurchaseOrder(deps, actor, { purchaseOrderId: sent!.id });
      const lineOf = async (id: string) => (await getPurchaseOrder(handle.db, t.org.id, id)).lines[0]!.id;
      return {
        supplierId: supplier.id,
        draftId: draft!.id,
        draftLineId: await lineOf(draft!.id),
        sentId: sent!.id,
        sentLineId: await lineOf(sent!.id),
      };
    })();
    setups.set(t.org.id, pending);
  }
  return pending;
}

async function statusOf(id: string) {
  const [row] = await handle.db.select().from(purchaseOrders).where(eq(purchaseOrders.id, id));
  return row!.status;
}

const label = "1A4FF0100000022000009999";

export const purchasingEntries: Record<string, () => void> = {
  "purchasing.suppliers": () => {
    it("lists only the organization's own suppliers", async () => {
      const a = await setup(A);
      await setup(B);
      const mine = await (await as("viewer")).purchasing.suppliers();
      expect(mine.map((s) => s.id)).toContain(a.supplierId);
      const theirs = await (await as("owner", B)).purchasing.suppliers();
      expect(theirs.map((s) => s.id)).not.toContain(a.supplierId);
    });
    refusesOutsiders((c) => c.purchasing.suppliers(), READERS);
  },
  "purchasing.createSupplier": () => {
    it("creates the supplier in the caller's organization only", async () => {
      const created = await (
        await as("manager")
      ).purchasing.createSupplier({ name: "Created by A", leadTimeDays: 2 });
      const theirs = await (await as("owner", B)).purchasing.suppliers();
      expect(theirs.map((s) => s.id)).not.toContain(created.id);
    });
    refusesOutsiders((c) => c.purchasing.createSupplier({ name: "Refused supplier" }), BUYERS);
  },
  "purchasing.updateSupplier": () => {
    it("cannot change another organization's supplier", async () => {
      const a = await setup(A);
      expect(
        await codeOf(
          (await as("owner", B)).purchasing.updateSupplier({ supplierId: a.supplierId, name: "Taken" }),
        ),
      ).toBe("NOT_FOUND");
    });
    refusesOutsiders(
      async (c) => c.purchasing.updateSupplier({ supplierId: (await setup(A)).supplierId, name: "Renamed" }),
      BUYERS,
    );
  },
  "purchasing.supplierItems": () => {
    it("cannot read another organization's supplier terms", async () => {
      const a = await setup(A);
      expect((await (await as("viewer")).purchasing.supplierItems({ supplierId: a.supplierId })).length).toBe(
        1,
      );
      expect(
        await codeOf((await as("owner", B)).purchasing.supplierItems({ supplierId: a.supplierId })),
      ).toBe("NOT_FOUND");
    });
    refusesOutsiders(
      async (c) => c.purchasing.supplierItems({ supplierId: (await setup(A)).supplierId }),
      READERS,
    );
  },
  "purchasing.setSupplierItem": () => {
    it("cannot price another organization's supplier or variant", async () => {
      const a = await setup(A);
      const b = await setup(B);
      const asB = await as("owner", B);
      expect(
        await codeOf(
          asB.purchasing.setSupplierItem({
            supplierId: a.supplierId,
            variantId: B.variants[0]!.id,
            unitCostCents: 1,
          }),
        ),
      ).toBe("NOT_FOUND");
      expect(
        await codeOf(
          asB.purchasing.setSupplierItem({
            supplierId: b.supplierId,
            variantId: A.variants[1]!.id,
            unitCostCents: 1,
          }),
        ),
      ).toBe("NOT_FOUND");
    });
    refusesOutsiders(
      async (c) =>
        c.purchasing.setSupplierItem({
          supplierId: (await setup(A)).supplierId,
          variantId: A.variants[0]!.id,
          unitCostCents: 900,
        }),
      BUYERS,
    );
  },
  "purchasing.removeSupplierItem": () => {
    it("cannot remove another organization's supplier terms, and removes only the caller's own", async () => {
      const supplier = await createSupplier(handle.db, A.org.id, { name: `Remove terms ${Date.now()}` });
      const variantId = A.variants[0]!.id;
      await setSupplierItem(handle.db, A.org.id, { supplierId: supplier.id, variantId, unitCostCents: 700 });
      const input = { supplierId: supplier.id, variantId };
      expect(await codeOf((await as("owner", B)).purchasing.removeSupplierItem(input))).toBe("NOT_FOUND");
      const before = await (await as("viewer")).purchasing.supplierItems({ supplierId: supplier.id });
      expect(before.map((i) => i.variantId)).toEqual([variantId]);
      await (await as("manager")).purchasing.removeSupplierItem(input);
      expect(await (await as("viewer")).purchasing.supplierItems({ supplierId: supplier.id })).toEqual([]);
    });
    refusesOutsiders(async (c) => {
      const supplier = await createSupplier(handle.db, A.org.id, {
        name: `Refused removal ${Date.now()} ${Math.random()}`,
      });
      const variantId = A.variants[0]!.id;
      await setSupplierItem(handle.db, A.org.id, { supplierId: supplier.id, variantId, unitCostCents: 700 });
      return c.purchasing.removeSupplierItem({ supplierId: supplier.id, variantId });
    }, BUYERS);
  },
  "purchasing.supplierItemChoices": () => {
    it("offers only the organization's own variants, and refuses another organization's supplier", async () => {
      const a = await setup(A);
      const mine = await (
        await as("manager")
      ).purchasing.supplierItemChoices({ supplierId: a.supplierId, q: "" });
      const foreign = new Set(B.variants.map((v) => v.id));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((v) => !foreign.has(v.variantId))).toBe(true);
      const sku = A.variants[0]!.sku;
      const bySku = await (
        await as("manager")
      ).purchasing.supplierItemChoices({ supplierId: a.supplierId, q: sku });
      expect(bySku.find((v) => v.variantId === A.variants[0]!.id)?.unitCostCents).toBe(1000);
      expect(
        await codeOf(
          (await as("owner", B)).purchasing.supplierItemChoices({ supplierId: a.supplierId, q: "" }),
        ),
      ).toBe("NOT_FOUND");
    });
    refusesOutsiders(
      async (c) => c.purchasing.supplierItemChoices({ supplierId: (await setup(A)).supplierId, q: "" }),
      BUYERS,
    );
  },
  "purchasing.suggestions": () => {
    it("forecasts the caller's own location and refuses another organization's", async () => {
      await setup(A);
      const result = await (
        await as("manager")
      ).purchasing.suggestions({
        locationId: A.locations[0]!.id,
        serviceLevel: 0.95,
      });
      expect(Array.isArray(result.suggestions)).toBe(true);
      expect(
        await codeOf(
          (await as("owner", B)).purchasing.suggestions({
            locationId: A.locations[0]!.id,
            serviceLevel: 0.95,
          }),
        ),
      ).toBe("BAD_REQUEST");
    });
    refusesOutsiders(
      (c) => c.purchasing.suggestions({ locationId: A.locations[0]!.id, serviceLevel: 0.95 }),
      READERS,
    );
  },
  "purchasing.forecast": () => {
    it("forecasts the caller's own variant and location, and refuses another organization's", async () => {
      const input = { locationId: A.locations[0]!.id, variantId: A.variants[0]!.id, weeks: 2 };
      const mine = await (await as("viewer")).purchasing.forecast(input);
      expect(mine.sku).toBe(A.variants[0]!.sku);
      expect(mine.history).toHaveLength(28);
      const asB = await as("owner", B);
      expect(await codeOf(asB.purchasing.forecast(input))).toBe("BAD_REQUEST");
      expect(await codeOf(asB.purchasing.forecast({ ...input, locationId: B.locations[0]!.id }))).toBe(
        "NOT_FOUND",
      );
    });
    refusesOutsiders(
      (c) =>
        c.purchasing.forecast({ locationId: A.locations[0]!.id, variantId: A.variants[0]!.id, weeks: 1 }),
      READERS,
    );
  },
  "purchasing.orders": () => {
    it("lists only the organization's own purchase orders", async () => {
      const a = await setup(A);
      await setup(B);
      expect((await (await as("viewer")).purchasing.orders()).map((o) => o.id)).toContain(a.sentId);
      expect((await (await as("owner", B)).purchasing.orders()).map((o) => o.id)).not.toContain(a.sentId);
    });
    refusesOutsiders((c) => c.purchasing.orders(), READERS);
  },
  "purchasing.order": () => {
    it("cannot open another organization's purchase order", async () => {
      const a = await setup(A);
      expect((await (await as("viewer")).purchasing.order({ purchaseOrderId: a.sentId })).lines).toHaveLength(
        1,
      );
      expect(await codeOf((await as("owner", B)).purchasing.order({ purchaseOrderId: a.sentId }))).toBe(
        "NOT_FOUND",
      );
    });
    refusesOutsiders(async (c) => c.purchasing.order({ purchaseOrderId: (await setup(A)).sentId }), READERS);
  },
  "purchasing.draftOrders": () => {
    it("cannot order from another organization's supplier", async () => {
      const a = await setup(A);
      expect(
        await codeOf(
          (await as("owner", B)).purchasing.draftOrders({
            locationId: B.locations[0]!.id,
            items: [{ supplierId: a.supplierId, variantId: A.variants[0]!.id, quantity: 1 }],
          }),
        ),
      ).toBe("BAD_REQUEST");
    });
    refusesOutsiders(
      async (c) =>
        c.purchasing.draftOrders({
          locationId: A.locations[0]!.id,
          items: [{ supplierId: (await setup(A)).supplierId, variantId: A.variants[0]!.id, quantity: 1 }],
        }),
      BUYERS,
    );
  },
  "purchasing.updateLine": () => {
    it("cannot edit another organization's draft", async () => {
      const a = await setup(A);
      expect(
        await codeOf(
          (await as("owner", B)).purchasing.updateLine({
            purchaseOrderId: a.draftId,
            lineId: a.draftLineId,
            quantity: 9,
          }),
        ),
      ).toBe("NOT_FOUND");
    });
    refusesOutsiders(async (c) => {
      const a = await setup(A);
      return c.purchasing.updateLine({ purchaseOrderId: a.draftId, lineId: a.draftLineId, quantity: 6 });
    }, BUYERS);
  },
  "purchasing.send": () => {
    it("cannot send another organization's draft", async () => {
      const a = await setup(A);
      expect(await codeOf((await as("owner", B)).purchasing.send({ purchaseOrderId: a.draftId }))).toBe(
        "NOT_FOUND",
      );
      expect(await statusOf(a.draftId)).toBe("draft");
    });
    refusesOutsiders(async (c) => c.purchasing.send({ purchaseOrderId: (await setup(A)).draftId }), BUYERS);
  },
  "purchasing.receive": () => {
    it("cannot receive another organization's order, and its stock is untouched", async () => {
      const a = await setup(A);
      const where = and(
        eq(inventoryLevels.locationId, A.locations[0]!.id),
        eq(inventoryLevels.variantId, A.variants[0]!.id),
      );
      const [before] = await handle.db.select().from(inventoryLevels).where(where);
      expect(
        await codeOf(
          (await as("owner", B)).purchasing.receive({
            purchaseOrderId: a.sentId,
            receipts: [{ lineId: a.sentLineId, quantity: 1, packageLabel: label }],
          }),
        ),
      ).toBe("NOT_FOUND");
      const [after] = await handle.db.select().from(inventoryLevels).where(where);
      expect(after!.onHand).toBe(before!.onHand);
      expect(await statusOf(a.sentId)).toBe("sent");
    });
    refusesOutsiders(async (c) => {
      const a = await setup(A);
      return c.purchasing.receive({
        purchaseOrderId: a.sentId,
        receipts: [{ lineId: a.sentLineId, quantity: 1, packageLabel: label }],
      });
    }, BUYERS);
  },
  "purchasing.cancel": () => {
    it("cannot cancel another organization's order", async () => {
      const a = await setup(A);
      expect(await codeOf((await as("owner", B)).purchasing.cancel({ purchaseOrderId: a.sentId }))).toBe(
        "NOT_FOUND",
      );
      expect(await statusOf(a.sentId)).toBe("sent");
    });
    refusesOutsiders(async (c) => c.purchasing.cancel({ purchaseOrderId: (await setup(A)).sentId }), BUYERS);
  },
};
