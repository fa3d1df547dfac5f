import type { RouterOutputs } from "@cannasaas/api";

type Product = RouterOutputs["storefront"]["product"];

/** schema.org Product for a product page: one Offer per variant at the adult-use price, in dollars. */
export function productJsonLd(
  product: Product,
  options: { url: string; storeName: string; rating?: { average: number | null; count: number } },
) {
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    url: options.url,
    category: product.category.name,
    ...(product.description ? { description: product.description } : {}),
    ...(product.imageUrl ? { image: product.imageUrl } : {}),
    ...(product.brand ? { brand: { "@type": "Brand", name: product.brand.name } } : {}),
    // Only approved reviews count; schema.org wants no aggregateRating at all without any.
    ...(options.rating?.count && options.rating.average !== null
      ? {
          aggregateRating: {
            "@type": "AggregateRating",
            ratingValue: options.rating.average.toFixed(1),
            reviewCount: options.rating.count,
            bestRating: 5,
            worstRating: 1,
          },
        }
      : {}),
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
