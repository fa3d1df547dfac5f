import type { RouterOutputs } from "@cannasaas/api";
import type { PromotionFormValues, PurchaserType } from "@cannasaas/validators";
import { ruleFrom, type Kind } from "./rule-fields";

export type PromotionRow = RouterOutputs["promotions"]["list"]["promotions"][number];

const dollarsToCents = (v: string) => (v.trim() ? Math.round(Number(v) * 100) : null);
const whole = (v: string) => (v.trim() ? Number(v) : null);
const minutes = (v: string) => {
  if (!v) return null;
  const [h, m] = v.split(":").map(Number) as [number, number];
  return h * 60 + m;
};
const hhmm = (minute: number | null) =>
  minute === null
    ? ""
    : `${String(Math.floor(minute / 60) % 24).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
const dollars = (cents: number | null | undefined) => (cents == null ? "" : (cents / 100).toFixed(2));

/** An instant as a datetime-local value on the store's clock ("2026-07-04T16:00"). */
export function storeLocalInput(at: Date | null, timeZone: string) {
  if (!at) return "";
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`;
}

/** The rule's numbers as the form shows them (dollars, percent), by input name. */
export function ruleInputs(rule: PromotionRow["rule"]): Record<string, string> {
  const percent = (bps: number) => String(bps / 100);
  switch (rule.kind) {
    case "percent_off":
      return { percent: percent(rule.percentBps) };
    case "amount_off":
      return { amount: dollars(rule.amountCents) };
    case "fixed_price":
      return { price: dollars(rule.priceCents) };
    case "buy_x_get_y":
      return {
        buy: String(rule.buyQuantity),
        get: String(rule.getQuantity),
        getPercent: percent(rule.getPercentBps),
      };
    case "bundle":
      return { quantity: String(rule.quantity), price: dollars(rule.priceCents) };
    case "spend_threshold":
      return { threshold: dollars(rule.thresholdCents), reward: dollars(rule.rewardCents) };
    case "free_delivery":
      return {};
  }
}

/** What the form's inputs start with: an edited promotion's values, or a new promotion's blanks. */
export function initialInputs(row: PromotionRow | null, timeZone: string) {
  return {
    name: row?.name ?? "",
    description: row?.description ?? "",
    kind: row?.rule.kind ?? "percent_off",
    rule: row ? ruleInputs(row.rule) : {},
    categorySlugs: row?.target.categorySlugs ?? [],
    brandIds: row?.target.brandIds ?? [],
    strainTypes: row?.target.strainTypes ?? [],
    productIds: row?.target.productIds ?? [],
    variantIds: row?.target.variantIds ?? [],
    menus: row?.audience.menus ?? [],
    locationIds: row?.audience.locationIds ?? [],
    tierIds: row?.audience.tierIds ?? [],
    customerSegments: row?.audience.customerSegments ?? [],
    codes: row?.codes.join(", ") ?? "",
    stacking: row?.stacking ?? "stackable",
    priority: row?.priority ?? 0,
    firstOrderOnly: row?.firstOrderOnly ?? false,
    startsAt: storeLocalInput(row?.startsAt ?? null, timeZone),
    endsAt: storeLocalInput(row?.endsAt ?? null, timeZone),
    daysOfWeek: row?.daysOfWeek ?? [],
    startTime: hhmm(row?.startMinute ?? null),
    endTime: hhmm(row?.endMinute ?? null),
    perOrderLimit: row?.perOrderLimit?.toString() ?? "",
    perCustomerLimit: row?.perCustomerLimit?.toString() ?? "",
    totalLimit: row?.totalLimit?.toString() ?? "",
    minSubtotal: dollars(row?.minSubtotalCents),
  };
}
export type InitialInputs = ReturnType<typeof initialInputs>;

/** What the procedures take, from the submitted form (the server validates it with the same schema). */
export function valuesFromForm(form: FormData, kind: Kind, days: number[]): PromotionFormValues {
  const get = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  return {
    name: get("name"),
    description: get("description") || null,
    rule: ruleFrom(kind, get),
    target: {
      categorySlugs: all("categorySlugs"),
      brandIds: all("brandIds"),
      strainTypes: all("strainTypes") as NonNullable<PromotionFormValues["target"]>["strainTypes"],
      productIds: all("productIds"),
      variantIds: all("variantIds"),
    },
    audience: {
      menus: all("menus") as PurchaserType[],
      locationIds: all("locationIds"),
      tierIds: all("tierIds"),
      customerSegments: all("customerSegments") as NonNullable<
        PromotionFormValues["audience"]
      >["customerSegments"],
    },
    stacking: get("stacking") as PromotionFormValues["stacking"],
    priority: Number(get("priority") || 0),
    codes: get("codes")
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean),
    firstOrderOnly: form.get("firstOrderOnly") === "on",
    startsAt: get("startsAt") || null,
    endsAt: get("endsAt") || null,
    daysOfWeek: days,
    startMinute: minutes(get("startTime")),
    endMinute: minutes(get("endTime")),
    perOrderLimit: whole(get("perOrderLimit")),
    perCustomerLimit: whole(get("perCustomerLimit")),
    totalLimit: whole(get("totalLimit")),
    minSubtotalCents: dollarsToCents(get("minSubtotal")),
  };
}
