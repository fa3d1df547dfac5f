import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { describeHours, isScheduledAt } from "./schedule";
import type { EnginePromotion, PromotionContext } from "./types";

export type Ineligibility = {
  reason:
    | "paused"
    | "ended"
    | "not_started"
    | "expired"
    | "off_hours"
    | "location"
    | "menu"
    | "needs_code"
    | "sign_in"
    | "first_order"
    | "segment"
    | "tier"
    | "customer_limit"
    | "used_up"
    | "minimum";
  message: string;
};

export const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const day = (at: Date, timeZone: string) => format(at, "MMM d, yyyy", { in: tz(timeZone) });

/**
 * Why a promotion cannot apply to this cart now, or null when it can. The messages are what a shopper reads
 * when a coupon is refused, so each names the deal and what would change the answer.
 */
export function whyNotEligible(
  promo: EnginePromotion,
  ctx: PromotionContext,
  subtotalCents: number,
): Ineligibility | null {
  const no = (reason: Ineligibility["reason"], message: string): Ineligibility => ({ reason, message });
  const name = promo.name;
  if (promo.status === "paused") return no("paused", `${name} is paused right now.`);
  if (promo.status === "ended") return no("ended", `${name} has ended.`);
  if (promo.endsAt && ctx.now >= promo.endsAt)
    return no("expired", `${name} expired on ${day(promo.endsAt, ctx.timeZone)}.`);
  if (promo.startsAt && ctx.now < promo.startsAt)
    return no("not_started", `${name} starts on ${day(promo.startsAt, ctx.timeZone)}.`);
  if (!isScheduledAt(promo, ctx.now, ctx.timeZone))
    return no("off_hours", `${name} runs ${describeHours(promo)} (store time).`);
  const { locationIds, menus, customerSegments, tierIds } = promo.audience;
  if (locationIds?.length && (!ctx.locationId || !locationIds.includes(ctx.locationId)))
    return no("location", `${name} is not offered at this location.`);
  if (menus?.length && !menus.includes(ctx.menu))
    return no("menu", `${name} is for the ${menus.includes("medical") ? "medical" : "adult-use"} menu only.`);
  if (promo.requiresCode && ctx.codePromotionId !== promo.id)
    return no("needs_code", `${name} needs its coupon code.`);
  const needsCustomer =
    promo.firstOrderOnly || !!customerSegments?.length || !!tierIds?.length || promo.perCustomerLimit != null;
  if (needsCustomer && !ctx.customer) return no("sign_in", `Sign in to use ${name}.`);
  if (promo.firstOrderOnly && !ctx.customer!.firstOrder)
    return no("first_order", `${name} is for a first order only.`);
  if (customerSegments?.length && !customerSegments.some((s) => ctx.customer!.segments.includes(s)))
    return no("segment", `${name} is for selected customers only.`);
  if (tierIds?.length && !tierIds.includes(ctx.customer!.tierId ?? ""))
    return no("tier", `${name} is for members of selected loyalty tiers only.`);
  if (promo.perCustomerLimit != null && (ctx.customer!.redemptions[promo.id] ?? 0) >= promo.perCustomerLimit)
    return no(
      "customer_limit",
      `You have already used ${name}${promo.perCustomerLimit > 1 ? ` ${promo.perCustomerLimit} times` : ""}.`,
    );
  if (promo.totalLimit != null && promo.redemptionCount >= promo.totalLimit)
    return no("used_up", `${name} has been used up.`);
  if (promo.minSubtotalCents != null && subtotalCents < promo.minSubtotalCents)
    return no(
      "minimum",
      `Add ${dollars(promo.minSubtotalCents - subtotalCents)} more to use ${name} (minimum ${dollars(promo.minSubtotalCents)}).`,
    );
  return null;
}
