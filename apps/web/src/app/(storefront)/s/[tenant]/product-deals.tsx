import { Badge } from "@cannasaas/ui/badge";

/** The deals running on a product: those in its price now, and offers that need more items (bundles, BOGO). */
export function ProductDeals({
  product,
}: {
  product: { dealNames: string[]; offers: Array<{ name: string; terms: string }> };
}) {
  if (!product.dealNames.length && !product.offers.length) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Deals">
      {product.dealNames.map((name) => (
        <li key={name}>
          <Badge tone="success">{name}</Badge>
        </li>
      ))}
      {product.offers.map((offer) => (
        <li key={offer.name}>
          <Badge tone="brand" title={offer.name}>
            {offer.terms}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
