import { z } from "zod";
import type { RouterOutputs } from "@cannasaas/api";
import { PROMOTION_STACKING } from "@cannasaas/db/enums";
import { convertedSchema } from "@cannasaas/ui/form-schema";
import { promotionInputSchema, type PromotionFormValues, type PurchaserType } from "@cannasaas/validators";
import { KINDS, RULE_INPUT_NAMES, ruleFrom, type RuleInputName } from "./rule-fields";

export type PromotionRow = RouterOutputs["promotions"]["list"]["promotions"][number];

const dollarsToCents = (v: string) => (v.trim() ? Math.round(Number(v) * 100) : null);
/** A typed number, NaN when it is not one (the schema then names the field); null when left empty. */
const number = (v: string) => (v.trim() ? Number(v) : null);
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
export function ruleInputs(rule: PromotionRow["rule"]): Partial<Record<RuleInputName, string>> {
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

/*
 * The form keeps what people type (dollars, percent, "16:00", codes separated by commas) and turns it into
 * the procedures' input on submit. It is checked by converting and then running `promotionInputSchema`, the
 * schema the server validates with, so the browser and the server refuse the same things.
 */

const LIST_NAMES = [
  "categorySlugs",
  "brandIds",
  "strainTypes",
  "productIds",
  "variantIds",
  "menus",
  "locationIds",
  "tierIds",
  "customerSegments",
] as const;
/** The form's checkbox lists, named as their fields. */
export type ListName = (typeof LIST_NAMES)[number];

const text = z.string();
const choices = z.array(z.string());
const fieldsSchema = z.object({
  name: text,
  description: text,
  kind: z.enum(KINDS),
  ...(Object.fromEntries(RULE_INPUT_NAMES.map((n) => [n, text])) as Record<RuleInputName, typeof text>),
  ...(Object.fromEntries(LIST_NAMES.map((n) => [n, choices])) as Record<ListName, typeof choices>),
  codes: text,
  stacking: z.enum(PROMOTION_STACKING),
  priority: text,
  firstOrderOnly: z.boolean(),
  startsAt: text,
  endsAt: text,
  daysOfWeek: choices,
  startTime: text,
  endTime: text,
  perOrderLimit: text,
  perCustomerLimit: text,
  totalLimit: text,
  minSubtotal: text,
});
export type PromotionFieldValues = z.input<typeof fieldsSchema>;

/** What the form's fields start with: an edited promotion's values, or a new promotion's blanks. */
export function promotionFormDefaults(row: PromotionRow | null, timeZone: string): PromotionFieldValues {
  const rule = row ? ruleInputs(row.rule) : {};
  return {
    name: row?.name ?? "",
    description: row?.description ?? "",
    kind: row?.rule.kind ?? "percent_off",
    ...(Object.fromEntries(RULE_INPUT_NAMES.map((n) => [n, rule[n] ?? ""])) as Record<RuleInputName, string>),
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
    priority: String(row?.priority ?? 0),
    firstOrderOnly: row?.firstOrderOnly ?? false,
    startsAt: storeLocalInput(row?.startsAt ?? null, timeZone),
    endsAt: storeLocalInput(row?.endsAt ?? null, timeZone),
    daysOfWeek: (row?.daysOfWeek ?? []).map(String),
    startTime: hhmm(row?.startMinute ?? null),
    endTime: hhmm(row?.endMinute ?? null),
    perOrderLimit: row?.perOrderLimit?.toString() ?? "",
    perCustomerLimit: row?.perCustomerLimit?.toString() ?? "",
    totalLimit: row?.totalLimit?.toString() ?? "",
    minSubtotal: dollars(row?.minSubtotalCents),
  };
}

/** What the procedures take, from the form's values (the schema below checks it before it is sent). */
export function promotionPayload(v: PromotionFieldValues): PromotionFormValues {
  return {
    name: v.name,
    description: v.description.trim() ? v.description : null,
    rule: ruleFrom(v.kind, (name) => v[name]),
    target: {
      categorySlugs: v.categorySlugs,
      brandIds: v.brandIds,
      strainTypes: v.strainTypes as NonNullable<PromotionFormValues["target"]>["strainTypes"],
      productIds: v.productIds,
      variantIds: v.variantIds,
    },
    audience: {
      menus: v.menus as PurchaserType[],
      locationIds: v.locationIds,
      tierIds: v.tierIds,
      customerSegments: v.customerSegments as NonNullable<
        PromotionFormValues["audience"]
      >["customerSegments"],
    },
    stacking: v.stacking,
    priority: number(v.priority) ?? 0,
    codes: v.codes
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean),
    firstOrderOnly: v.firstOrderOnly,
    startsAt: v.startsAt || null,
    endsAt: v.endsAt || null,
    daysOfWeek: v.daysOfWeek.map(Number).sort((a, b) => a - b),
    startMinute: minutes(v.startTime),
    endMinute: minutes(v.endTime),
    perOrderLimit: number(v.perOrderLimit),
    perCustomerLimit: number(v.perCustomerLimit),
    totalLimit: number(v.totalLimit),
    minSubtotalCents: dollarsToCents(v.minSubtotal),
  };
}

const FIELD_OF: Record<string, string> = {
  percentBps: "percent",
  amountCents: "amount",
  priceCents: "price",
  buyQuantity: "buy",
  getQuantity: "get",
  getPercentBps: "getPercent",
  quantity: "quantity",
  thresholdCents: "threshold",
  rewardCents: "reward",
  rewardVariantId: "reward",
  startMinute: "startTime",
  endMinute: "endTime",
  minSubtotalCents: "minSubtotal",
};

/**
 * Where an error about the procedures' input shows in this form: `rule.percentBps` under "Percent off",
 * `target.brandIds` under the brand list, `codes.2` under the codes; null when it has no such field.
 */
export function promotionFieldOf(path: readonly PropertyKey[]): string | null {
  const [head, next] = path;
  if (head === "rule") return typeof next === "string" ? (FIELD_OF[next] ?? "kind") : "kind";
  if (head === "target" || head === "audience") return typeof next === "string" ? next : null;
  if (typeof head !== "string") return null;
  return FIELD_OF[head] ?? (head in fieldsSchema.shape ? head : null);
}

/** The form's schema: the converted values must pass `promotionInputSchema`, each error under its field. */
export const promotionFormSchema = convertedSchema(
  fieldsSchema,
  promotionPayload,
  promotionInputSchema,
  promotionFieldOf,
);
