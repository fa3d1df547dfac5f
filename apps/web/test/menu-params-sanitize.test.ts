import { describe, expect, it } from "vitest";
import { parseMenuParams, toMenuInput, type SearchParams } from "../src/lib/menu-params";
import { MAX_PAGE, sanitizeMenuParams } from "../src/lib/menu-params-sanitize";

const clean = (search: SearchParams) => {
  const page = Array.isArray(search.page) ? search.page[0] : search.page;
  return sanitizeMenuParams(parseMenuParams(search), page);
};

describe("menu URL parameters from a hand-edited link", () => {
  it("leaves a sound link alone and says nothing", () => {
    const { params, notices } = clean({ q: "blue dream", sort: "price_asc", strain: "indica", page: "2" });
    expect(notices).toEqual([]);
    expect(params).toMatchObject({ q: "blue dream", sort: "price_asc", strain: ["indica"], page: 2 });
  });

  it("drops a lone surrogate, which no database can store, from any parameter", () => {
    const { params } = clean({ q: "kush\ud800", brand: ["\udc00cookies"] });
    expect(params.q).toBe("kush");
    expect(params.brand).toEqual(["cookies"]);
  });

  it("removes a NUL byte and other control characters from the search, and says so", () => {
    const { params, notices } = clean({ q: "kush\u0000\u0007 og" });
    expect(params.q).toBe("kush og");
    expect(notices).toEqual(["Removed characters a search can't contain."]);
  });

  it("cuts an overlong search to the search box's limit", () => {
    const { params, notices } = clean({ q: "a".repeat(5_000) });
    expect(params.q).toHaveLength(100);
    expect(notices[0]).toMatch(/at most 100 characters/);
  });

  it("shows the whole menu for a search of punctuation only, and explains why", () => {
    const { params, notices } = clean({ q: "!!! ... ???" });
    expect(params.q).toBe("");
    expect(notices[0]).toMatch(/no letters or digits/);
    // Letters of any script count.
    expect(clean({ q: "café" }).params.q).toBe("café");
  });

  it("ignores an unknown sort, price list, category, strain, brand or a range that is not a number", () => {
    const { params, notices } = clean({
      sort: "price_asc'; drop table products;--",
      menu: "wholesale",
      category: "../etc",
      strain: ["indica", "purple"],
      brand: ["acme", "<script>"],
      thcMin: "1e9",
      priceMax: "NaN",
    });
    expect(params).toMatchObject({
      sort: "",
      menu: "",
      category: "",
      strain: ["indica"],
      brand: ["acme"],
      thcMin: "",
      priceMax: "",
    });
    expect(notices).toHaveLength(5);
    // What is left is a query the API accepts.
    expect(toMenuInput(params, { pageSize: 24 })).toMatchObject({ sort: undefined, strainTypes: ["indica"] });
  });

  it("turns absurd page numbers into the first page, or the last page the API serves", () => {
    expect(clean({ page: "-3" })).toMatchObject({
      params: { page: 1 },
      notices: [expect.stringMatching(/page/)],
    });
    expect(clean({ page: "2.5" }).params.page).toBe(1);
    expect(clean({ page: "abc" }).params.page).toBe(1);
    expect(clean({ page: "99999999999999999999" }).params.page).toBe(MAX_PAGE);
    expect(clean({ page: "" })).toEqual(expect.objectContaining({ notices: [] }));
  });
});
