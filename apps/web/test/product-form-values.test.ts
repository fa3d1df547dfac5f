import { describe, expect, it } from "vitest";
import {
  productFormDefaults,
  productFormSchema,
  productPayload,
  type ProductFormValues,
} from "../src/app/(dashboard)/dashboard/(app)/catalog/product-form-values";

const CATEGORY = "6f1c1b8e-6a3b-4a40-9d0c-2f5a7d1e9b10";
const values = (overrides: Partial<ProductFormValues> = {}): ProductFormValues => ({
  ...productFormDefaults(undefined, [{ id: CATEGORY }]),
  name: "Blue Dream",
  variants: [{ sku: "BD-35", name: "3.5 g", grams: "3.5", price: "35", medical: "" }],
  ...overrides,
});
const errorsOf = (v: ProductFormValues) => {
  const result = productFormSchema(null).safeParse(v);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("product form values", () => {
  it("sends dollars as cents, percent as basis points, grams as mg and tags as lists", () => {
    const v = values({ thc: "21.5", effects: "relaxed; happy", brandId: "", labResultsUrl: " " });
    expect(errorsOf(v)).toEqual({});
    expect(productPayload(v, 5)).toEqual({
      name: "Blue Dream",
      categoryId: CATEGORY,
      brandId: null,
      description: null,
      strainName: null,
      strainType: null,
      thcBps: 2150,
      cbdBps: null,
      thcMg: null,
      cbdMg: 5,
      effects: ["relaxed", "happy"],
      terpenes: [],
      labResultsUrl: null,
      status: "active",
      variants: [{ sku: "BD-35", name: "3.5 g", weightMg: 3500, priceCents: 3500, medicalPriceCents: null }],
    });
  });

  it("keeps an existing variant's id and shows it again as typed", () => {
    const defaults = productFormDefaults(
      {
        id: "p",
        name: "Gummies",
        categoryId: CATEGORY,
        brandId: null,
        description: null,
        strainName: null,
        strainType: null,
        thcBps: null,
        cbdBps: 1250,
        thcMg: 100,
        cbdMg: null,
        effects: [],
        terpenes: ["myrcene"],
        labResultsUrl: null,
        status: "archived",
        updatedAt: "2026-01-01T00:00:00.000Z",
        variants: [
          {
            id: "6f1c1b8e-6a3b-4a40-9d0c-2f5a7d1e9b11",
            sku: "G-1",
            name: "10 pack",
            weightMg: null,
            priceCents: 1250,
            medicalPriceCents: 1100,
          },
        ],
      },
      [],
    );
    expect(defaults).toMatchObject({ cbd: "12.5", thcMg: "100", terpenes: "myrcene", status: "active" });
    expect(defaults.variants).toEqual([
      {
        id: "6f1c1b8e-6a3b-4a40-9d0c-2f5a7d1e9b11",
        sku: "G-1",
        name: "10 pack",
        grams: "",
        price: "12.50",
        medical: "11.00",
      },
    ]);
    expect(productPayload(defaults, null).variants[0]).toMatchObject({
      id: "6f1c1b8e-6a3b-4a40-9d0c-2f5a7d1e9b11",
      priceCents: 1250,
      medicalPriceCents: 1100,
    });
  });

  it("puts unreadable text and the server schema's refusals under the fields they are about", () => {
    const v = values({
      name: "  ",
      thc: "abc",
      labResultsUrl: "ftp://lab.example/1",
      variants: [
        { sku: "A-1", name: "", grams: "0", price: "12.345", medical: "" },
        { sku: "a-1", name: "7 g", grams: "", price: "-1", medical: "x" },
      ],
    });
    expect(errorsOf(v)).toEqual({
      name: "Enter the product name.",
      thc: "THC must be a percent from 0 to 100, like 21.5.",
      labResultsUrl: "Lab results must be an http(s) link.",
      "variants.0.name": "Name each variant, e.g. 3.5 g.",
      "variants.0.grams": "Enter the weight in grams, like 3.5.",
      "variants.0.price": "Enter the price in dollars, like 12.50.",
      "variants.1.price": "Enter the price in dollars, like 12.50.",
      "variants.1.medical": "Enter the medical price in dollars, like 11.00.",
      "variants.root": "Each variant needs its own SKU.",
    });
  });
});
