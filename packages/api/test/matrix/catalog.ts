/** Dashboard catalog: staff of the active organization only, with catalog/prices rights, on the platform host. */
import { expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { products, productVariants } from "@cannasaas/db/schema";
import { CSV_COLUMNS } from "@cannasaas/core";
import type { FixtureTenant } from "@cannasaas/core/testing";
import { codeOf } from "../helpers";
import { withStorage } from "./customers-world";
import { A, api, B, handle, HOST, NOT_DASHBOARD, staff } from "./world";

type Caller = Awaited<ReturnType<typeof api>>;
type Role = Parameters<typeof staff>[1];
const staffAt = (t: FixtureTenant, role: Role, org: string = t.org.id) =>
  api(HOST.platform, { user: staff(t, role), org });

/** The refusals every catalog procedure shares, for the roles that lack its permission. */
function itGuards(deniedRoles: Role[], call: (caller: Caller) => Promise<unknown>) {
  it.each(deniedRoles)("is FORBIDDEN for a %s", async (role) => {
    expect(await codeOf(call(await staffAt(A, role)))).toBe("FORBIDDEN");
  });
  it("is FORBIDDEN for another organization's owner and off the platform host; needs sign-in", async () => {
    expect(await codeOf(call(await staffAt(A, "owner", B.org.id)))).toBe("FORBIDDEN");
    for (const host of NOT_DASHBOARD) {
      expect(await codeOf(call(await api(host, { user: staff(A, "owner"), org: A.org.id })))).toBe(
        "FORBIDDEN",
      );
    }
    expect(await codeOf(call(await api(HOST.platform, { org: A.org.id })))).toBe("UNAUTHORIZED");
  });
}
const READ_DENIED: Role[] = ["driver"];
const WRITE_DENIED: Role[] = ["driver", "viewer"];

const categoryOf = (t: FixtureTenant) => t.products[0]!.categoryId;
const draft = (t: FixtureTenant, sku: string) => ({
  name: `Matrix ${sku}`,
  categoryId: categoryOf(t),
  brandId: null,
  description: null,
  strainName: null,
  strainType: null,
  thcBps: null,
  cbdBps: null,
  thcMg: null,
  cbdMg: null,
  effects: [],
  terpenes: [],
  labResultsUrl: null,
  // Drafts never reach the storefront, so the storefront entries keep their exact product lists.
  status: "draft" as const,
  variants: [{ sku, name: "1 g", weightMg: 1000, priceCents: 1000, medicalPriceCents: null }],
});
const newSku = () => `MX-${crypto.randomUUID().slice(0, 8)}`;
const someProduct = () => ({ productId: crypto.randomUUID() });
const CSV_HEADER = CSV_COLUMNS.join(",");
const csvRow = (sku: string, name: string, price = "10.00") =>
  CSV_COLUMNS.map(
    (c) =>
      ({ sku, product_name: name, variant_name: "1 g", category: "Flower", price, status: "draft" })[
        c as string
      ] ?? "",
  ).join(",");

async function variantPrice(t: FixtureTenant, sku: string) {
  const [v] = await handle.db
    .select({ priceCents: productVariants.priceCents })
    .from(productVariants)
    .where(and(eq(productVariants.organizationId, t.org.id), eq(productVariants.sku, sku)));
  return v?.priceCents ?? null;
}

export const catalogEntries: Record<string, () => void> = {
  "catalog.products.list": () => {
    it("lists the active organization's products only", async () => {
      const atA = await (await staffAt(A, "viewer")).catalog.products.list({});
      expect(atA.products.map((p) => p.name)).toContain("mx-a Blue Dream");
      expect(atA.products.some((p) => p.name.startsWith("mx-b"))).toBe(false);
      const searchB = await (await staffAt(B, "budtender")).catalog.products.list({ q: "mx-a" });
      expect(searchB.total).toBe(0);
    });
    itGuards(READ_DENIED, (c) => c.catalog.products.list({}));
  },
  "catalog.products.get": () => {
    it("finds a product in its own organization only", async () => {
      const id = A.products[0]!.id;
      expect((await (await staffAt(A, "viewer")).catalog.products.get({ productId: id })).id).toBe(id);
      expect(await codeOf((await staffAt(B, "owner")).catalog.products.get({ productId: id }))).toBe(
        "NOT_FOUND",
      );
    });
    itGuards(READ_DENIED, (c) => c.catalog.products.get(someProduct()));
  },
  "catalog.products.create": () => {
    it("creates in the active organization; refuses another's category and a budtender (prices)", async () => {
      const sku = newSku();
      const created = await (await staffAt(A, "manager")).catalog.products.create(draft(A, sku));
      expect(created.organizationId).toBe(A.org.id);
      const foreign = { ...draft(A, newSku()), categoryId: categoryOf(B) };
      expect(await codeOf((await staffAt(A, "owner")).catalog.products.create(foreign))).toBe("BAD_REQUEST");
      expect(await codeOf((await staffAt(A, "budtender")).catalog.products.create(draft(A, newSku())))).toBe(
        "FORBIDDEN",
      );
      expect(
        await codeOf(
          (await staffAt(A, "owner")).catalog.products.create({ ...draft(A, newSku()), variants: [] }),
        ),
      ).toBe("BAD_REQUEST");
    });
    itGuards(WRITE_DENIED, (c) => c.catalog.products.create(draft(A, newSku())));
  },
  "catalog.products.update": () => {
    it("edits own products; a budtender edits text but not prices; stale edits conflict", async () => {
      const sku = newSku();
      const p = await (await staffAt(A, "owner")).catalog.products.create(draft(A, sku));
      const base = {
        ...draft(A, sku),
        productId: p.id,
        expectedUpdatedAt: p.updatedAt,
        variants: p.variants,
      };
      const budtender = await staffAt(A, "budtender");
      const text = await budtender.catalog.products.update({ ...base, description: "Now with notes" });
      expect(text.description).toBe("Now with notes");
      const repriced = {
        ...base,
        expectedUpdatedAt: text.updatedAt,
        variants: text.variants.map((v) => ({ ...v, priceCents: 1 })),
      };
      expect(await codeOf(budtender.catalog.products.update(repriced))).toBe("FORBIDDEN");
      expect(await variantPrice(A, sku)).toBe(1000);
      expect(await codeOf((await staffAt(A, "manager")).catalog.products.update(base))).toBe("CONFLICT");
      expect(
        (await (await staffAt(A, "manager")).catalog.products.update(repriced)).variants[0]!.priceCents,
      ).toBe(1);
      expect(await codeOf((await staffAt(B, "owner")).catalog.products.update(repriced))).toBe("NOT_FOUND");
    });
    itGuards(WRITE_DENIED, (c) =>
      c.catalog.products.update({ ...draft(A, newSku()), ...someProduct(), expectedUpdatedAt: new Date() }),
    );
  },
  "catalog.products.archive": () => {
    it("archives own products only", async () => {
      const p = await (await staffAt(A, "owner")).catalog.products.create(draft(A, newSku()));
      expect(await codeOf((await staffAt(B, "owner")).catalog.products.archive({ productId: p.id }))).toBe(
        "NOT_FOUND",
      );
      expect(
        (await (await staffAt(A, "budtender")).catalog.products.archive({ productId: p.id })).status,
      ).toBe("archived");
    });
    itGuards(WRITE_DENIED, (c) => c.catalog.products.archive(someProduct()));
  },
  "catalog.products.restore": () => {
    it("restores own products only", async () => {
      const p = await (await staffAt(A, "owner")).catalog.products.create(draft(A, newSku()));
      await (await staffAt(A, "owner")).catalog.products.archive({ productId: p.id });
      expect(await codeOf((await staffAt(B, "owner")).catalog.products.restore({ productId: p.id }))).toBe(
        "NOT_FOUND",
      );
      expect((await (await staffAt(A, "manager")).catalog.products.restore({ productId: p.id })).status).toBe(
        "active",
      );
      await (await staffAt(A, "manager")).catalog.products.archive({ productId: p.id });
    });
    itGuards(WRITE_DENIED, (c) => c.catalog.products.restore(someProduct()));
  },
  "catalog.products.uploadImage": () => {
    withStorage();
    it("refuses another organization's product and files that are not photos", async () => {
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      const foreign = { productId: B.products[0]!.id, file: png };
      expect(await codeOf((await staffAt(A, "owner")).catalog.products.uploadImage(foreign))).toBe(
        "NOT_FOUND",
      );
      const notImage = { productId: A.products[0]!.id, file: new TextEncoder().encode("hello") };
      expect(await codeOf((await staffAt(A, "owner")).catalog.products.uploadImage(notImage))).toBe(
        "BAD_REQUEST",
      );
      const [row] = await handle.db.select().from(products).where(eq(products.id, A.products[0]!.id));
      expect(row!.imageUrl).toBeNull();
    });
    itGuards(WRITE_DENIED, (c) =>
      c.catalog.products.uploadImage({ ...someProduct(), file: new Uint8Array([1]) }),
    );
  },
  "catalog.categories.list": () => {
    it("lists the active organization's categories only", async () => {
      const ids = (await (await staffAt(A, "viewer")).catalog.categories.list()).map((c) => c.id);
      expect(ids).toContain(categoryOf(A));
      expect(ids).not.toContain(categoryOf(B));
    });
    itGuards(READ_DENIED, (c) => c.catalog.categories.list());
  },
  "catalog.categories.create": () => {
    it("creates in the active organization; a repeated name is a conflict", async () => {
      const name = `Matrix ${newSku()}`;
      await (await staffAt(A, "manager")).catalog.categories.create({ name, limitKind: "flower" });
      expect(
        await codeOf((await staffAt(A, "manager")).catalog.categories.create({ name, limitKind: "flower" })),
      ).toBe("CONFLICT");
      // The same name is free at B.
      await (await staffAt(B, "owner")).catalog.categories.create({ name, limitKind: "topical" });
    });
    itGuards(WRITE_DENIED, (c) => c.catalog.categories.create({ name: "Nope", limitKind: "flower" }));
  },
  "catalog.categories.setLimitKind": () => {
    it("changes own categories only, and only with the right to change regulated fields", async () => {
      const created = await (
        await staffAt(A, "owner")
      ).catalog.categories.create({ name: `K ${newSku()}`, limitKind: "flower" });
      const hijack = { categoryId: created.id, limitKind: "non_cannabis" as const };
      expect(await codeOf((await staffAt(B, "owner")).catalog.categories.setLimitKind(hijack))).toBe(
        "NOT_FOUND",
      );
      expect(await codeOf((await staffAt(A, "budtender")).catalog.categories.setLimitKind(hijack))).toBe(
        "FORBIDDEN",
      );
      const set = await (
        await staffAt(A, "manager")
      ).catalog.categories.setLimitKind({ categoryId: created.id, limitKind: "concentrate" });
      expect(set.limitKind).toBe("concentrate");
    });
    itGuards(["driver", "viewer", "budtender"], (c) =>
      c.catalog.categories.setLimitKind({ categoryId: crypto.randomUUID(), limitKind: "flower" }),
    );
  },
  "catalog.categories.rename": () => {
    it("renames own categories only", async () => {
      const created = await (
        await staffAt(A, "owner")
      ).catalog.categories.create({ name: `R ${newSku()}`, limitKind: "flower" });
      expect(
        await codeOf(
          (await staffAt(B, "owner")).catalog.categories.rename({ categoryId: created.id, name: "Hijack" }),
        ),
      ).toBe("NOT_FOUND");
      const renamed = await (
        await staffAt(A, "owner")
      ).catalog.categories.rename({
        categoryId: created.id,
        name: "Renamed",
      });
      expect([renamed.name, renamed.slug]).toEqual(["Renamed", created.slug]);
    });
    itGuards(WRITE_DENIED, (c) =>
      c.catalog.categories.rename({ categoryId: crypto.randomUUID(), name: "x" }),
    );
  },
  "catalog.brands.list": () => {
    it("lists the active organization's brands only", async () => {
      const names = (await (await staffAt(B, "viewer")).catalog.brands.list()).map((b) => b.name);
      expect(names).toContain("mx-b House");
      expect(names).not.toContain("mx-a House");
    });
    itGuards(READ_DENIED, (c) => c.catalog.brands.list());
  },
  "catalog.brands.create": () => {
    it("creates in the active organization", async () => {
      const brand = await (
        await staffAt(A, "budtender")
      ).catalog.brands.create({ name: `Brand ${newSku()}` });
      expect((await (await staffAt(A, "viewer")).catalog.brands.list()).map((b) => b.id)).toContain(brand.id);
      expect((await (await staffAt(B, "viewer")).catalog.brands.list()).map((b) => b.id)).not.toContain(
        brand.id,
      );
    });
    itGuards(WRITE_DENIED, (c) => c.catalog.brands.create({ name: "Nope" }));
  },
  "catalog.imports.create": () => {
    it("validates into a job of the active organization; a budtender cannot import (prices)", async () => {
      const sku = newSku();
      const csv = [CSV_HEADER, csvRow(sku, `Imported ${sku}`), csvRow(`${sku}-X`, "Broken", "free")].join(
        "\n",
      );
      const job = await (await staffAt(A, "manager")).catalog.imports.create({ fileName: "m.csv", csv });
      expect(job).toMatchObject({ organizationId: A.org.id, validRows: 1, status: "ready" });
      expect(job.rowErrors).toEqual([
        { row: 3, column: "price", message: 'Price must be dollars like 12.50; got "free".' },
      ]);
      expect(await variantPrice(A, sku)).toBeNull();
      expect(
        await codeOf((await staffAt(A, "budtender")).catalog.imports.create({ fileName: "m.csv", csv })),
      ).toBe("FORBIDDEN");
    });
    itGuards(WRITE_DENIED, (c) => c.catalog.imports.create({ fileName: "x.csv", csv: CSV_HEADER }));
  },
  "catalog.imports.applyNext": () => {
    it("applies a job into its own organization; another organization cannot touch it", async () => {
      const sku = newSku();
      const csv = [CSV_HEADER, csvRow(sku, `Applied ${sku}`, "12.50")].join("\n");
      const job = await (await staffAt(A, "owner")).catalog.imports.create({ fileName: "a.csv", csv });
      expect(await codeOf((await staffAt(B, "owner")).catalog.imports.applyNext({ importId: job.id }))).toBe(
        "NOT_FOUND",
      );
      expect(await variantPrice(B, sku)).toBeNull();
      const done = await (await staffAt(A, "owner")).catalog.imports.applyNext({ importId: job.id });
      expect(done).toMatchObject({ status: "completed", appliedRows: 1 });
      expect(await variantPrice(A, sku)).toBe(1250);
      expect(
        await codeOf((await staffAt(A, "budtender")).catalog.imports.applyNext({ importId: job.id })),
      ).toBe("FORBIDDEN");
    });
    itGuards(WRITE_DENIED, (c) => c.catalog.imports.applyNext({ importId: crypto.randomUUID() }));
  },
  "catalog.imports.get": () => {
    it("shows a job to its own organization only", async () => {
      const csv = [CSV_HEADER, csvRow(newSku(), "Gettable")].join("\n");
      const job = await (await staffAt(A, "owner")).catalog.imports.create({ fileName: "g.csv", csv });
      expect((await (await staffAt(A, "viewer")).catalog.imports.get({ importId: job.id })).id).toBe(job.id);
      expect(await codeOf((await staffAt(B, "owner")).catalog.imports.get({ importId: job.id }))).toBe(
        "NOT_FOUND",
      );
    });
    itGuards(READ_DENIED, (c) => c.catalog.imports.get({ importId: crypto.randomUUID() }));
  },
  "catalog.imports.list": () => {
    it("lists the active organization's jobs only", async () => {
      const csv = [CSV_HEADER, csvRow(newSku(), "Listed")].join("\n");
      const job = await (await staffAt(A, "owner")).catalog.imports.create({ fileName: "l.csv", csv });
      expect((await (await staffAt(A, "viewer")).catalog.imports.list()).map((j) => j.id)).toContain(job.id);
      expect((await (await staffAt(B, "owner")).catalog.imports.list()).map((j) => j.id)).not.toContain(
        job.id,
      );
    });
    itGuards(READ_DENIED, (c) => c.catalog.imports.list());
  },
  "catalog.exportAccess": () => {
    it("answers with the active organization", async () => {
      expect(await (await staffAt(B, "viewer")).catalog.exportAccess()).toEqual({ organizationId: B.org.id });
    });
    itGuards(READ_DENIED, (c) => c.catalog.exportAccess());
  },
};
