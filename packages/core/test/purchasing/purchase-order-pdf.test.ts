import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { purchaseOrderPdf, type getPurchaseOrder } from "../../src/purchasing";

type PurchaseOrder = Awaited<ReturnType<typeof getPurchaseOrder>>;

/** The text of each page as pdf.js reads it: proves the file parses, not merely that bytes came out. */
async function pagesText(bytes: Uint8Array) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  return pages;
}

function order(
  lines: Array<{ name: string; sku: string; qty: number; cost: number }>,
  notes: string | null = null,
) {
  const created = new Date("2026-03-02T15:00:00Z");
  return {
    order: { id: "po", number: 1007, status: "draft", notes, createdAt: created, sentAt: null },
    supplier: {
      name: "Valley Farms",
      contactName: "Ana Ruiz",
      email: "orders@valley.example",
      phone: "555-0100",
    },
    locationName: "Main Street",
    locationTimeZone: "America/New_York",
    lines: lines.map((l, i) => ({
      id: `line-${i}`,
      variantId: `variant-${i}`,
      sku: l.sku,
      productName: l.name,
      variantName: "3.5 g",
      quantityOrdered: l.qty,
      quantityReceived: 0,
      unitCostCents: l.cost,
    })),
    receipts: [],
  } as unknown as PurchaseOrder;
}

const at = new Date("2026-03-02T16:00:00Z");

describe("purchase order PDF", () => {
  it("parses and carries the order number, both parties, every line and the total", async () => {
    const bytes = await purchaseOrderPdf(
      order(
        [
          { name: "Blue Dream", sku: "BD-35", qty: 12, cost: 1850 },
          { name: "Sour Diesel", sku: "SD-35", qty: 3, cost: 120_005 },
        ],
        "Deliver before noon",
      ),
      { organizationName: "Greenleaf", generatedAt: at },
    );
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const pages = await pagesText(bytes);
    expect(pages).toHaveLength(1);
    const text = pages[0]!;
    for (const expected of [
      "PO-1007",
      "From Greenleaf",
      "Deliver to Main Street",
      "Dated March 2, 2026",
      "To Valley Farms",
      "Ana Ruiz, orders@valley.example, 555-0100",
      "Blue Dream (3.5 g)",
      "BD-35",
      "$18.50",
      "$222.00", // 12 x $18.50
      "$1,200.05",
      "$3,600.15", // 3 x $1,200.05
      "Total $3,822.15",
      "Notes: Deliver before noon",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("continues long orders on further pages without losing a line", async () => {
    const lines = Array.from({ length: 90 }, (_, i) => ({
      name: `Strain ${i + 1}`,
      sku: `SKU-${i + 1}`,
      qty: 1,
      cost: 100,
    }));
    const pages = await pagesText(
      await purchaseOrderPdf(order(lines), { organizationName: "Greenleaf", generatedAt: at }),
    );
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.join(" ");
    for (let i = 1; i <= 90; i++) expect(all).toContain(`SKU-${i} `);
    expect(pages.at(-1)).toContain("Total $90.00");
    expect(pages[1]).toContain("PO-1007 (continued)");
    expect(pages[0]).toContain(`page 1 of ${pages.length}`);
  });

  it("prints names the standard fonts cannot draw with a stand-in instead of failing", async () => {
    const pages = await pagesText(
      await purchaseOrderPdf(order([{ name: "Kush 🌿 東", sku: "K-1", qty: 2, cost: 500 }]), {
        organizationName: "Greenleaf",
        generatedAt: at,
      }),
    );
    expect(pages[0]).toContain("Kush ? ?");
    expect(pages[0]).toContain("Total $10.00");
  });
});
