import { expect, it } from "vitest";
import { codeOf } from "../helpers";
import { A, api, B, HOST, NO_STOREFRONT, NOT_DASHBOARD, staff } from "./world";

type Tenant = typeof A;
const as = async (t: Tenant, role: "owner" | "manager" = "owner") =>
  api(HOST.platform, { user: staff(t, role), org: t.org.id });
const token = () => `tok${crypto.randomUUID().replace(/-/g, "")}`;
let serial = 0;
/** Coupon-only deals, so no other matrix entry's cart is priced differently. */
const couponDeal = (code = `MX${++serial}${Math.random().toString(36).slice(2, 6)}`.toUpperCase()) => ({
  name: `Matrix deal ${code}`,
  rule: { kind: "amount_off" as const, amountCents: 100 },
  codes: [code],
});

async function dealAt(t: Tenant) {
  const input = couponDeal();
  const created = await (await as(t, "manager")).promotions.create(input);
  return { id: created.id, code: input.codes[0]! };
}

/** Budtenders, drivers and viewers, another organization's staff and storefront hosts are all refused. */
function refusesOutsiders(call: (caller: Awaited<ReturnType<typeof api>>) => Promise<unknown>) {
  it("refuses budtenders, drivers, viewers, another organization and storefront hosts", async () => {
    for (const role of ["budtender", "driver", "viewer"] as const) {
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

/** A staff mutation on one promotion: another organization's staff get NOT_FOUND and change nothing. */
function changesOwnOnly(
  change: (caller: Awaited<ReturnType<typeof api>>, promotionId: string) => Promise<unknown>,
) {
  it("changes this organization's promotion only", async () => {
    const deal = await dealAt(A);
    expect(await codeOf(change(await as(B), deal.id))).toBe("NOT_FOUND");
    const mine = (await (await as(A)).promotions.list()).promotions.find((p) => p.id === deal.id);
    expect(mine?.status).toBe("active");
    await change(await as(A, "manager"), deal.id);
  });
  refusesOutsiders(async (c) => change(c, (await dealAt(A)).id));
}

function refusesOffStorefront(call: (host: string) => Promise<unknown>) {
  it.each(NO_STOREFRONT)("is NOT_FOUND on %s", async (host) => {
    expect(await codeOf(call(host))).toBe("NOT_FOUND");
  });
}

export const promotionEntries: Record<string, () => void> = {
  "promotions.list": () => {
    it("lists this organization's promotions only, with codes and the live-now preview", async () => {
      const a = await dealAt(A);
      const b = await dealAt(B);
      const list = await (await as(A)).promotions.list();
      const ids = list.promotions.map((p) => p.id);
      expect(ids).toContain(a.id);
      expect(ids).not.toContain(b.id);
      const row = list.promotions.find((p) => p.id === a.id)!;
      expect(row.codes).toEqual([a.code]);
      expect(row.liveAt).toBe(true);
      const later = await (await as(A)).promotions.create({ ...couponDeal(), startsAt: "2099-01-01T00:00" });
      const preview = await (await as(A)).promotions.list();
      expect(preview.promotions.find((p) => p.id === later.id)?.liveAt).toBe(false);
      const then = await (await as(A)).promotions.list({ at: new Date("2099-06-01T12:00:00Z") });
      expect(then.promotions.find((p) => p.id === later.id)?.liveAt).toBe(true);
    });
    refusesOutsiders((c) => c.promotions.list());
  },
  "promotions.formOptions": () => {
    it("offers this organization's categories, brands, products and locations only", async () => {
      const options = await (await as(A, "manager")).promotions.formOptions();
      expect(options.locations.map((l) => l.id).sort()).toEqual(A.locations.map((l) => l.id).sort());
      const bProducts = (await (await as(B)).promotions.formOptions()).products.map((p) => p.id);
      for (const p of options.products) expect(bProducts).not.toContain(p.id);
    });
    refusesOutsiders((c) => c.promotions.formOptions());
  },
  "promotions.create": () => {
    it("creates for the active organization; codes are unique per store, not across stores", async () => {
      const code = `SHARED${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
      await (await as(A)).promotions.create(couponDeal(code));
      await (await as(B)).promotions.create(couponDeal(code));
      expect(await codeOf((await as(A)).promotions.create(couponDeal(code)))).toBe("CONFLICT");
    });
    it("refuses absurd deals", async () => {
      const caller = await as(A);
      for (const rule of [
        { kind: "percent_off", percentBps: 15_000 },
        { kind: "amount_off", amountCents: -5 },
        { kind: "bundle", quantity: 1, priceCents: 100 },
      ]) {
        expect(
          await codeOf(
            caller.promotions.create({ name: "Bad", rule } as unknown as ReturnType<typeof couponDeal>),
          ),
        ).toBe("BAD_REQUEST");
      }
    });
    refusesOutsiders((c) => c.promotions.create(couponDeal()));
  },
  "promotions.update": () => {
    changesOwnOnly((c, promotionId) =>
      c.promotions.update({ promotionId, promotion: { ...couponDeal(), name: "Renamed" } }),
    );
  },
  "promotions.pause": () => {
    changesOwnOnly((c, promotionId) => c.promotions.pause({ promotionId }));
  },
  "promotions.resume": () => {
    changesOwnOnly((c, promotionId) => c.promotions.resume({ promotionId }));
  },
  "promotions.end": () => {
    changesOwnOnly((c, promotionId) => c.promotions.end({ promotionId }));
  },
  "cart.applyCoupon": () => {
    it("accepts this store's code and refuses another store's, naming the store", async () => {
      const a = await dealAt(A);
      const b = await dealAt(B);
      const caller = await api(HOST.a, { cartToken: token() });
      await caller.cart.add({ variantId: A.variants[0]!.id, quantity: 1 });
      await caller.cart.applyCoupon({ code: a.code.toLowerCase() });
      expect((await caller.cart.get()).promotions?.coupon).toEqual({ code: a.code, applied: true });
      const error = await caller.cart.applyCoupon({ code: b.code }).catch((e: Error) => e);
      expect((error as Error).message).toMatch(/is not a coupon code at .*Codes work only at the store/);
    });
    refusesOffStorefront(async (host) =>
      (await api(host, { cartToken: token() })).cart.applyCoupon({ code: "ANY" }),
    );
  },
  "cart.removeCoupon": () => {
    it("removes the coupon from this cart only", async () => {
      const a = await dealAt(A);
      const one = await api(HOST.a, { cartToken: token() });
      const two = await api(HOST.a, { cartToken: token() });
      for (const c of [one, two]) {
        await c.cart.add({ variantId: A.variants[0]!.id, quantity: 1 });
        await c.cart.applyCoupon({ code: a.code });
      }
      await one.cart.removeCoupon();
      expect((await one.cart.get()).promotions?.coupon).toBeNull();
      expect((await two.cart.get()).promotions?.coupon?.code).toBe(a.code);
    });
    refusesOffStorefront(async (host) => (await api(host, { cartToken: token() })).cart.removeCoupon());
  },
};
