import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Badge } from "../src/badge";
import { Card } from "../src/card";
import { Table, TableBody, TableCell, TableEmpty } from "../src/table";

describe("Card", () => {
  it("emits one padding when a page overrides it", () => {
    const html = renderToStaticMarkup(<Card className="p-5">x</Card>);
    expect(html).toContain("p-5");
    expect(html).not.toMatch(/\bp-4\b/);
  });

  it("renders as a labelled section so it can be a landmark region", () => {
    const html = renderToStaticMarkup(
      <Card as="section" aria-labelledby="t">
        <h2 id="t">Locations</h2>
      </Card>,
    );
    expect(html).toMatch(/^<section class="[^"]*rounded-xl[^"]*"/);
    expect(html).toContain('aria-labelledby="t"');
  });
});

describe("Badge and table cells", () => {
  it("lets a page's colour replace the tone's colour", () => {
    const html = renderToStaticMarkup(
      <Badge tone="success" className="bg-lime-200">
        Active
      </Badge>,
    );
    expect(html).toContain("bg-lime-200");
    expect(html).not.toContain("bg-emerald-100");
  });

  it("right-aligns numeric cells and spans the empty row across the columns", () => {
    const html = renderToStaticMarkup(
      <Table>
        <TableBody>
          <tr>
            <TableCell numeric>3</TableCell>
          </tr>
          <TableEmpty colSpan={4}>Nothing yet.</TableEmpty>
        </TableBody>
      </Table>,
    );
    expect(html).toContain('class="px-3 py-2 text-right tabular-nums"');
    expect(html).toContain('colSpan="4"');
  });
});
