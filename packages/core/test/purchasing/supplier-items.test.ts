import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  createSupplier,
  listSupplierItems,
  removeSupplierItem,
  searchSupplierItemChoices,
  setSupplierItem,
} from "../../src";
import { createFixtureTenant, type FixtureTenant } from "../../src/testing";

let handle: DatabaseHandle;
let shop: FixtureTenant;
let other: FixtureTenant;
let supplierId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  shop = await createFixtureTenant(handle.db, { tag: "terms-shop", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "terms-other", passwordHash: "x" });
  supplierId = (await createSupplier(handle.db, shop.org.id, { name: "Hill Farms", leadTimeDays: 4 })).id;
});
afterAll(async () => handle?.close());

describe("what a supplier sells", () => {
  it("records a variant's cost and pack size, and a second call changes the terms rather than adding a row", async () => {
    const variantId = shop.variants[0]!.id;
    await setSupplierItem(handle.db, shop.org.id, {
      supplierId,
      variantId,
      unitCostCents: 1500,
      packSize: 10,
    });
    await setSupplierItem(handle.db, shop.org.id, {
      supplierId,
      variantId,
      unitCostCents: 1400,
      packSize: 12,
    });
    const items = await listSupplierItems(handle.db, shop.org.id, supplierId);
    expect(items.map((i) => [i.variantId, i.unitCostCents, i.packSize])).toEqual([[variantId, 1400, 12]]);
  });

  it("finds the organization's variants by SKU with this supplier's terms, never another tenant's", async () => {
    const [variant] = shop.variants;
    const found = await searchSupplierItemChoices(handle.db, shop.org.id, { supplierId, q: variant!.sku });
    expect(found.find((v) => v.variantId === variant!.id)).toMatchObject({
      unitCostCents: 1400,
      packSize: 12,
    });
    const unpriced = found.filter((v) => v.variantId !== variant!.id);
    expect(unpriced.every((v) => v.unitCostCents === null)).toBe(true);

    const everything = await searchSupplierItemChoices(handle.db, shop.org.id, {
      supplierId,
      q: "",
      limit: 500,
    });
    const foreign = new Set(other.variants.map((v) => v.id));
    expect(everything.length).toBe(shop.variants.length);
    expect(everything.some((v) => foreign.has(v.variantId))).toBe(false);
    // "%" is a character to search for, not a wildcard that matches every SKU.
    expect(await searchSupplierItemChoices(handle.db, shop.org.id, { supplierId, q: "%" })).toEqual([]);
  });

  it("refuses another tenant's supplier or variant, and removes terms once", async () => {
    const variantId = shop.variants[0]!.id;
    await expect(
      searchSupplierItemChoices(handle.db, other.org.id, { supplierId, q: "" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      setSupplierItem(handle.db, shop.org.id, {
        supplierId,
        variantId: other.variants[0]!.id,
        unitCostCents: 1,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      removeSupplierItem(handle.db, other.org.id, { supplierId, variantId }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await listSupplierItems(handle.db, shop.org.id, supplierId)).toHaveLength(1);

    await removeSupplierItem(handle.db, shop.org.id, { supplierId, variantId });
    expect(await listSupplierItems(handle.db, shop.org.id, supplierId)).toEqual([]);
    await expect(removeSupplierItem(handle.db, shop.org.id, { supplierId, variantId })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );
  });
});
