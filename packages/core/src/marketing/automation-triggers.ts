import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import type { marketingAutomations } from "@cannasaas/db/schema";
import { openPersonal } from "../crypto/pii";
import { calendarDayIn } from "../time";
import { AUTOMATION_CATCH_UP_MS, PRODUCT_AUTOMATION_KINDS } from "./automation-kinds";
import { minuteOfDayIn } from "./window";

type Automation = typeof marketingAutomations.$inferSelect;
/** A due trigger; `product` is the wishlisted product (name and page) for the back-in-stock and price-drop kinds. */
export type DueTrigger = { customerId: string; trigger: string; product?: { name: string; slug: string } };

/** Rows of `db.execute`: an array on postgres.js, `{ rows }` on PGlite. */
const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];

/** The idempotency key of one automated message: one per automation, customer and trigger. */
export const automationMessageKey = (automationId: string, customerId: string, trigger: string) =>
  `automation:${automationId}:customer:${customerId}:${trigger}`;

/**
 * The trigger events of each kind, as (customer_id, trigger, due) where `due` is when the message becomes due
 * and `trigger` names the event (the part of the idempotency key that makes it "once per cart/order/lapse").
 */
function triggerEvents(a: Automation, now: string): SQL | null {
  const wait = sql`make_interval(mins => ${a.waitMinutes})`;
  const org = a.organizationId;
  switch (a.kind) {
    case "abandoned_cart":
      // A cart's last change is its own or its newest item's; an order placed since then means it was not
      // abandoned (the shopper may have ordered from another cart). At most one reminder per customer a day.
      return sql`select c.customer_id, 'cart:' || c.id as trigger, i.changed + ${wait} as due
        from carts c
        cross join lateral (select greatest(c.updated_at, max(ci.updated_at)) as changed
          from cart_items ci where ci.cart_id = c.id having count(*) > 0) i
        where c.organization_id = ${org} and c.customer_id is not null and c.ordered_at is null
          and not exists (select 1 from orders o where o.organization_id = ${org}
            and o.customer_id = c.customer_id and o.placed_at >= i.changed)
          and not exists (select 1 from marketing_messages m where m.organization_id = ${org}
            and m.automation_id = ${a.id} and m.customer_id = c.customer_id
            and m.created_at > ${now}::timestamptz - interval '24 hours')`;
    case "welcome":
      return sql`select c.id as customer_id, 'welcome' as trigger, c.created_at + ${wait} as due
        from customers c where c.organization_id = ${org}`;
    case "win_back":
      return sql`select s.customer_id, 'lapse:' || floor(extract(epoch from s.last_order_at))::bigint as trigger,
          s.last_order_at + ${wait} as due
        from customer_sales s where s.organization_id = ${org} and s.last_order_at is not null`;
    case "review_request":
      return sql`select o.customer_id, 'order:' || o.id as trigger, o.completed_at + ${wait} as due
        from orders o where o.organization_id = ${org} and o.status = 'completed' and o.completed_at is not null`;
    case "back_in_stock":
      // Shoppers who saved the product before it came back, while it is still for sale and in stock.
      return sql`select w.customer_id, 'restock:' || e.id as trigger, e.occurred_at + ${wait} as due,
          p.name as product, p.slug as product_slug
        ${wishlistedBefore(a, now, "restocked")}
          and exists (select 1 from inventory_levels l join product_variants v on v.id = l.variant_id
            where l.organization_id = ${org} and v.product_id = p.id and l.on_hand > l.reserved)`;
    case "price_drop":
      // Only while the lowest price is still no higher than the dropped one (a drop undone is not news).
      return sql`select w.customer_id, 'price:' || e.id as trigger, e.occurred_at + ${wait} as due,
          p.name as product, p.slug as product_slug
        ${wishlistedBefore(a, now, "price_dropped")}
          and (select min(v.price_cents) from product_variants v where v.product_id = p.id
            and v.organization_id = ${org}) <= e.new_price_cents`;
    case "tier_up":
      return sql`select c.customer_id, 'tier:' || c.id as trigger, c.occurred_at + ${wait} as due
        from loyalty_tier_changes c
        where c.organization_id = ${org} and c.direction = 'up'
          and c.occurred_at > ${now}::timestamptz - ${wait} - ${catchUp}`;
    case "birthday":
      return null;
  }
}

const catchUp = sql`make_interval(secs => ${AUTOMATION_CATCH_UP_MS / 1000})`;

/**
 * The product events of a kind within the catch-up span, each joined to the shoppers who had saved the
 * product before it happened (active products only). At most one message of the automation per shopper a day:
 * events found in one batch send one (the runner records the others as capped); a later event within the day
 * waits until the day has passed, while it is still within the catch-up span.
 */
function wishlistedBefore(a: Automation, now: string, kind: "restocked" | "price_dropped") {
  const org = a.organizationId;
  const wait = sql`make_interval(mins => ${a.waitMinutes})`;
  return sql`from product_alert_events e
    join products p on p.id = e.product_id and p.organization_id = ${org} and p.status = 'active'
    join wishlist_items w on w.organization_id = ${org} and w.product_id = e.product_id
      and w.created_at < e.occurred_at
    where e.organization_id = ${org} and e.kind = ${kind}
      and e.occurred_at > ${now}::timestamptz - ${wait} - ${catchUp}
      and not exists (select 1 from marketing_messages m where m.organization_id = ${org}
        and m.automation_id = ${a.id} and m.customer_id = w.customer_id
        and m.created_at > ${now}::timestamptz - interval '24 hours')`;
}

/** Only customers who may get marketing on the automation's channel now, and only triggers not already acted on. */
const reachableAndNew = (a: Automation, customerId: SQL, trigger: SQL) => sql`
  exists (select 1 from customers cu where cu.id = ${customerId} and cu.organization_id = ${a.organizationId}
    and ${a.channel === "sms" ? sql`cu.marketing_sms_consent` : sql`cu.marketing_email_consent`}
    and cu.user_id is not null and cu.erased_at is null)
  and not exists (select 1 from marketing_messages m
    where m.idempotency_key = ${`automation:${a.id}:customer:`}::text || ${customerId}::text || ':' || ${trigger}::text)`;

/**
 * The next `limit` due triggers of an automation that have no message yet, in a stable order. Each one the
 * caller writes a message row for (sent or skipped) drops out of the next call, so calling until empty ends.
 */
export async function dueTriggers(db: DbOrTx, a: Automation, now: Date, limit: number) {
  if (a.kind === "birthday") return dueBirthdays(db, a, now, limit);
  const at = now.toISOString();
  const events = triggerEvents(a, at)!;
  const product = PRODUCT_AUTOMATION_KINDS.includes(a.kind);
  const rows = rowsOf<{ customer_id: string; trigger: string; product?: string; product_slug?: string }>(
    await db.execute(sql`select t.customer_id, t.trigger${product ? sql`, t.product, t.product_slug` : sql``}
      from (${events}) t
      where t.due <= ${at}::timestamptz
        and t.due > ${new Date(now.getTime() - AUTOMATION_CATCH_UP_MS).toISOString()}::timestamptz
        and ${reachableAndNew(a, sql`t.customer_id`, sql`t.trigger`)}
      order by t.customer_id, t.trigger
      limit ${limit}`),
  );
  return rows.map((r): DueTrigger => ({
    customerId: r.customer_id,
    trigger: r.trigger,
    ...(r.product !== undefined ? { product: { name: r.product, slug: r.product_slug! } } : {}),
  }));
}

/** A birthday greeting is looked for during two hours from its time of day; the key makes it once a year. */
const BIRTHDAY_SPAN_MINUTES = 120;

/**
 * Birthdays are sealed at rest, so they cannot be matched in SQL: reachable customers are read in id-ordered
 * pages and their birth dates opened one page at a time (never the whole list in memory). A 29 February
 * birthday is greeted on 28 February in other years.
 */
async function dueBirthdays(db: DbOrTx, a: Automation, now: Date, limit: number) {
  const timeZone = rowsOf<{ time_zone: string }>(
    await db.execute(sql`select time_zone from organizations where id = ${a.organizationId}`),
  )[0]?.time_zone;
  if (!timeZone) return [];
  const minute = minuteOfDayIn(now, timeZone);
  if (minute < a.waitMinutes || minute >= a.waitMinutes + BIRTHDAY_SPAN_MINUTES) return [];
  const today = calendarDayIn(now, timeZone);
  const year = today.slice(0, 4);
  const trigger = `birthday:${year}`;
  const leap = Number(year) % 4 === 0 && (Number(year) % 100 !== 0 || Number(year) % 400 === 0);
  const greets = (dob: string | null) => {
    if (!dob || !/^\d{4}-\d{2}-\d{2}$/.test(dob)) return false;
    const monthDay = dob.slice(5);
    return monthDay === today.slice(5) || (!leap && monthDay === "02-29" && today.slice(5) === "02-28");
  };
  const due: DueTrigger[] = [];
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const page = rowsOf<{ id: string; date_of_birth: string | null }>(
      await db.execute(sql`select c.id, u.date_of_birth from customers c join users u on u.id = c.user_id
        where c.organization_id = ${a.organizationId} and c.id > ${after}::uuid
          and ${reachableAndNew(a, sql`c.id`, sql`${trigger}`)}
        order by c.id limit 1000`),
    );
    for (const row of page) {
      let dob: string | null = null;
      try {
        dob = openPersonal(row.date_of_birth);
      } catch {
        dob = null;
      }
      if (greets(dob)) due.push({ customerId: row.id, trigger });
      if (due.length >= limit) return due;
    }
    if (page.length < 1000) return due;
    after = page[page.length - 1]!.id;
  }
}
