import { expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { inventoryLevels, orders, stockMovements } from "@cannasaas/db/schema";
import { codeOf } from "../helpers";
import { A, api, B, handle, HOST, multi, NOT_DASHBOARD, shopperOf, staff } from "./world";
import type { FIXTURE_ROLES } from "@cannasaas/core/testing";

type Role = (typeof FIXTURE_ROLES)[number];
type Caller = Awaited<ReturnType<typeof api>>;
const as = (role: Role, t = A) => api(HOST.platform, { user: staff(t, role), org: t.org.id });
/** A's staff pointing the dashboard at B, which they do not belong to. */
const intruder = () => api(HOST.platform, { user: staff(A, "owner"), org: B.org.id });

/** Rules every inventory procedure shares: other organizations, shoppers and tenant hosts are refused. */
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

const READERS: Role[] = ["owner", "admin", "manager", "budtender", "viewer"];
const ADJUSTERS: Role[] = ["owner", "admin", "manager"];
const southA = () => A.locations[1]!.id;
const item = (t = A, i = 0) => ({ locationId: t.locations[1]!.id, variantId: t.variants[i]!.id });

async function levelOf(locationId: string, variantId: string) {
  const [row] = await handle.db
    .select()
    .from(inventoryLevels)
    .where(and(eq(inventoryLevels.locationId, locationId), eq(inventoryLevels.variantId, variantId)));
  return row!;
}
async function movementCount(organizationId: string) {
  return (
    await handle.db.select().from(stockMovements).where(eq(stockMovements.organizationId, organizationId))
  ).length;
}

export const inventoryEntries: Record<string, () => void> = {
  "inventory.levels": () => {
    it("lists the organization's own stock, and refuses another organization's location", async () => {
      const levels = await (await as("viewer")).inventory.levels({ locationId: southA() });
      expect(levels.items.map((l) => l.variantId).sort()).toEqual(A.variants.map((v) => v.id).sort());
      expect(await codeOf((await as("owner", B)).inventory.levels({ locationId: southA() }))).toBe(
        "BAD_REQUEST",
      );
    });
    refusesOutsiders((c) => c.inventory.levels({ locationId: southA() }), READERS);
  },
  "inventory.lowStock": () => {
    it("lists only the organization's own low stock", async () => {
      await handle.db
        .update(inventoryLevels)
        .set({ lowStockThreshold: 50 })
        .where(
          and(eq(inventoryLevels.locationId, southA()), eq(inventoryLevels.variantId, A.variants[1]!.id)),
        );
      const mine = await (await as("budtender")).inventory.lowStock();
      expect(mine.map((l) => l.variantId)).toContain(A.variants[1]!.id);
      const theirs = await (await as("owner", B)).inventory.lowStock();
      expect(theirs.map((l) => l.variantId)).not.toContain(A.variants[1]!.id);
    });
    refusesOutsiders((c) => c.inventory.lowStock(), READERS);
  },
  "inventory.expiring": () => {
    it("lists only the organization's own lots", async () => {
      await (
        await as("manager")
      ).inventory.receive({
        ...item(),
        quantity: 1,
        lot: { packageLabel: "1A4FF0100000022000MX0001", expiresOn: "2020-01-01" },
      });
      const mine = await (await as("viewer")).inventory.expiring({ days: 30 });
      expect(mine.lots.map((l) => l.packageLabel)).toContain("1A4FF0100000022000MX0001");
      expect((await (await as("owner", B)).inventory.expiring({ days: 365 })).lots).toEqual([]);
    });
    refusesOutsiders((c) => c.inventory.expiring(), READERS);
  },
  "inventory.lots": () => {
    it("lists only the organization's own lots", async () => {
      await (
        await as("admin")
      ).inventory.receive({
        ...item(),
        quantity: 2,
        lot: { packageLabel: "1A4FF0100000022000MX0002" },
      });
      const mine = await (await as("viewer")).inventory.lots({});
      expect(mine.items.map((l) => l.packageLabel)).toContain("1A4FF0100000022000MX0002");
      expect((await (await as("owner", B)).inventory.lots({})).items).toEqual([]);
      // The same label in B is B's own package.
      await (
        await as("owner", B)
      ).inventory.receive({
        ...item(B),
        quantity: 1,
        lot: { packageLabel: "1A4FF0100000022000MX0002" },
      });
      expect((await (await as("owner", B)).inventory.lots({})).items).toHaveLength(1);
    });
    refusesOutsiders((c) => c.inventory.lots({}), READERS);
  },
  "inventory.movements": () => {
    it("shows only the organization's own history", async () => {
      await (await as("manager")).inventory.returnStock({ ...item(), quantity: 1, reason: "matrix return" });
      const mine = await (await as("viewer")).inventory.movements({ kind: "return" });
      expect(mine.items.map((m) => m.reason)).toContain("matrix return");
      const theirs = await (await as("owner", B)).inventory.movements({ kind: "return" });
      expect(theirs.items.map((m) => m.reason)).not.toContain("matrix return");
      // Filtering by another organization's variant finds nothing rather than leaking it.
      expect(
        (await (await as("owner", B)).inventory.movements({ variantId: A.variants[0]!.id })).items,
      ).toEqual([]);
    });
    refusesOutsiders((c) => c.inventory.movements({}), READERS);
  },
  "inventory.receive": () => {
    it("adds stock for a manager, and refuses another organization's product or location writing nothing", async () => {
      const before = await levelOf(southA(), A.variants[0]!.id);
      const result = await (await as("manager")).inventory.receive({ ...item(), quantity: 5 });
      expect(result.level.onHand).toBe(before.onHand + 5);
      const countB = await movementCount(B.org.id);
      const b = await as("owner", B);
      expect(await codeOf(b.inventory.receive({ ...item(), quantity: 5 }))).toBe("NOT_FOUND");
      expect(
        await codeOf(b.inventory.receive({ ...item(B), variantId: A.variants[0]!.id, quantity: 5 })),
      ).toBe("NOT_FOUND");
      expect((await levelOf(southA(), A.variants[0]!.id)).onHand).toBe(before.onHand + 5);
      expect(await movementCount(B.org.id)).toBe(countB);
    });
    it("refuses a malformed package label with a readable message", async () => {
      const error = (await as("manager")).inventory.receive({
        ...item(),
        quantity: 1,
        lot: { packageLabel: "abc" },
      });
      await expect(error).rejects.toThrow(/package label is 16 to 24 letters and digits/);
    });
    refusesOutsiders((c) => c.inventory.receive({ ...item(), quantity: 1 }), ADJUSTERS);
    it("is refused to a viewer of A who is an admin elsewhere", async () => {
      const caller = await api(HOST.platform, { user: multi, org: A.org.id });
      expect(await codeOf(caller.inventory.receive({ ...item(), quantity: 1 }))).toBe("FORBIDDEN");
    });
  },
  "inventory.adjust": () => {
    it("needs a reason and never reaches into another organization", async () => {
      const manager = await as("manager");
      expect(await codeOf(manager.inventory.adjust({ ...item(), delta: 1, reason: "" }))).toBe("BAD_REQUEST");
      const before = await levelOf(southA(), A.variants[0]!.id);
      expect((await manager.inventory.adjust({ ...item(), delta: -1, reason: "count" })).level.onHand).toBe(
        before.onHand - 1,
      );
      expect(
        await codeOf((await as("owner", B)).inventory.adjust({ ...item(), delta: -1, reason: "count" })),
      ).toBe("NOT_FOUND");
    });
    refusesOutsiders((c) => c.inventory.adjust({ ...item(), delta: 1, reason: "x" }), ADJUSTERS);
  },
  "inventory.returnStock": () => {
    it("returns into the organization's own stock only", async () => {
      expect(await codeOf((await as("owner", B)).inventory.returnStock({ ...item(), quantity: 1 }))).toBe(
        "NOT_FOUND",
      );
      const before = await levelOf(southA(), A.variants[0]!.id);
      await (await as("admin")).inventory.returnStock({ ...item(), quantity: 2 });
      expect((await levelOf(southA(), A.variants[0]!.id)).onHand).toBe(before.onHand + 2);
    });
    refusesOutsiders((c) => c.inventory.returnStock({ ...item(), quantity: 1 }), ADJUSTERS);
  },
  "inventory.damage": () => {
    it("writes off the organization's own stock only, never below what is on hand", async () => {
      const level = await levelOf(southA(), A.variants[0]!.id);
      const manager = await as("manager");
      expect(
        await codeOf(manager.inventory.damage({ ...item(), quantity: level.onHand + 1, reason: "flood" })),
      ).toBe("CONFLICT");
      expect(
        await codeOf((await as("owner", B)).inventory.damage({ ...item(), quantity: 1, reason: "x" })),
      ).toBe("NOT_FOUND");
      expect((await levelOf(southA(), A.variants[0]!.id)).onHand).toBe(level.onHand);
    });
    refusesOutsiders((c) => c.inventory.damage({ ...item(), quantity: 1, reason: "x" }), ADJUSTERS);
  },
  "inventory.transfer": () => {
    it("moves between the organization's own locations, refuses more than is there, and never to another's", async () => {
      const manager = await as("manager");
      const variant = A.variants[0]!.id;
      const [north, south] = [A.locations[0]!.id, southA()];
      const before = [await levelOf(north, variant), await levelOf(south, variant)];
      const moved = await manager.inventory.transfer({
        variantId: variant,
        fromLocationId: south,
        toLocationId: north,
        quantity: 1,
      });
      expect([moved.from.level.onHand, moved.to.level.onHand]).toEqual([
        before[1]!.onHand - 1,
        before[0]!.onHand + 1,
      ]);
      const countA = await movementCount(A.org.id);
      const tooMany = manager.inventory.transfer({
        variantId: variant,
        fromLocationId: south,
        toLocationId: north,
        quantity: before[1]!.onHand + 100,
      });
      await expect(tooMany).rejects.toThrow(/^Only \d+ of .* on hand here\.$/);
      expect(
        await codeOf(
          manager.inventory.transfer({
            variantId: variant,
            fromLocationId: south,
            toLocationId: B.locations[0]!.id,
            quantity: 1,
          }),
        ),
      ).toBe("NOT_FOUND");
      expect(await movementCount(A.org.id)).toBe(countA);
    });
    refusesOutsiders(
      (c) =>
        c.inventory.transfer({
          variantId: A.variants[0]!.id,
          fromLocationId: southA(),
          toLocationId: A.locations[0]!.id,
          quantity: 1,
        }),
      ADJUSTERS,
    );
  },
  "inventory.setThreshold": () => {
    it("changes the organization's own threshold only", async () => {
      const updated = await (await as("manager")).inventory.setThreshold({ ...item(A, 2), threshold: 3 });
      expect(updated.lowStockThreshold).toBe(3);
      expect(
        await codeOf((await as("owner", B)).inventory.setThreshold({ ...item(A, 2), threshold: 9 })),
      ).toBe("NOT_FOUND");
      expect((await levelOf(southA(), A.variants[2]!.id)).lowStockThreshold).toBe(3);
    });
    refusesOutsiders((c) => c.inventory.setThreshold({ ...item(), threshold: 1 }), ADJUSTERS);
  },
  "dashboard.summary": () => {
    it("sums the organization's own orders only", async () => {
      const open = async (organizationId: string) =>
        (await handle.db.select().from(orders).where(eq(orders.organizationId, organizationId))).filter((o) =>
          ["pending", "confirmed", "preparing", "ready", "out_for_delivery"].includes(o.status),
        ).length;
      const total = (counts: Record<string, number | undefined>) =>
        Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
      const summary = await (await as("viewer")).dashboard.summary({ days: 14 });
      expect(summary.series).toHaveLength(14);
      expect(total(summary.openByStatus)).toBe(await open(A.org.id));
      const theirs = await (await as("owner", B)).dashboard.summary();
      expect(total(theirs.openByStatus)).toBe(await open(B.org.id));
    });
    refusesOutsiders((c) => c.dashboard.summary(), ["owner", "admin", "manager", "viewer"]);
  },
};
