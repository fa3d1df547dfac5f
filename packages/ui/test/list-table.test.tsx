import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PageHeader } from "../src/page-header";
import { ListTable } from "../src/table";

const columns = [
  { header: "Customer", cell: (r: { id: string; name: string; points: number }) => r.name },
  { header: "Points", numeric: true, cell: (r: { points: number }) => r.points.toLocaleString("en-US") },
];

describe("ListTable", () => {
  it("renders a header per column and a row per item, figures right-aligned", () => {
    const html = renderToStaticMarkup(
      <ListTable
        columns={columns}
        rows={[
          { id: "a", name: "Ana", points: 1200 },
          { id: "b", name: "Ben", points: 5 },
        ]}
        rowKey={(r) => r.id}
        empty="No customers yet."
      />,
    );
    expect(html.match(/<th scope="col"/g)).toHaveLength(2);
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain("Ana");
    expect(html).toMatch(/<td class="[^"]*text-right[^"]*tabular-nums[^"]*">1,200<\/td>/);
    expect(html).not.toContain("No customers yet.");
  });

  it("says so across every column when there are no rows", () => {
    const html = renderToStaticMarkup(
      <ListTable
        columns={columns}
        rows={[]}
        rowKey={() => "x"}
        empty="No customers yet."
        caption="Members"
      />,
    );
    expect(html).toContain('colSpan="2"');
    expect(html).toContain("No customers yet.");
    expect(html).toMatch(/<caption class="sr-only">Members<\/caption>/);
  });
});

describe("PageHeader", () => {
  it("is the page's one h1, with its actions beside it and the description under it", () => {
    const html = renderToStaticMarkup(
      <PageHeader title="Loyalty" description="Points and rewards." actions={<a href="/s">Settings</a>} />,
    );
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toMatch(/<h1[^>]*>Loyalty<\/h1><a href="\/s">Settings<\/a>/);
    expect(html).toContain('<p class="text-stone-700">Points and rewards.</p>');
  });
});
