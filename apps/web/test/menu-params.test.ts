import { describe, expect, it } from "vitest";
import { activeFilterCount, menuHref, parseMenuParams, toMenuInput } from "../src/lib/menu-params";

describe("menu URL parameters", () => {
  const params = parseMenuParams({
    q: " kush ",
    category: "flower",
    strain: ["indica", "hybrid", "indica"],
    thcMin: "18.5",
    thcMax: "abc",
    priceMax: "40",
    brand: "acme",
    page: "3",
  });

  it("reads single and repeated values, and ignores what is not a number", () => {
    expect(params).toMatchObject({
      q: "kush",
      strain: ["indica", "hybrid"],
      brand: ["acme"],
      effect: [],
      page: 3,
    });
    expect(toMenuInput(params, { pageSize: 24 })).toMatchObject({
      q: "kush",
      category: "flower",
      strainTypes: ["indica", "hybrid"],
      thcMinBps: 1850,
      thcMaxBps: undefined,
      priceMaxCents: 4000,
      brands: ["acme"],
      page: 3,
    });
    expect(parseMenuParams({ page: "-2" }).page).toBe(1);
    expect(parseMenuParams({ page: "1e9" }).page).toBe(1);
  });

  it("counts narrowing filters and builds URLs that keep them", () => {
    expect(activeFilterCount(params)).toBe(7); // every checked value counts
    expect(menuHref(params, { category: "edible" })).toBe(
      "/?q=kush&category=edible&thcMin=18.5&thcMax=abc&priceMax=40&strain=indica&strain=hybrid&brand=acme",
    );
    expect(menuHref(params, { page: 4 })).toContain("&page=4");
    expect(menuHref(parseMenuParams({}))).toBe("/");
  });
});
