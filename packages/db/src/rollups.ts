import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "./client";

/**
 * Churn risk shows the ratio of days since the last order to the usual gap to one decimal, and "at risk" is a
 * shown ratio of 2 or more: 1.95 usual gaps after the last order.
 */
export const AT_RISK_GAPS = 1.95;

/**
 * `customer_sales.at_risk_from` from a customer's completed-order count and first and last order times, in epoch
 * seconds so no time zone or daylight-saving rule shifts it. The usual gap is at least a day.
 */
export function atRiskFromSql(orders: SQL, firstAt: SQL, lastAt: SQL): SQL {
  return sql`case when ${orders} >= 2 then to_timestamp(extract(epoch from ${lastAt}) + ${AT_RISK_GAPS}::float8 *
    greatest(extract(epoch from (${lastAt} - ${firstAt})) / (${orders} - 1), 86400)) end`;
}

/**
 * Derives an organization's sales rollups (schema/analytics.ts) from its orders in six set-based statements: the
 * demo seed fills them this way after bulk-inserting history, and a repair can re-run it. The order lifecycle
 * maintains the same rows incrementally (core's analytics/rollups); the definitions must stay the same: completed
 * orders, on the day and month they were completed in their location's time zone.
 */
export async function rebuildSalesRollups(db: DbOrTx, organizationId: string) {
  for (const table of [
    "sales_daily",
    "sales_daily_items",
    "sales_monthly_items",
    "sales_weekly_items",
    "customer_monthly_sales",
    "customer_sales",
  ]) {
    await db.execute(sql`delete from ${sql.identifier(table)} where organization_id = ${organizationId}`);
  }
  await db.execute(sql`
    insert into sales_daily (organization_id, day, location_id, fulfillment, completed_by_user_id, orders, units,
      subtotal_cents, discount_cents, delivery_fee_cents, excise_cents, local_cannabis_cents, sales_tax_cents,
      total_cents)
    select o.organization_id, (o.completed_at at time zone l.time_zone)::date, o.location_id, o.fulfillment,
      o.completed_by_user_id, count(*), coalesce(sum(u.units), 0),
      sum(o.subtotal_cents), sum(o.discount_cents), sum(o.delivery_fee_cents), sum(o.excise_cents),
      sum(o.local_cannabis_cents), sum(o.sales_tax_cents), sum(o.total_cents)
    from orders o join locations l on l.id = o.location_id
    left join (select order_id, sum(quantity) as units from order_items
               where organization_id = ${organizationId} group by 1) u on u.order_id = o.id
    where o.organization_id = ${organizationId} and o.status = 'completed'
    group by 1, 2, 3, 4, 5`);
  await db.execute(sql`
    insert into sales_daily_items (organization_id, day, location_id, variant_id, lines, units, subtotal_cents,
      total_cents)
    select o.organization_id, (o.completed_at at time zone l.time_zone)::date, o.location_id, i.variant_id,
      count(*), sum(i.quantity), sum(i.subtotal_cents), sum(i.total_cents)
    from orders o join locations l on l.id = o.location_id join order_items i on i.order_id = o.id
    where o.organization_id = ${organizationId} and i.organization_id = ${organizationId}
      and o.status = 'completed'
    group by 1, 2, 3, 4`);
  await db.execute(sql`
    insert into sales_monthly_items (organization_id, month, variant_id, lines, units, subtotal_cents, total_cents)
    select organization_id, date_trunc('month', day)::date, variant_id, sum(lines), sum(units), sum(subtotal_cents),
      sum(total_cents)
    from sales_daily_items where organization_id = ${organizationId}
    group by 1, 2, 3`);
  // Weeks begin on Monday and are cut at the 1st of a month (core's itemWeekOf is the same rule).
  await db.execute(sql`
    insert into sales_weekly_items (organization_id, week, variant_id, lines, units, subtotal_cents, total_cents)
    select organization_id, greatest(date_trunc('week', day::timestamp), date_trunc('month', day::timestamp))::date,
      variant_id, sum(lines), sum(units), sum(subtotal_cents), sum(total_cents)
    from sales_daily_items where organization_id = ${organizationId}
    group by 1, 2, 3`);
  await db.execute(sql`
    insert into customer_monthly_sales (organization_id, customer_id, month, orders, total_cents)
    select o.organization_id, o.customer_id, date_trunc('month', o.completed_at at time zone l.time_zone)::date,
      count(*), sum(o.total_cents)
    from orders o join locations l on l.id = o.location_id
    where o.organization_id = ${organizationId} and o.status = 'completed'
    group by 1, 2, 3`);
  await db.execute(sql`
    insert into customer_sales (organization_id, customer_id, first_month, first_order_at, last_order_at, orders,
      total_cents, at_risk_from)
    select o.organization_id, o.customer_id, m.first_month, min(o.completed_at), max(o.completed_at), count(*),
      sum(o.total_cents), ${atRiskFromSql(sql`count(*)`, sql`min(o.completed_at)`, sql`max(o.completed_at)`)}
    from orders o
    join (select customer_id, min(month) as first_month from customer_monthly_sales
          where organization_id = ${organizationId} group by 1) m on m.customer_id = o.customer_id
    where o.organization_id = ${organizationId} and o.status = 'completed'
    group by 1, 2, 3`);
}
