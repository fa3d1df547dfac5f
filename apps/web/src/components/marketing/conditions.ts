import type { SegmentCondition } from "@cannasaas/core";

export type { SegmentCondition };
export type ConditionField = SegmentCondition["field"];

/** The rule builder's and the customers filter's fields, in the order people think of them. */
export const FIELD_LABELS: Record<ConditionField, string> = {
  lastOrder: "Last order",
  totalSpend: "Total spend",
  orderCount: "Number of orders",
  favouriteCategory: "Favourite category",
  tier: "Loyalty tier",
  emailConsent: "Email consent",
  smsConsent: "SMS consent",
  pushConsent: "Web push consent",
  purchaser: "Purchaser",
};

/** A fresh condition of a field, with a sensible starting value. */
export function defaultCondition(
  field: ConditionField,
  options: { tiers: { id: string }[]; categories: string[] },
): SegmentCondition {
  switch (field) {
    case "lastOrder":
      return { field, op: "within", days: 30 };
    case "totalSpend":
      return { field, op: "gte", cents: 10_000 };
    case "orderCount":
      return { field, op: "gte", value: 2 };
    case "favouriteCategory":
      return { field, category: options.categories[0] ?? "Flower" };
    case "tier":
      return { field, tierId: options.tiers[0]?.id ?? "" };
    case "emailConsent":
    case "smsConsent":
    case "pushConsent":
      return { field, value: true };
    case "purchaser":
      return { field, value: "adult_use" };
  }
}

const money = (cents: number) => `$${(cents / 100).toLocaleString("en-US")}`;

/** "Ordered in the last 30 days", for summaries. */
export function describeCondition(c: SegmentCondition, tiers: { id: string; name: string }[] = []): string {
  switch (c.field) {
    case "lastOrder":
      return c.op === "within" ? `Ordered in the last ${c.days} days` : `No order in the last ${c.days} days`;
    case "totalSpend":
      return `Spent ${c.op === "gte" ? "at least" : "at most"} ${money(c.cents)}`;
    case "orderCount":
      return `${c.op === "gte" ? "At least" : "At most"} ${c.value} orders`;
    case "favouriteCategory":
      return `Buys mostly ${c.category}`;
    case "tier":
      return `${tiers.find((t) => t.id === c.tierId)?.name ?? "Unknown"} tier`;
    case "emailConsent":
      return c.value ? "Agreed to marketing email" : "Has not agreed to marketing email";
    case "smsConsent":
      return c.value ? "Agreed to marketing SMS" : "Has not agreed to marketing SMS";
    case "pushConsent":
      return c.value ? "Agreed to marketing web push" : "Has not agreed to marketing web push";
    case "purchaser":
      return c.value === "medical" ? "Medical patient" : "Adult-use customer";
  }
}
