import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  menuHref,
  parseMenuParams,
  toFacetInput,
  toMenuInput,
} from "../src/lib/menu-params";
import { sanitizeMenuParams } from "../src/lib/menu-params-sanitize";

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

describe("filter URLs round-trip", () => {
  /** What the menu page makes of a link: the same parse and sanitize steps. */
  const parsed = (href: string) => {
    const search = new URLSearchParams(href.replace(/^\/\??/, ""));
    const raw = Object.fromEntries([...search.keys()].map((k) => [k, search.getAll(k)]));
    return sanitizeMenuParams(parseMenuParams(raw), search.get("page") ?? undefined);
  };

  it("reads back exactly the filters a menu link was made from, and a removed chip drops only its filter", () => {
    const chosen = {
      ...parseMenuParams({}),
      q: "blu dream",
      category: "flower",
      strain: ["indica", "hybrid"],
      effect: ["Relaxed"],
      brand: ["acme-farms"],
      thcMin: "18.5",
      priceMax: "40",
      sort: "price_asc",
      page: 3,
    };
    const href = menuHref(chosen, { page: 3 });
    expect(parsed(href)).toEqual({ params: chosen, notices: [] });
    const withoutIndica = parsed(menuHref(chosen, { strain: ["hybrid"] })).params;
    expect(withoutIndica).toEqual({ ...chosen, strain: ["hybrid"], page: 1 });
    expect(toFacetInput(chosen)).toEqual({
      q: "blu dream",
      category: "flower",
      strainTypes: ["indica", "hybrid"],
      thcMinBps: 1850,
      thcMaxBps: undefined,
      effects: ["Relaxed"],
      brands: ["acme-farms"],
      priceMinCents: undefined,
      priceMaxCents: 4000,
      menu: undefined,
    });
  });

  it("keeps a malformed link a normal menu: bad values are dropped, good ones survive the round trip", () => {
    const { params, notices } = parsed(
      "/?strain=indica&strain=purple&sort=cheapest&thcMin=abc&category=flower",
    );
    expect(params).toMatchObject({ strain: ["indica"], sort: "", thcMin: "", category: "flower" });
    expect(notices.length).toBe(3);
    expect(menuHref(params)).toBe("/?category=flower&strain=indica");
  });
});
