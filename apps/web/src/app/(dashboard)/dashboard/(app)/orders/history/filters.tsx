import Link from "next/link";
import { STATUS_LABELS } from "@cannasaas/core";
import { Select } from "@cannasaas/ui/select";
import { ORDER_STATUSES, type OrderHistoryFilter } from "@cannasaas/validators";

const inputClass =
  "min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30";
const labelClass = "flex flex-col gap-1 text-sm font-medium text-stone-800";

/** The history's filters as a plain GET form: works without JavaScript and every result is a shareable link. */
export function HistoryFilters({
  filter,
  locations,
}: {
  filter: OrderHistoryFilter;
  locations: Array<{ id: string; name: string }>;
}) {
  return (
    <form
      method="get"
      aria-label="Search and filter orders"
      className="grid gap-3 rounded-xl border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3"
    >
      <label className={`${labelClass} sm:col-span-2 lg:col-span-3`}>
        Search: order number, customer name or email, product or SKU
        <input name="q" type="search" defaultValue={filter.q ?? ""} className={inputClass} />
      </label>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1 sm:col-span-2 lg:col-span-3">
        <legend className="mb-1 text-sm font-medium text-stone-800">Status</legend>
        {ORDER_STATUSES.map((s) => (
          <label key={s} className="flex min-h-11 items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="status"
              value={s}
              defaultChecked={filter.statuses?.includes(s)}
              className="size-5"
            />
            {STATUS_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <label className={labelClass}>
        Location
        <Select name="location" defaultValue={filter.locationId ?? ""}>
          <option value="">All locations</option>
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </Select>
      </label>
      <label className={labelClass}>
        Fulfilment
        <Select name="fulfillment" defaultValue={filter.fulfillment ?? ""}>
          <option value="">Pickup and delivery</option>
          <option value="pickup">Pickup</option>
          <option value="delivery">Delivery</option>
        </Select>
      </label>
      <label className={labelClass}>
        Payment
        <Select name="payment" defaultValue={filter.paymentMethod ?? ""}>
          <option value="">Any payment</option>
          <option value="cash">Cash</option>
          <option value="debit">Debit</option>
          <option value="online">Online</option>
        </Select>
      </label>
      <label className={labelClass}>
        Dates apply to
        <Select name="dates" defaultValue={filter.dateBasis ?? "placed"}>
          <option value="placed">When placed</option>
          <option value="completed">When completed</option>
        </Select>
      </label>
      <label className={labelClass}>
        From
        <input name="from" type="date" defaultValue={filter.from ?? ""} className={inputClass} />
      </label>
      <label className={labelClass}>
        To (inclusive)
        <input name="to" type="date" defaultValue={filter.to ?? ""} className={inputClass} />
      </label>
      <div className="flex flex-wrap items-end gap-2">
        <button className="min-h-11 rounded-lg bg-brand px-4 text-sm font-semibold text-white">Apply</button>
        <Link
          href="/dashboard/orders/history"
          className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 text-sm font-semibold"
        >
          Clear
        </Link>
      </div>
    </form>
  );
}
