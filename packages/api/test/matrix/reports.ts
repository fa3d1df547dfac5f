import { expect, it } from "vitest";
import { recordStorefrontEvents, rollUpAnalyticsEvents, setPlanDirectly } from "@cannasaas/core";
import { codeOf } from "../helpers";
import { A, api, B, C, deps, HOST, multi, NOT_DASHBOARD, ownedIds, shopperOf, staff } from "./world";

const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(new Date());
const range = () => ({ from: "2026-01-01", to: today() });

/** A completed sale at A, placed by A's shopper and handed over by A's budtender. */
async function completedSaleAtA() {
  const shopper = await api(HOST.a, { user: shopperOf(A) });
  await shopper.cart.add({ variantId: A.variants[1]!.id, quantity: 2 });
  await shopper.cart.setFulfillment({ locationId: A.locations[0]!.id, fulfillment: "pickup" });
  const placed = await shopper.checkout.place({ paymentMethod: "cash" });
  const budtender = await api(HOST.platform, { user: staff(A, "budtender"), org: A.org.id });
  for (const to of ["confirmed", "preparing", "ready", "completed"] as const)
    await budtender.staffOrders.advance({ orderId: placed.orderId, to });
  return placed;
}

function refusesOutsiders(call: (host: string, as: Parameters<typeof api>[1]) => Promise<unknown>) {
  it("refuses another organization, roles without reports.read and tenant hosts", async () => {
    expect(await codeOf(call(HOST.platform, { user: staff(A, "owner"), org: B.org.id }))).toBe("FORBIDDEN");
    expect(await codeOf(call(HOST.platform, { user: multi, org: B.org.id }))).toBe("FORBIDDEN");
    expect(await codeOf(call(HOST.platform, { user: staff(A, "budtender"), org: A.org.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(call(HOST.platform, { org: A.org.id }))).toBe("UNAUTHORIZED");
    for (const host of NOT_DASHBOARD) {
      expect(await codeOf(call(host, { user: staff(A, "owner"), org: A.org.id }))).toBe("FORBIDDEN");
    }
  });
}

/** Advanced reports refuse an organization on Starter, naming the plan that has them. */
function needsProfessional(call: (as: Parameters<typeof api>[1]) => Promise<unknown>) {
  it("needs Advanced analytics (Professional)", async () => {
    await setPlanDirectly(deps, C.org.id, { plan: "starter", status: "active" });
    try {
      const error = await call({ user: staff(C, "owner"), org: C.org.id }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "FORBIDDEN" });
      expect((error as Error).message).toContain("Professional");
    } finally {
      await setPlanDirectly(deps, C.org.id, { plan: "professional", status: "active" });
    }
  });
}

export const reportEntries: Record<string, () => void> = {
  "reports.sales": () => {
    it("counts the organization's own completed sales and none of another's", async () => {
      const owner = await api(HOST.platform, { user: staff(A, "viewer"), org: A.org.id });
      const before = await owner.reports.sales({ ...range(), grain: "month" });
      const other = await (
        await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })
      ).reports.sales({
        ...range(),
        grain: "day",
      });
      await completedSaleAtA();
      const after = await owner.reports.sales({ ...range(), grain: "month" });
      expect(after.totals.orders).toBe(before.totals.orders + 1);
      expect(after.totals.units).toBe(before.totals.units + 2);
      const otherAfter = await (
        await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })
      ).reports.sales({ ...range(), grain: "day" });
      expect(otherAfter.totals).toEqual(other.totals);
    });
    it("refuses a reversed range instead of answering with nothing", async () => {
      const owner = await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id });
      expect(await codeOf(owner.reports.sales({ from: "2026-03-01", to: "2026-02-01", grain: "day" }))).toBe(
        "BAD_REQUEST",
      );
    });
    refusesOutsiders(async (host, as) => (await api(host, as)).reports.sales({ ...range(), grain: "day" }));
  },
  "reports.breakdown": () => {
    it("splits only the organization's own sales", async () => {
      await completedSaleAtA();
      const rows = await (
        await api(HOST.platform, { user: staff(A, "manager"), org: A.org.id })
      ).reports.breakdown({ ...range(), by: "location" });
      expect(rows.map((r) => r.key)).toContain(A.locations[0]!.id);
      const theirs = await (
        await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })
      ).reports.breakdown({ ...range(), by: "product" });
      expect(theirs.map((r) => r.key)).not.toContain(A.products[1]!.id);
      const staffRows = await (
        await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id })
      ).reports.breakdown({ ...range(), by: "budtender" });
      expect(staffRows.map((r) => r.key)).toContain(staff(A, "budtender").id);
    });
    needsProfessional(async (as) =>
      (await api(HOST.platform, as)).reports.breakdown({ ...range(), by: "brand" }),
    );
    refusesOutsiders(async (host, as) =>
      (await api(host, as)).reports.breakdown({ ...range(), by: "category" }),
    );
  },
  "reports.movers": () => {
    it("ranks the organization's own variants only", async () => {
      const { top, slow } = await (
        await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id })
      ).reports.movers(range());
      const mine = await ownedIds(A.org.id, "variants");
      expect([...top, ...slow].filter((r) => !mine.has(r.variantId))).toEqual([]);
      expect(slow.length).toBeGreaterThan(0);
    });
    needsProfessional(async (as) => (await api(HOST.platform, as)).reports.movers(range()));
    refusesOutsiders(async (host, as) => (await api(host, as)).reports.movers(range()));
  },
  "reports.cohorts": () => {
    it("counts the organization's own customers", async () => {
      await completedSaleAtA();
      const cohorts = await (
        await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id })
      ).reports.cohorts(range());
      expect(cohorts.reduce((s, c) => s + c.customers, 0)).toBeGreaterThanOrEqual(1);
      const theirs = await (
        await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })
      ).reports.cohorts(range());
      expect(theirs).toEqual([]);
    });
    needsProfessional(async (as) => (await api(HOST.platform, as)).reports.cohorts(range()));
    refusesOutsiders(async (host, as) => (await api(host, as)).reports.cohorts(range()));
  },
  "reports.funnel": () => {
    it("counts the organization's own storefront sessions only", async () => {
      const sessionId = crypto.randomUUID();
      await recordStorefrontEvents(deps.db, A.org.id, [{ type: "page_view", sessionId }], new Date());
      await rollUpAnalyticsEvents(deps.db, { now: new Date() });
      const mine = await (
        await api(HOST.platform, { user: staff(A, "viewer"), org: A.org.id })
      ).reports.funnel(range());
      const theirs = await (
        await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })
      ).reports.funnel(range());
      expect(mine.find((s) => s.type === "page_view")!.sessions).toBeGreaterThanOrEqual(1);
      expect(theirs.find((s) => s.type === "page_view")!.sessions).toBe(0);
    });
    needsProfessional(async (as) => (await api(HOST.platform, as)).reports.funnel(range()));
    refusesOutsiders(async (host, as) => (await api(host, as)).reports.funnel(range()));
  },
  "reports.churn": () => {
    it("lists only the organization's own customers", async () => {
      const report = await (
        await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })
      ).reports.churn();
      expect(report.customers.every((c) => c.customerId !== A.shopper.customerId)).toBe(true);
    });
    needsProfessional(async (as) => (await api(HOST.platform, as)).reports.churn());
    refusesOutsiders(async (host, as) => (await api(host, as)).reports.churn());
  },
};
