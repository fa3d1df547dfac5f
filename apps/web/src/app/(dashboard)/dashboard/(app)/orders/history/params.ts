import { ORDER_STATUSES, orderHistoryFilterSchema, type OrderHistoryFilter } from "@cannasaas/validators";

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/**
 * The history's filter from the address (`?q=&status=completed&status=refunded&location=&from=&to=&fulfillment=
 * &payment=`), so every view is a link: the home page's figures point at these. Unknown values are dropped
 * rather than failing the page; the procedure validates again.
 */
export function historyFilterFromParams(params: SearchParams): {
  filter: OrderHistoryFilter;
  error?: string;
} {
  const statuses = [params.status ?? []]
    .flat()
    .filter((s): s is (typeof ORDER_STATUSES)[number] => (ORDER_STATUSES as readonly string[]).includes(s));
  const raw = {
    q: first(params.q),
    statuses: statuses.length ? statuses : undefined,
    locationId: first(params.location),
    from: first(params.from),
    to: first(params.to),
    fulfillment: first(params.fulfillment),
    paymentMethod: first(params.payment),
    dateBasis: first(params.dates),
  };
  const parsed = orderHistoryFilterSchema.safeParse(raw);
  if (parsed.success) return { filter: parsed.data };
  return { filter: {}, error: parsed.error.issues[0]?.message ?? "Those filters could not be read." };
}

/** The address of a filtered history view (and, with `path`, of its CSV export). */
export function historyHref(
  filter: OrderHistoryFilter,
  extra: Record<string, string> = {},
  path = "/dashboard/orders/history",
) {
  const params = new URLSearchParams();
  if (filter.q) params.set("q", filter.q);
  for (const s of filter.statuses ?? []) params.append("status", s);
  if (filter.locationId) params.set("location", filter.locationId);
  if (filter.from) params.set("from", filter.from);
  if (filter.to) params.set("to", filter.to);
  if (filter.fulfillment) params.set("fulfillment", filter.fulfillment);
  if (filter.paymentMethod) params.set("payment", filter.paymentMethod);
  if (filter.dateBasis) params.set("dates", filter.dateBasis);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
