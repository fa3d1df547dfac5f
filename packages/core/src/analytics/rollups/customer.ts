import { sql } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { atRiskFromSql } from "@cannasaas/db/rollups";

/**
 * Recomputes one customer's purchase summary and monthly rows from their completed orders (a handful of rows,
 * found through the orders' (organization, customer) index). The customer's summary row is locked first, so two
 * transactions changing the same customer's orders run one after the other and the second sees the first's
 * orders: recomputing cannot lose an update the way two read-then-write increments could.
 */
export async function refreshCustomerSales(tx: Transaction, organizationId: string, customerId: string) {
  await tx.execute(sql`
    insert into customer_sales (organization_id, customer_id) values (${organizationId}, ${customerId})
    on conflict (organization_id, customer_id) do nothing`);
  await tx.execute(sql`
    select 1 from customer_sales
    where organization_id = ${organizationId} and customer_id = ${customerId} for update`);
  await tx.execute(sql`
    delete from customer_monthly_sales where organization_id = ${organizationId} and customer_id = ${customerId}`);
  await tx.execute(sql`
    insert into customer_monthly_sales (organization_id, customer_id, month, orders, total_cents)
    select o.organization_id, o.customer_id,
           date_trunc('month', o.completed_at at time zone l.time_zone)::date, count(*), sum(o.total_cents)
    from orders o join locations l on l.id = o.location_id
    where o.organization_id = ${organizationId} and o.customer_id = ${customerId} and o.status = 'completed'
    group by 1, 2, 3`);
  await tx.execute(sql`
    update customer_sales cs set
      orders = coalesce(s.orders, 0), total_cents = coalesce(s.total_cents, 0),
      first_order_at = s.first_at, last_order_at = s.last_at, first_month = m.first_month,
      at_risk_from = ${atRiskFromSql(sql`s.orders`, sql`s.first_at`, sql`s.last_at`)}
    from (select count(*)::int as orders, sum(total_cents)::int as total_cents,
                 min(completed_at) as first_at, max(completed_at) as last_at
          from orders
          where organization_id = ${organizationId} and customer_id = ${customerId} and status = 'completed') s,
         (select min(month) as first_month from customer_monthly_sales
          where organization_id = ${organizationId} and customer_id = ${customerId}) m
    where cs.organization_id = ${organizationId} and cs.customer_id = ${customerId}`);
}
