import { z } from "zod";
import { and, eq, gte, or, sql, type SQL } from "drizzle-orm";
import { customerSales, customers } from "@cannasaas/db/schema";
import { purchaserTypeSchema } from "@cannasaas/validators";

/**
 * The fields a segment (and the customers page's filters) can test. Each compiles to a SQL condition over
 * `customers` left-joined to `customer_sales` (the per-customer rollup the order lifecycle keeps), so a segment
 * is counted and walked by the database, never by loading customers.
 */
const days = z.int().min(1, { error: "Use at least 1 day." }).max(3650, { error: "Use at most 3650 days." });
const cents = z.int().min(0, { error: "Use an amount of 0 or more." }).max(1_000_000_000);
const count = z.int().min(0, { error: "Use a number of 0 or more." }).max(100_000);

export const segmentConditionSchema = z.discriminatedUnion("field", [
  z.object({ field: z.literal("lastOrder"), op: z.enum(["within", "notWithin"]), days }),
  z.object({ field: z.literal("totalSpend"), op: z.enum(["gte", "lte"]), cents }),
  z.object({ field: z.literal("orderCount"), op: z.enum(["gte", "lte"]), value: count }),
  z.object({ field: z.literal("favouriteCategory"), category: z.string().trim().min(1).max(100) }),
  z.object({ field: z.literal("tier"), tierId: z.uuid({ error: "Choose a tier." }) }),
  z.object({ field: z.literal("emailConsent"), value: z.boolean() }),
  z.object({ field: z.literal("smsConsent"), value: z.boolean() }),
  z.object({ field: z.literal("pushConsent"), value: z.boolean() }),
  z.object({ field: z.literal("purchaser"), value: purchaserTypeSchema }),
]);
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;

const match = z.enum(["all", "any"]);
export const segmentRulesSchema = z.object({
  match,
  groups: z
    .array(
      z.object({
        match,
        conditions: z.array(segmentConditionSchema).min(1, { error: "A group needs a condition." }).max(20),
      }),
    )
    .max(10, { error: "Use at most 10 groups." }),
});
export type SegmentRules = z.infer<typeof segmentRulesSchema>;

/** The rollup's figures, zero for a customer without a completed order. */
export const orderCountSql = sql<number>`coalesce(${customerSales.orders}, 0)`;
export const totalSpendSql = sql<number>`coalesce(${customerSales.totalCents}, 0)`;

/**
 * The category the customer bought most units of across completed orders (ties: the name first in order).
 * Subqueries name `customers.id` in plain SQL: drizzle leaves the table off a column in single-table selects,
 * where the bare name would be ambiguous inside the subquery.
 */
export const favouriteCategorySql = sql<string | null>`(
  select i.category from order_items i join orders o on o.id = i.order_id
  where o.organization_id = customers.organization_id and i.organization_id = customers.organization_id
    and o.customer_id = customers.id and o.status = 'completed'
  group by i.category order by sum(i.quantity) desc, i.category limit 1)`;

function conditionSql(c: SegmentCondition, now: Date): SQL {
  switch (c.field) {
    case "lastOrder": {
      const since = new Date(now.getTime() - c.days * 86_400_000);
      return c.op === "within"
        ? gte(customerSales.lastOrderAt, since)
        : sql`(${customerSales.lastOrderAt} is null or ${customerSales.lastOrderAt} < ${since.toISOString()}::timestamptz)`;
    }
    case "totalSpend":
      return c.op === "gte" ? sql`${totalSpendSql} >= ${c.cents}` : sql`${totalSpendSql} <= ${c.cents}`;
    case "orderCount":
      return c.op === "gte" ? sql`${orderCountSql} >= ${c.value}` : sql`${orderCountSql} <= ${c.value}`;
    case "favouriteCategory":
      return sql`${favouriteCategorySql} = ${c.category}`;
    case "tier":
      return sql`exists (select 1 from loyalty_accounts la where la.organization_id = customers.organization_id
        and la.customer_id = customers.id and la.tier_id = ${c.tierId})`;
    case "emailConsent":
      return eq(customers.marketingEmailConsent, c.value);
    case "smsConsent":
      return eq(customers.marketingSmsConsent, c.value);
    case "pushConsent":
      return eq(customers.marketingPushConsent, c.value);
    case "purchaser":
      return eq(customers.isMedicalPatient, c.value === "medical");
  }
}

const join = (m: "all" | "any", parts: SQL[]): SQL =>
  (m === "all" ? and(...parts) : or(...parts)) ?? sql`true`;

/**
 * The rules as one where clause over `customers` left-joined to `customer_sales`. No groups matches everyone;
 * `now` anchors "within N days" so a count and a send agree.
 */
export function compileSegmentRules(rules: SegmentRules, now: Date): SQL {
  if (rules.groups.length === 0) return sql`true`;
  return join(
    rules.match,
    rules.groups.map(
      (g) =>
        sql`(${join(
          g.match,
          g.conditions.map((c) => conditionSql(c, now)),
        )})`,
    ),
  );
}
