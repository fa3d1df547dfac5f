import type { RouterOutputs } from "@cannasaas/api";
import { formatToday } from "~/lib/hours";
import { OpenBadge } from "../../open-badge";

type Props = {
  product: RouterOutputs["storefront"]["product"];
  locations: RouterOutputs["storefront"]["locations"];
  chosenId: string | null;
};

/** Live stock of every size at each of the store's locations, with whether the location is open now. */
export function StockByLocation({ product, locations, chosenId }: Props) {
  return (
    <section aria-labelledby="stock-heading" className="flex flex-col gap-3">
      <h2 id="stock-heading" className="text-lg font-semibold">
        Stock by location
      </h2>
      <ul className="grid gap-3 md:grid-cols-2" data-testid="stock-by-location">
        {product.locations.map((place) => {
          const info = locations.find((l) => l.id === place.id);
          return (
            <li
              key={place.id}
              className={`rounded-xl bg-white p-4 shadow-sm ${place.id === chosenId ? "ring-2 ring-brand" : ""}`}
              aria-current={place.id === chosenId ? "location" : undefined}
            >
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="font-semibold">{place.name}</h3>
                {info ? <OpenBadge open={info.openNow} /> : null}
              </div>
              {info ? (
                <p className="text-xs text-stone-600">
                  {info.addressLine1}, {info.city} · Today: {formatToday(info.today)}
                </p>
              ) : null}
              <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
                {product.variants.map((v) => {
                  const available = v.stock.find((s) => s.locationId === place.id)?.available ?? 0;
                  return (
                    <div key={v.id} className="contents">
                      <dt>{v.name}</dt>
                      <dd className={available > 0 ? "text-right" : "text-right font-medium text-red-700"}>
                        {available > 0 ? `${available} in stock` : "Sold out"}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
