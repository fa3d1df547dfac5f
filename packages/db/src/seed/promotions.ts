import { inArray } from "drizzle-orm";
import type { Transaction } from "../client";
import { organizations, promotionCodes, promotions } from "../schema";
import type { PromotionAudience, PromotionRule, PromotionTarget } from "../schema";
import type { PromotionStacking } from "../schema/enums";
import { DEMO_ORGS } from "./demo-data";

type DemoPromotion = {
  name: string;
  description: string;
  rule: PromotionRule;
  target?: PromotionTarget;
  audience?: PromotionAudience;
  stacking?: PromotionStacking;
  priority?: number;
  codes?: string[];
  firstOrderOnly?: boolean;
  /** ISO days (1 = Monday) and minutes of the day, on the store's clock. */
  daysOfWeek?: number[];
  startMinute?: number;
  endMinute?: number;
  perOrderLimit?: number;
  perCustomerLimit?: number;
  totalLimit?: number;
  minSubtotalCents?: number;
};

/**
 * The deals every live demo store runs, one of each common shape, so a newcomer sees them on the menu, in the
 * cart and in the dashboard at once: a happy hour, a buy-two-get-one, a mix-and-match bundle, a spend
 * threshold, free delivery, a weekend deal and two coupons (first order, and a limited summer code).
 */
export const DEMO_PROMOTIONS: readonly DemoPromotion[] = [
  {
    name: "Happy hour: 20% off flower",
    description: "Every day from 4 to 7 pm.",
    rule: { kind: "percent_off", percentBps: 2_000 },
    target: { categorySlugs: ["flower"] },
    startMinute: 16 * 60,
    endMinute: 19 * 60,
    priority: 10,
  },
  {
    name: "Edibles: buy 2, get 1 free",
    description: "The free package is the cheapest of the three. Up to two free packages an order.",
    rule: { kind: "buy_x_get_y", buyQuantity: 2, getQuantity: 1, getPercentBps: 10_000 },
    target: { categorySlugs: ["edible"] },
    perOrderLimit: 2,
    priority: 5,
  },
  {
    name: "Pre-roll mix & match: any 3 for $30",
    description: "Mix any three pre-rolls.",
    rule: { kind: "bundle", quantity: 3, priceCents: 3_000 },
    target: { categorySlugs: ["pre-roll"] },
    priority: 5,
  },
  {
    name: "Spend $150, save $15",
    description: "On the order before taxes.",
    rule: { kind: "spend_threshold", thresholdCents: 15_000, rewardCents: 1_500, rewardVariantId: null },
    priority: 1,
  },
  {
    name: "Free delivery over $75",
    description: "Delivery orders of $75 or more.",
    rule: { kind: "free_delivery" },
    minSubtotalCents: 7_500,
  },
  {
    name: "Weekend vapes: 15% off",
    description: "Saturdays and Sundays.",
    rule: { kind: "percent_off", percentBps: 1_500 },
    target: { categorySlugs: ["vape"] },
    daysOfWeek: [6, 7],
    priority: 5,
  },
  {
    name: "Welcome: 10% off your first order",
    description: "Use code WELCOME10 on your first order.",
    rule: { kind: "percent_off", percentBps: 1_000 },
    codes: ["WELCOME10"],
    firstOrderOnly: true,
    perCustomerLimit: 1,
    stacking: "best_for_customer",
  },
  {
    name: "Summer $5 off",
    description: "Use code SUMMER5 on orders of $40 or more. Limited to 500 uses.",
    rule: { kind: "amount_off", amountCents: 500 },
    target: {},
    codes: ["SUMMER5"],
    perOrderLimit: 1,
    totalLimit: 500,
    minSubtotalCents: 4_000,
  },
];

/** Adds the demo promotions to every launched demo store (called once, inside the demo seed's transaction). */
export async function seedDemoPromotions(tx: Transaction) {
  const slugs = DEMO_ORGS.filter((o) => o.launchedAt).map((o) => o.slug);
  const orgs = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(inArray(organizations.slug, slugs));
  for (const org of orgs) {
    for (const p of DEMO_PROMOTIONS) {
      const [row] = await tx
        .insert(promotions)
        .values({
          organizationId: org.id,
          name: p.name,
          description: p.description,
          kind: p.rule.kind,
          rule: p.rule,
          target: p.target ?? {},
          audience: p.audience ?? {},
          stacking: p.stacking ?? "stackable",
          priority: p.priority ?? 0,
          requiresCode: !!p.codes?.length,
          firstOrderOnly: p.firstOrderOnly ?? false,
          daysOfWeek: p.daysOfWeek ?? null,
          startMinute: p.startMinute ?? null,
          endMinute: p.endMinute ?? null,
          perOrderLimit: p.perOrderLimit ?? null,
          perCustomerLimit: p.perCustomerLimit ?? null,
          totalLimit: p.totalLimit ?? null,
          minSubtotalCents: p.minSubtotalCents ?? null,
        })
        .returning({ id: promotions.id });
      if (p.codes?.length) {
        await tx
          .insert(promotionCodes)
          .values(p.codes.map((code) => ({ organizationId: org.id, promotionId: row!.id, code })));
      }
    }
  }
  return orgs.length * DEMO_PROMOTIONS.length;
}
