import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { products } from "@cannasaas/db/schema";
import type { FixtureTenant } from "@cannasaas/core/testing";
import { codeOf } from "../helpers";
import { A, B, handle } from "./world";
import { refusesOutsiders, staffOf, type Role } from "./staff-refusals";

const READERS: Role[] = ["owner", "admin", "manager", "budtender", "viewer"];
const WRITERS: Role[] = ["owner", "admin", "manager", "budtender"];

const products_ = new Map<string, Promise<string>>();
/** A product of the tenant's own, so drafts and accepted copy here move no other entry's rows. */
function productOf(t: FixtureTenant): Promise<string> {
  let pending = products_.get(t.org.id);
  if (!pending) {
    pending = handle.db
      .insert(products)
      .values({
        organizationId: t.org.id,
        categoryId: t.products[0]!.categoryId,
        slug: "matrix-copy",
        name: `Matrix copy ${t.org.slug}`,
        strainType: "sativa",
        effects: ["Happy"],
      })
      .returning({ id: products.id })
      .then(([row]) => row!.id);
    products_.set(t.org.id, pending);
  }
  return pending;
}

async function draftOf(t: FixtureTenant) {
  const productId = await productOf(t);
  return (await staffOf("owner", t)).productCopy.generate({ productId, tone: "professional" });
}

async function descriptionOf(productId: string) {
  const [row] = await handle.db.select().from(products).where(eq(products.id, productId));
  return row!.description;
}

export const productCopyEntries: Record<string, () => void> = {
  "productCopy.aiStatus": () => {
    it("says AI is off when no model is configured", async () => {
      expect(await (await staffOf("viewer")).productCopy.aiStatus()).toEqual({
        aiOn: false,
        reason: "no_key",
      });
    });
    refusesOutsiders((c) => c.productCopy.aiStatus(), READERS);
  },
  "productCopy.coverage": () => {
    it("covers only the organization's own products, counting their waiting drafts", async () => {
      const mine = await draftOf(A);
      await draftOf(B);
      const coverage = await (await staffOf("viewer")).productCopy.coverage();
      const row = coverage.find((p) => p.productId === mine.productId);
      expect(row!.pendingDrafts).toBeGreaterThan(0);
      expect(coverage.map((p) => p.productId)).not.toContain(await productOf(B));
    });
    refusesOutsiders((c) => c.productCopy.coverage(), READERS);
  },
  "productCopy.drafts": () => {
    it("lists only the organization's own drafts", async () => {
      const mine = await draftOf(A);
      const theirs = await draftOf(B);
      const seen = (await (await staffOf("viewer")).productCopy.drafts()).map((d) => d.id);
      expect(seen).toContain(mine.draftId);
      expect(seen).not.toContain(theirs.draftId);
      const byProduct = await (await staffOf("viewer")).productCopy.drafts({ productId: await productOf(B) });
      expect(byProduct).toEqual([]);
    });
    refusesOutsiders((c) => c.productCopy.drafts(), READERS);
  },
  "productCopy.generate": () => {
    it("writes a template draft for the organization's own product, and cannot reach another's", async () => {
      const draft = await draftOf(A);
      expect(draft.source).toBe("template");
      expect(draft.copy.description).toContain(`Matrix copy ${A.org.slug}`);
      expect(
        await codeOf(
          (await staffOf("owner")).productCopy.generate({ productId: await productOf(B), tone: "casual" }),
        ),
      ).toBe("NOT_FOUND");
    });
    refusesOutsiders(
      async (c) => c.productCopy.generate({ productId: await productOf(A), tone: "casual" }),
      WRITERS,
    );
  },
  "productCopy.accept": () => {
    it("cannot publish another organization's draft, whose product stays untouched", async () => {
      const theirs = await draftOf(B);
      const before = await descriptionOf(await productOf(B));
      expect(
        await codeOf(
          (await staffOf("owner")).productCopy.accept({ draftId: theirs.draftId, copy: theirs.copy }),
        ),
      ).toBe("NOT_FOUND");
      expect(await descriptionOf(await productOf(B))).toBe(before);
      const mine = await draftOf(A);
      await (
        await staffOf("budtender")
      ).productCopy.accept({ draftId: mine.draftId, copy: mine.copy, replaceChanged: true });
      expect(await descriptionOf(await productOf(A))).toBe(mine.copy.description);
    });
    refusesOutsiders(async (c) => {
      const d = await draftOf(A);
      return c.productCopy.accept({ draftId: d.draftId, copy: d.copy });
    }, WRITERS);
  },
  "productCopy.reject": () => {
    it("cannot reject another organization's draft", async () => {
      const theirs = await draftOf(B);
      expect(await codeOf((await staffOf("owner")).productCopy.reject({ draftId: theirs.draftId }))).toBe(
        "NOT_FOUND",
      );
      const pending = await (await staffOf("owner", B)).productCopy.drafts({ status: "pending" });
      expect(pending.map((d) => d.id)).toContain(theirs.draftId);
    });
    refusesOutsiders(async (c) => c.productCopy.reject({ draftId: (await draftOf(A)).draftId }), WRITERS);
  },
};
