import type { RouterOutputs } from "@cannasaas/api";
import { formatCents, formatWeightMg } from "~/lib/format";

type Variant = RouterOutputs["storefront"]["product"]["variants"][number];

/** Sizes and prices; stock is at the chosen location, or added up over all of them. */
export function VariantTable(props: {
  variants: Variant[];
  medicalEnabled: boolean;
  location: { id: string; name: string } | null;
}) {
  const { variants, medicalEnabled, location } = props;
  const stockOf = (v: Variant) =>
    location ? (v.stock.find((s) => s.locationId === location.id)?.available ?? 0) : v.available;
  return (
    <table
      className="w-full overflow-hidden rounded-xl bg-white text-left text-sm shadow-sm"
      data-testid="variants"
    >
      <caption className="sr-only">Sizes and prices</caption>
      <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
        <tr>
          <th scope="col" className="px-3 py-2">
            Size
          </th>
          <th scope="col" className="px-3 py-2">
            Price
          </th>
          {medicalEnabled ? (
            <th scope="col" className="px-3 py-2">
              Medical price
            </th>
          ) : null}
          <th scope="col" className="px-3 py-2">
            {location ? `In stock at ${location.name}` : "In stock"}
          </th>
        </tr>
      </thead>
      <tbody>
        {variants.map((v) => {
          const stock = stockOf(v);
          return (
            <tr key={v.id} className="border-t border-stone-100">
              <th scope="row" className="px-3 py-2 font-medium">
                {v.name}
                {v.weightMg !== null && v.name !== formatWeightMg(v.weightMg) ? (
                  <span className="block text-xs font-normal text-stone-500">
                    {formatWeightMg(v.weightMg)}
                  </span>
                ) : null}
              </th>
              <td className="px-3 py-2 font-semibold">{formatCents(v.priceCents)}</td>
              {medicalEnabled ? (
                <td className="px-3 py-2">
                  {v.medicalPriceCents !== null ? formatCents(v.medicalPriceCents) : "—"}
                </td>
              ) : null}
              <td className={`px-3 py-2 ${stock > 0 ? "" : "font-medium text-red-700"}`}>
                {stock > 0 ? stock : "Sold out"}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
