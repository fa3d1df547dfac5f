import { describe, expect, it } from "vitest";
import { productJsonLd, scriptJson } from "../src/lib/product-json-ld";
import { formatWeekHours } from "../src/lib/hours";

const variant = (over: Record<string, unknown>) => ({
  id: "v",
  sku: "GL-1",
  name: "1 g",
  weightMg: 1000,
  priceCents: 1299,
  medicalPriceCents: null,
  stock: [],
  available: 3,
  ...over,
});

describe("product JSON-LD", () => {
  it("offers each size in dollars, in or out of stock", () => {
    const product = {
      name: "Blue Dream </script><script>alert(1)</script>",
      description: null,
      imageUrl: null,
      category: { slug: "flower", name: "Flower" },
      brand: { slug: "acme", name: "Acme" },
      variants: [variant({}), variant({ sku: "GL-2", priceCents: 4000, available: 0 })],
    } as unknown as Parameters<typeof productJsonLd>[0];
    const data = productJsonLd(product, {
      url: "http://greenleaf.localhost:3000/p/x",
      storeName: "Greenleaf",
    });
    expect(data).toMatchObject({ "@type": "Product", brand: { "@type": "Brand", name: "Acme" } });
    expect(data.offers.map((o) => [o.price, o.availability])).toEqual([
      ["12.99", "https://schema.org/InStock"],
      ["40.00", "https://schema.org/OutOfStock"],
    ]);
    expect(scriptJson(data)).not.toContain("</script>");
    expect(JSON.parse(scriptJson(data))).toEqual(data);
  });
});

describe("opening hours text", () => {
  it("groups days with the same hours", () => {
    const day = { open: "09:00", close: "21:00" };
    expect(
      formatWeekHours({
        mon: day,
        tue: day,
        wed: day,
        thu: day,
        fri: day,
        sat: { open: "10:00", close: "00:00" },
        sun: null,
      }),
    ).toEqual(["Mon–Fri: 9 AM – 9 PM", "Sat: 10 AM – midnight", "Sun: Closed"]);
  });
});
