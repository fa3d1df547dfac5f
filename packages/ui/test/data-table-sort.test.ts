import { describe, expect, it } from "vitest";
import { compareSortValues, nextSort, sortRows } from "../src/data-table-sort";

describe("sortRows", () => {
  const rows = [
    { name: "Blue Dream", stock: 12 },
    { name: "apple fritter", stock: 3 },
    { name: "Item 10", stock: null },
    { name: "Item 9", stock: 40 },
  ];

  it("sorts text case-insensitively and numbers inside text by value", () => {
    expect(sortRows(rows, (r) => r.name, "ascending").map((r) => r.name)).toEqual([
      "apple fritter",
      "Blue Dream",
      "Item 9",
      "Item 10",
    ]);
  });

  it("sorts numbers by value both ways and keeps empty values last", () => {
    expect(sortRows(rows, (r) => r.stock, "ascending").map((r) => r.stock)).toEqual([3, 12, 40, null]);
    expect(sortRows(rows, (r) => r.stock, "descending").map((r) => r.stock)).toEqual([40, 12, 3, null]);
  });

  it("is stable and leaves the input alone", () => {
    const same = [
      { id: "a", v: 1 },
      { id: "b", v: 1 },
      { id: "c", v: 0 },
    ];
    expect(sortRows(same, (r) => r.v, "ascending").map((r) => r.id)).toEqual(["c", "a", "b"]);
    expect(same.map((r) => r.id)).toEqual(["a", "b", "c"]);
  });

  it("treats an empty string like a missing value", () => {
    expect(compareSortValues("", "a", "descending")).toBe(1);
    expect(compareSortValues(undefined, null, "ascending")).toBe(0);
  });
});

describe("nextSort", () => {
  it("starts a new column ascending and flips the same column", () => {
    expect(nextSort(null, "name")).toEqual({ column: "name", direction: "ascending" });
    expect(nextSort({ column: "name", direction: "ascending" }, "name")).toEqual({
      column: "name",
      direction: "descending",
    });
    expect(nextSort({ column: "name", direction: "descending" }, "stock")).toEqual({
      column: "stock",
      direction: "ascending",
    });
  });
});
