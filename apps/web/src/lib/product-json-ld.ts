import type { RouterOutputs } from "@cannasaas/api";

type Product = RouterOutputs["storefront"]["product"];

/** schema.org Product for a product page: one Offer per variant at the adult-use price, in dollars. */
export function productJsonLd(product: Product, options: { url: string; storeName: string }) {
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    url: options.url,
    category: product.category.name,
    ...(product.description ? { description: product.description } : {}),
    ...(product.imageUrl ? { image: product.imageUrl } : {}),
    ...(product.brand ? { brand: { "@type": "Brand", name: product.brand.name } } : {}),
    offers: product.variants.map((v) => ({
      "@type": "Offer",
      name: v.name,
      sku: v.sku,
      price: (v.priceCents / 100).toFixed(2),
      priceCurrency: "USD",
      availability: v.available > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      url: options.url,
      seller: { "@type": "Organization", name: options.storeName },
    })),
  };
}

/** JSON for a <script> element: "<" is escaped so no text in the data can close the element. */
export const scriptJson = (data: unknown) => JSON.stringify(data).replace(/</g, "\\u003c");
