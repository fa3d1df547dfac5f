/**
 * The deals running on a product: those in its price now, and offers that need more items (bundles, BOGO).
 * Styled like the UI kit's success and brand badges, by short classes (`menu-deal`, `menu-offer` in
 * globals.css), since every menu card repeats them.
 */
export function ProductDeals({
  product,
}: {
  product: { dealNames?: string[]; offers?: Array<{ name: string; terms: string }> };
}) {
  const dealNames = product.dealNames ?? [];
  const offers = product.offers ?? [];
  if (!dealNames.length && !offers.length) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Deals">
      {dealNames.map((name) => (
        <li key={name} className="menu-deal">
          {name}
        </li>
      ))}
      {offers.map((offer) => (
        <li key={offer.name} className="menu-offer" title={offer.name}>
          {offer.terms}
        </li>
      ))}
    </ul>
  );
}
