// @vitest-environment happy-dom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataTable, type DataTableColumn, type DataTableRow } from "../src/data-table";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const columns: DataTableColumn[] = [
  { id: "name", header: "Product", sortable: true, rowHeader: true },
  { id: "stock", header: "On hand", sortable: true, numeric: true },
  { id: "note", header: "Note" },
];
const rows: DataTableRow[] = [
  { key: "1", cells: { name: "Blue Dream", stock: "12 units", note: "x" }, sort: { stock: 12 } },
  { key: "2", cells: { name: "Apple Fritter", stock: "3 units", note: "y" }, sort: { stock: 3 } },
  { key: "3", cells: { name: "Cherry Pie", stock: "40 units", note: "z" }, sort: { stock: 40 } },
];

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const render = (element: React.ReactElement) => act(() => root.render(element));
const firstColumn = () => [...container.querySelectorAll("tbody th")].map((th) => th.textContent);
const header = (name: string) =>
  [...container.querySelectorAll("thead th")].find((th) => th.textContent === name)!;

describe("DataTable", () => {
  it("keeps the given order and marks no column sorted until asked", () => {
    render(<DataTable caption="Stock" columns={columns} rows={rows} />);
    expect(firstColumn()).toEqual(["Blue Dream", "Apple Fritter", "Cherry Pie"]);
    expect(container.querySelectorAll("[aria-sort]")).toHaveLength(0);
    expect(container.querySelector("caption")?.textContent).toBe("Stock");
  });

  it("sorts by a column when its header is clicked, then reverses, and says so with aria-sort", () => {
    render(<DataTable caption="Stock" columns={columns} rows={rows} />);
    act(() => header("On hand").querySelector("button")!.click());
    expect(header("On hand").getAttribute("aria-sort")).toBe("ascending");
    expect(firstColumn()).toEqual(["Apple Fritter", "Blue Dream", "Cherry Pie"]);

    act(() => header("On hand").querySelector("button")!.click());
    expect(header("On hand").getAttribute("aria-sort")).toBe("descending");
    expect(firstColumn()).toEqual(["Cherry Pie", "Blue Dream", "Apple Fritter"]);

    act(() => header("Product").querySelector("button")!.click());
    expect(header("Product").getAttribute("aria-sort")).toBe("ascending");
    expect(header("On hand").hasAttribute("aria-sort")).toBe(false);
    expect(firstColumn()).toEqual(["Apple Fritter", "Blue Dream", "Cherry Pie"]);
  });

  it("renders headers that cannot sort as plain text, and row headers with scope=row", () => {
    render(<DataTable caption="Stock" columns={columns} rows={rows} />);
    expect(header("Note").querySelector("button")).toBeNull();
    expect(container.querySelector("tbody th")?.getAttribute("scope")).toBe("row");
    expect(header("Note").getAttribute("scope")).toBe("col");
  });

  it("shows the empty message in one row across every column", () => {
    render(<DataTable caption="Stock" columns={columns} rows={[]} empty="No products yet." />);
    const cells = container.querySelectorAll("tbody td");
    expect(cells).toHaveLength(1);
    expect(cells[0]!.textContent).toBe("No products yet.");
    expect(cells[0]!.getAttribute("colspan")).toBe("3");
  });

  it("marks the table busy and hides placeholder rows from screen readers while loading", () => {
    render(<DataTable caption="Stock" columns={columns} rows={rows} loading loadingRows={2} />);
    const table = container.querySelector("table")!;
    expect(table.getAttribute("aria-busy")).toBe("true");
    expect(container.querySelectorAll("tbody tr[aria-hidden=true]")).toHaveLength(2);
    expect(container.textContent).not.toContain("Blue Dream");
  });

  it("renders on the server with an initial sort", () => {
    const html = renderToStaticMarkup(
      <DataTable
        caption="Stock"
        columns={columns}
        rows={rows}
        initialSort={{ column: "stock", direction: "descending" }}
      />,
    );
    expect(html).toContain('aria-sort="descending"');
    expect(html.indexOf("Cherry Pie")).toBeLessThan(html.indexOf("Apple Fritter"));
  });
});
