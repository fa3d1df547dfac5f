import type { SegmentCondition } from "./conditions";

export type CustomerSearchParams = Partial<
  Record<
    | "q"
    | "orderedWithin"
    | "notOrderedWithin"
    | "minSpend"
    | "minOrders"
    | "category"
    | "tier"
    | "email"
    | "sms"
    | "push"
    | "purchaser"
    | "cursor",
    string
  >
>;

const wholeNumber = (v: string | undefined) => (v && /^\d{1,7}$/.test(v) ? Number(v) : null);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The customers page's query string as segment conditions (all must hold); values that make no sense are dropped. */
export function filtersFromParams(p: CustomerSearchParams): SegmentCondition[] {
  const out: SegmentCondition[] = [];
  const within = wholeNumber(p.orderedWithin);
  if (within) out.push({ field: "lastOrder", op: "within", days: within });
  const notWithin = wholeNumber(p.notOrderedWithin);
  if (notWithin) out.push({ field: "lastOrder", op: "notWithin", days: notWithin });
  const spend = wholeNumber(p.minSpend);
  if (spend) out.push({ field: "totalSpend", op: "gte", cents: spend * 100 });
  const orders = wholeNumber(p.minOrders);
  if (orders) out.push({ field: "orderCount", op: "gte", value: orders });
  if (p.category?.trim()) out.push({ field: "favouriteCategory", category: p.category.trim().slice(0, 100) });
  if (p.tier && UUID.test(p.tier)) out.push({ field: "tier", tierId: p.tier });
  if (p.email === "yes" || p.email === "no") out.push({ field: "emailConsent", value: p.email === "yes" });
  if (p.sms === "yes" || p.sms === "no") out.push({ field: "smsConsent", value: p.sms === "yes" });
  if (p.push === "yes" || p.push === "no") out.push({ field: "pushConsent", value: p.push === "yes" });
  if (p.purchaser === "medical" || p.purchaser === "adult_use")
    out.push({ field: "purchaser", value: p.purchaser });
  return out;
}
