import { expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import {
  customers,
  loyaltyAccounts,
  loyaltyLedger,
  loyaltyPrograms,
  loyaltyRewards,
} from "@cannasaas/db/schema";
import { codeOf } from "../helpers";
import { A, api, B, customerRow, handle, HOST, itRefusesOffStorefront, shopperOf } from "./world";
import { givePoints, itRefusesOutsiders, rewardOf, shopperAt, staffAt } from "./loyalty-world";

const customerOfAAtB = async () => (await (await shopperAt(HOST.b, A)).shopper.me()).customerId;
const codeAt = async (t: typeof A) => {
  await (await api(t === A ? HOST.a : HOST.b, { user: shopperOf(t) })).loyalty.summary();
  const [row] = await handle.db
    .select()
    .from(loyaltyAccounts)
    .where(eq(loyaltyAccounts.customerId, t.shopper.customerId));
  return row!.referralCode;
};

export const loyaltyEntries: Record<string, () => void> = {
  "loyalty.summary": () => {
    it("requires sign-in", async () => {
      expect(await codeOf((await api(HOST.a)).loyalty.summary())).toBe("UNAUTHORIZED");
    });
    itRefusesOffStorefront(async (host) => (await api(host, { user: shopperOf(A) })).loyalty.summary());
    it("shows a shopper their balance at this store only", async () => {
      await givePoints(A, A.shopper.customerId, 42);
      const atA = await (await shopperAt(HOST.a, A)).loyalty.summary();
      expect(atA.balance).toBeGreaterThanOrEqual(42);
      const atB = await (await shopperAt(HOST.b, A)).loyalty.summary();
      expect(atB.balance).toBe(0);
      expect(atB.history).toEqual([]);
    });
  },
  "loyalty.join": () => {
    itRefusesOffStorefront(async (host) => (await api(host, { user: shopperOf(A) })).loyalty.join());
    it("makes the caller a member at the host store and nowhere else", async () => {
      const bCustomer = await customerOfAAtB();
      await handle.db.update(customers).set({ loyaltyMember: false }).where(eq(customers.id, bCustomer));
      expect(await (await shopperAt(HOST.a, A)).loyalty.join()).toMatchObject({ member: true });
      expect((await customerRow(A.org.id, A.shopper.userId))?.loyaltyMember).toBe(true);
      expect((await customerRow(B.org.id, A.shopper.userId))?.loyaltyMember).toBe(false);
    });
  },
  "loyalty.chooseReward": () => {
    itRefusesOffStorefront(async (host) =>
      (await api(host, { user: shopperOf(A) })).loyalty.chooseReward({ rewardId: null }),
    );
    it("never lets a shopper choose another store's reward", async () => {
      const caller = await shopperAt(HOST.a, A);
      await caller.cart.add({ variantId: A.variants[0]!.id, quantity: 1 });
      await caller.loyalty.join();
      await givePoints(A, A.shopper.customerId, 100);
      const theirs = await rewardOf(B);
      expect(await codeOf(caller.loyalty.chooseReward({ rewardId: theirs.id }))).toBe("NOT_FOUND");
      const mine = await rewardOf(A);
      expect(await caller.loyalty.chooseReward({ rewardId: mine.id })).toEqual({ rewardId: mine.id });
      expect(await caller.loyalty.chooseReward({ rewardId: null })).toEqual({ rewardId: null });
    });
  },
  "loyalty.referrer": () => {
    itRefusesOffStorefront(async (host) => (await api(host)).loyalty.referrer({ code: "ABCDEFGH" }));
    it("knows a code at its own store only", async () => {
      const code = await codeAt(A);
      expect(await (await api(HOST.a)).loyalty.referrer({ code })).toEqual({ firstName: "Adult" });
      expect(await (await api(HOST.b)).loyalty.referrer({ code })).toBeNull();
    });
  },
  "loyalty.acceptReferral": () => {
    itRefusesOffStorefront(async (host) =>
      (await api(host, { user: shopperOf(A) })).loyalty.acceptReferral({ code: "ABCDEFGH" }),
    );
    it("refuses another store's code", async () => {
      const code = await codeAt(B);
      expect(await codeOf((await shopperAt(HOST.a, A)).loyalty.acceptReferral({ code }))).toBe("NOT_FOUND");
    });
  },

  "loyaltyAdmin.settings": () => {
    it("shows each organization its own program", async () => {
      await (
        await staffAt(B)
      ).loyaltyAdmin.saveSettings({
        enabled: true,
        pointsPerDollar: 7,
        signupBonusPoints: 0,
        birthdayBonusPoints: 0,
        referrerRewardPoints: 0,
        refereeRewardPoints: 0,
        referralCapPerYear: 5,
        tiers: [{ name: "Only", thresholdPoints: 0, multiplierBps: 10000 }],
      });
      const atA = await (await staffAt(A, "admin")).loyaltyAdmin.settings();
      expect(atA.organizationId).toBe(A.org.id);
      expect(atA.pointsPerDollar).not.toBe(7);
      expect(atA.tiers.every((t) => t.organizationId === A.org.id)).toBe(true);
    });
    itRefusesOutsiders(
      () => A,
      () => B,
      (c) => c.loyaltyAdmin.settings(),
    );
  },
  "loyaltyAdmin.saveSettings": () => {
    it("changes the caller's organization only", async () => {
      await (await staffAt(A)).loyaltyAdmin.settings();
      const [bBefore] = await handle.db
        .select()
        .from(loyaltyPrograms)
        .where(eq(loyaltyPrograms.organizationId, B.org.id));
      const saved = await (
        await staffAt(A)
      ).loyaltyAdmin.saveSettings({
        enabled: true,
        pointsPerDollar: 3,
        signupBonusPoints: 10,
        birthdayBonusPoints: 0,
        referrerRewardPoints: 0,
        refereeRewardPoints: 0,
        referralCapPerYear: 5,
        tiers: [
          { name: "Bronze", thresholdPoints: 0, multiplierBps: 10000 },
          { name: "Silver", thresholdPoints: 500, multiplierBps: 12500 },
        ],
      });
      expect(saved.pointsPerDollar).toBe(3);
      const [bAfter] = await handle.db
        .select()
        .from(loyaltyPrograms)
        .where(eq(loyaltyPrograms.organizationId, B.org.id));
      expect(bAfter?.pointsPerDollar).toBe(bBefore?.pointsPerDollar);
    });
    itRefusesOutsiders(
      () => A,
      () => B,
      (c) =>
        c.loyaltyAdmin.saveSettings({
          enabled: true,
          pointsPerDollar: 1,
          signupBonusPoints: 0,
          birthdayBonusPoints: 0,
          referrerRewardPoints: 0,
          refereeRewardPoints: 0,
          referralCapPerYear: 1,
          tiers: [{ name: "Only", thresholdPoints: 0, multiplierBps: 10000 }],
        }),
    );
  },
  "loyaltyAdmin.createReward": () => {
    it("refuses another store's product as a free item", async () => {
      const caller = await staffAt(A);
      expect(
        await codeOf(
          caller.loyaltyAdmin.createReward({
            name: "Free B",
            kind: "free_item",
            pointsCost: 10,
            variantId: B.variants[0]!.id,
          }),
        ),
      ).toBe("BAD_REQUEST");
      const made = await caller.loyaltyAdmin.createReward({
        name: "Free A",
        kind: "free_item",
        pointsCost: 10,
        variantId: A.variants[0]!.id,
      });
      expect(made.organizationId).toBe(A.org.id);
    });
    itRefusesOutsiders(
      () => A,
      () => B,
      (c) =>
        c.loyaltyAdmin.createReward({ name: "x1", kind: "amount_off", pointsCost: 1, amountOffCents: 1 }),
    );
  },
  "loyaltyAdmin.setRewardActive": () => {
    it("cannot switch another store's reward", async () => {
      const theirs = await rewardOf(B);
      expect(
        await codeOf((await staffAt(A)).loyaltyAdmin.setRewardActive({ rewardId: theirs.id, active: false })),
      ).toBe("NOT_FOUND");
      const [row] = await handle.db.select().from(loyaltyRewards).where(eq(loyaltyRewards.id, theirs.id));
      expect(row!.active).toBe(true);
    });
    itRefusesOutsiders(
      () => A,
      () => B,
      (c) => c.loyaltyAdmin.setRewardActive({ rewardId: crypto.randomUUID(), active: false }),
    );
  },
  "loyaltyAdmin.members": () => {
    it("lists the organization's own customers only", async () => {
      const ids = (await (await staffAt(A, "viewer")).loyaltyAdmin.members()).map((m) => m.customerId);
      expect(ids).toContain(A.shopper.customerId);
      expect(ids).not.toContain(B.shopper.customerId);
    });
    itRefusesOutsiders(
      () => A,
      () => B,
      (c) => c.loyaltyAdmin.members(),
    );
  },
  "loyaltyAdmin.ledger": () => {
    it("opens its own customers' ledgers only", async () => {
      expect(
        (await (await staffAt(A, "budtender")).loyaltyAdmin.ledger({ customerId: A.shopper.customerId }))
          .customerId,
      ).toBe(A.shopper.customerId);
      expect(await codeOf((await staffAt(A)).loyaltyAdmin.ledger({ customerId: B.shopper.customerId }))).toBe(
        "NOT_FOUND",
      );
    });
    itRefusesOutsiders(
      () => A,
      () => B,
      (c) => c.loyaltyAdmin.ledger({ customerId: crypto.randomUUID() }),
    );
  },
  "loyaltyAdmin.adjust": () => {
    it("adjusts its own customers only, and writes nothing for another store's", async () => {
      const manager = await staffAt(A, "manager");
      expect(
        await codeOf(
          manager.loyaltyAdmin.adjust({ customerId: B.shopper.customerId, points: 5, reason: "nope" }),
        ),
      ).toBe("NOT_FOUND");
      const written = await handle.db
        .select()
        .from(loyaltyLedger)
        .where(
          and(eq(loyaltyLedger.organizationId, A.org.id), eq(loyaltyLedger.customerId, B.shopper.customerId)),
        );
      expect(written).toEqual([]);
      const { balance } = await manager.loyaltyAdmin.adjust({
        customerId: A.shopper.customerId,
        points: 5,
        reason: "Goodwill",
      });
      expect(balance).toBeGreaterThanOrEqual(5);
    });
    itRefusesOutsiders(
      () => A,
      () => B,
      (c) => c.loyaltyAdmin.adjust({ customerId: crypto.randomUUID(), points: 1, reason: "why" }),
    );
  },
};
