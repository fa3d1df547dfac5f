import type { RouterOutputs } from "@cannasaas/api";
import { formatCalendarDay, formatToday, formatWeekHours } from "~/lib/hours";
import { OpenBadge } from "./open-badge";

type Location = RouterOutputs["storefront"]["locations"][number];

/**
 * Where the shopper will pick up: a plain form posting to /location, which keeps the choice in a cookie and
 * sends the shopper back to `returnTo`. The stock shown on the menu and product pages follows the choice.
 */
export function LocationPicker(props: { locations: Location[]; chosen: Location | null; returnTo: string }) {
  const { locations, chosen } = props;
  if (locations.length === 0) return null;
  return (
    <details className="rounded-xl bg-white shadow-sm" data-testid="location-picker">
      <summary className="flex min-h-11 cursor-pointer flex-wrap items-center gap-2 px-4 py-2 text-sm">
        <span className="text-stone-600">Stock shown for</span>{" "}
        <strong>{chosen ? chosen.name : "all locations"}</strong>
        {chosen ? <OpenBadge open={chosen.openNow} /> : null}
        <span className="ml-auto font-semibold text-brand underline">Change</span>
      </summary>
      <form method="post" action="/location" className="flex flex-col gap-3 border-t border-stone-200 p-4">
        <input type="hidden" name="returnTo" value={props.returnTo} />
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-semibold">Choose your pickup location</legend>
          <label className="flex items-center gap-3 rounded-lg border border-stone-200 p-3">
            <input
              type="radio"
              name="locationId"
              value=""
              defaultChecked={!chosen}
              className="h-4 w-4 accent-brand"
            />
            <span>All locations (stock added up)</span>
          </label>
          {locations.map((l) => (
            <label key={l.id} className="flex items-start gap-3 rounded-lg border border-stone-200 p-3">
              <input
                type="radio"
                name="locationId"
                value={l.id}
                defaultChecked={chosen?.id === l.id}
                className="mt-1 h-4 w-4 accent-brand"
              />
              <span className="flex flex-1 flex-col gap-1 text-sm">
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold">{l.name}</span>
                  <OpenBadge open={l.openNow} />
                </span>
                <span className="text-stone-600">
                  {l.addressLine1}, {l.city}, {l.state} {l.postalCode}
                </span>
                <span>Today: {formatToday(l.today)}</span>
                <span className="text-xs text-stone-600">{formatWeekHours(l.hours).join(" · ")}</span>
                {l.closures.length > 0 ? (
                  <span className="text-xs font-medium text-amber-800">
                    {l.closures.map((c) => `Closed ${formatCalendarDay(c.date)} (${c.name})`).join(" · ")}
                  </span>
                ) : null}
              </span>
            </label>
          ))}
        </fieldset>
        <button
          type="submit"
          className="min-h-11 rounded-lg bg-brand px-4 font-semibold text-white sm:self-start"
        >
          Use this location
        </button>
      </form>
    </details>
  );
}
