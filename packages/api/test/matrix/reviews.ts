import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { productReviews } from "@cannasaas/db/schema";
import { codeOf } from "../helpers";
import { A, api, B, handle, HOST, itRefusesOffStorefront, shopperOf } from "./world";
import { completedPurchase, itRefusesOutsiders, shopperAt, staffAt } from "./loyalty-world";

const review = { rating: 5, body: "Lovely smooth smoke, would buy again." };

/** A pending review of the tenant's product by its shopper (who gets the purchase that allows it). */
async function pendingReviewAt(t: typeof A, productIndex: number) {
  await completedPurchase(t, t.shopper.customerId, productIndex);
  const caller = await shopperAt(t === A ? HOST.a : HOST.b, t);
  const { reviewId } = await caller.reviews.submit({ ...review, productId: t.products[productIndex]!.id });
  return reviewId;
}

export const reviewEntries: Record<string, () => void> = {
  "reviews.forProduct": () => {
    itRefusesOffStorefront(async (host) =>
      (await api(host)).reviews.forProduct({ productId: A.products[0]!.id }),
    );
    it("shows a product's approved reviews on its own store only", async () => {
      const reviewId = await pendingReviewAt(A, 0);
      await (await staffAt(A, "manager")).reviewsAdmin.moderate({ reviewId, decision: "approve" });
      const atA = await (await api(HOST.a)).reviews.forProduct({ productId: A.products[0]!.id });
      expect(atA.reviews.map((r) => r.id)).toContain(reviewId);
      const atB = await (await api(HOST.b)).reviews.forProduct({ productId: A.products[0]!.id });
      expect(atB).toMatchObject({ reviews: [], summary: { count: 0 } });
    });
  },
  "reviews.mine": () => {
    itRefusesOffStorefront(async (host) =>
      (await api(host, { user: shopperOf(A) })).reviews.mine({ productId: A.products[1]!.id }),
    );
    it("counts purchases at the host store only", async () => {
      await completedPurchase(A, A.shopper.customerId, 1);
      expect(await (await shopperAt(HOST.a, A)).reviews.mine({ productId: A.products[1]!.id })).toMatchObject(
        {
          purchased: true,
        },
      );
      expect(await (await shopperAt(HOST.b, A)).reviews.mine({ productId: A.products[1]!.id })).toMatchObject(
        {
          purchased: false,
          canReview: false,
        },
      );
    });
  },
  "reviews.submit": () => {
    it("requires sign-in", async () => {
      expect(
        await codeOf((await api(HOST.a)).reviews.submit({ ...review, productId: A.products[2]!.id })),
      ).toBe("UNAUTHORIZED");
    });
    itRefusesOffStorefront(async (host) =>
      (await api(host, { user: shopperOf(A) })).reviews.submit({ ...review, productId: A.products[2]!.id }),
    );
    it("refuses another store's product and a purchase made at another store", async () => {
      await completedPurchase(B, B.shopper.customerId, 2);
      expect(
        await codeOf(
          (await shopperAt(HOST.a, B)).reviews.submit({ ...review, productId: B.products[2]!.id }),
        ),
      ).toBe("NOT_FOUND");
      expect(
        await codeOf(
          (await shopperAt(HOST.a, B)).reviews.submit({ ...review, productId: A.products[2]!.id }),
        ),
      ).toBe("FORBIDDEN");
    });
  },
  "reviews.voteHelpful": () => {
    itRefusesOffStorefront(async (host) =>
      (await api(host, { user: shopperOf(A) })).reviews.voteHelpful({ reviewId: crypto.randomUUID() }),
    );
    it("cannot vote on another store's review", async () => {
      const reviewId = await pendingReviewAt(B, 1);
      await (await staffAt(B)).reviewsAdmin.moderate({ reviewId, decision: "approve" });
      expect(await codeOf((await shopperAt(HOST.a, A)).reviews.voteHelpful({ reviewId }))).toBe("NOT_FOUND");
      const [row] = await handle.db.select().from(productReviews).where(eq(productReviews.id, reviewId));
      expect(row!.helpfulCount).toBe(0);
    });
  },
  "reviewsAdmin.queue": () => {
    it("shows each organization its own pending reviews", async () => {
      const atB = await pendingReviewAt(B, 0);
      const ids = (await (await staffAt(A, "manager")).reviewsAdmin.queue()).map((r) => r.id);
      expect(ids).not.toContain(atB);
      expect((await (await staffAt(B)).reviewsAdmin.queue()).map((r) => r.id)).toContain(atB);
    });
    itRefusesOutsiders(
      () => A,
      () => B,
      (c) => c.reviewsAdmin.queue(),
    );
  },
  "reviewsAdmin.moderate": () => {
    it("cannot decide another store's review", async () => {
      const [pending] = await handle.db
        .select()
        .from(productReviews)
        .where(eq(productReviews.organizationId, B.org.id));
      expect(
        await codeOf(
          (await staffAt(A)).reviewsAdmin.moderate({ reviewId: pending!.id, decision: "approve" }),
        ),
      ).toBe("NOT_FOUND");
    });
    itRefusesOutsiders(
      () => A,
      () => B,
      (c) => c.reviewsAdmin.moderate({ reviewId: crypto.randomUUID(), decision: "approve" }),
    );
  },
  "reviewsAdmin.reply": () => {
    it("cannot answer under another store's review", async () => {
      const [theirs] = await handle.db
        .select()
        .from(productReviews)
        .where(eq(productReviews.organizationId, B.org.id));
      expect(
        await codeOf((await staffAt(A)).reviewsAdmin.reply({ reviewId: theirs!.id, reply: "Hi from A" })),
      ).toBe("NOT_FOUND");
    });
    itRefusesOutsiders(
      () => A,
      () => B,
      (c) => c.reviewsAdmin.reply({ reviewId: crypto.randomUUID(), reply: "x" }),
    );
  },

  "wishlist.set": () => {
    itRefusesOffStorefront(async (host) =>
      (await api(host, { user: shopperOf(A) })).wishlist.set({ productId: A.products[0]!.id, saved: true }),
    );
    it("saves this store's products only", async () => {
      const caller = await shopperAt(HOST.a, A);
      expect(await codeOf(caller.wishlist.set({ productId: B.products[0]!.id, saved: true }))).toBe(
        "NOT_FOUND",
      );
      expect(await caller.wishlist.set({ productId: A.products[0]!.id, saved: true })).toMatchObject({
        saved: true,
      });
    });
  },
  "wishlist.list": () => {
    itRefusesOffStorefront(async (host) => (await api(host, { user: shopperOf(A) })).wishlist.list());
    it("lists the caller's saved products at the host store only", async () => {
      await (await shopperAt(HOST.a, A)).wishlist.set({ productId: A.products[1]!.id, saved: true });
      expect((await (await shopperAt(HOST.a, A)).wishlist.list()).map((p) => p.productId)).toContain(
        A.products[1]!.id,
      );
      expect(await (await shopperAt(HOST.b, A)).wishlist.list()).toEqual([]);
      expect(await (await shopperAt(HOST.a, B)).wishlist.list()).toEqual([]);
    });
  },
  "wishlist.ids": () => {
    it("requires sign-in", async () => {
      expect(await codeOf((await api(HOST.a)).wishlist.ids())).toBe("UNAUTHORIZED");
    });
    itRefusesOffStorefront(async (host) => (await api(host, { user: shopperOf(A) })).wishlist.ids());
  },
};
