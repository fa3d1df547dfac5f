/**
 * Six months of orders for each live demo store, so reports, charts and the order history have something real
 * to show: daily volume shaped by Connecticut's weekly sales (history-shape.ts), spread over a few hundred
 * customers with their own rhythms, both fulfilment types, a mix of completed, cancelled and refunded orders,
 * their status history, the stock movements they caused (with opening stock received so every location's
 * movements add up to what is on hand) and the sales rollups. Rows go in as a few large set-based inserts (one
 * JSON parameter per chunk), which is what keeps `npm run demo` quick on the embedded database.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "../client";
import { continueOrderNumbersAfter, takeOrderNumber } from "../order-numbers";
import { rebuildSalesRollups } from "../rollups";
import {
  categories,
  customers,
  locations,
  memberships,
  organizations,
  products,
  productVariants,
  users,
} from "../schema";
import { DEMO_EMAIL_VERIFIED_AT } from "./demo-data";
import { SEED_DATA_DIR } from "./kushy";
import { seedDemoFunnel } from "./funnel";
import { addDays, dailyOrderTargets, readConnecticutWeekly } from "./history-shape";
import { hashString, intBetween, rngFor } from "./random";

export const HISTORY_DAYS = 180;
/** Average orders a day per location; Connecticut's seasonality moves each day around it. */
const ORDERS_PER_LOCATION_DAY = 8;
const CUSTOMERS_PER_STORE = 260;
const CHUNK = 4000;

/** Adult-use taxes for the demo's states, as core's tax rates set them (CA 7.25% sales + 15% excise; CO 15%). */
const DEMO_TAX_BPS: Record<string, { salesBps: number; exciseBps: number }> = {
  CA: { salesBps: 725, exciseBps: 1500 },
  CO: { salesBps: 0, exciseBps: 1500 },
};

const FIRST = [
  "Ana",
  "Ben",
  "Cleo",
  "Dev",
  "Eli",
  "Fay",
  "Gus",
  "Hana",
  "Ivan",
  "Jo",
  "Kai",
  "Lena",
  "Max",
  "Nia",
  "Omar",
  "Pia",
  "Quinn",
  "Rosa",
  "Sam",
  "Tess",
  "Uma",
  "Vic",
  "Wes",
  "Yara",
  "Zoe",
];
const LAST = [
  "Adler",
  "Brooks",
  "Chen",
  "Diaz",
  "Evans",
  "Fox",
  "Garcia",
  "Hill",
  "Ito",
  "James",
  "Khan",
  "Lopez",
  "Moore",
  "Nguyen",
  "Ortiz",
  "Park",
  "Reyes",
  "Silva",
  "Tran",
  "Vance",
  "Walsh",
  "Young",
];

type Variant = {
  id: string;
  priceCents: number;
  sku: string;
  productName: string;
  variantName: string;
  category: string;
  weightMg: number | null;
};
type Buyer = { id: string; joinDay: number; leaveDay: number; weight: number };

async function json<T>(
  tx: Transaction,
  rows: T[],
  statement: (param: ReturnType<typeof sql>) => ReturnType<typeof sql>,
) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.execute(statement(sql`${JSON.stringify(rows.slice(i, i + CHUNK))}::json`));
  }
}

/**
 * Seeds the history of one demo organization (nothing for a store without a menu). Its customers are demo
 * accounts like the others (same password, confirmed email); returns how many it created.
 */
export async function seedDemoHistory(
  tx: Transaction,
  orgSlug: string,
  { now, passwordHash }: { now: Date; passwordHash: string },
): Promise<number> {
  const [org] = await tx
    .select({ id: organizations.id, state: organizations.state, timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.slug, orgSlug));
  if (!org) throw new Error(`seed: no organization ${orgSlug}`);
  const variants: Variant[] = await tx
    .select({
      id: productVariants.id,
      priceCents: productVariants.priceCents,
      sku: productVariants.sku,
      productName: products.name,
      variantName: productVariants.name,
      category: categories.name,
      weightMg: productVariants.weightMg,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(productVariants.organizationId, org.id))
    .orderBy(productVariants.sku);
  if (variants.length === 0) return 0;
  const stores = await tx
    .select({ id: locations.id, slug: locations.slug, deliveryEnabled: locations.deliveryEnabled })
    .from(locations)
    .where(eq(locations.organizationId, org.id))
    .orderBy(locations.slug);
  const staff = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.organizationId, org.id));
  const handers = staff.filter((s) => s.role === "budtender" || s.role === "manager").map((s) => s.userId);
  const drivers = staff.filter((s) => s.role === "driver").map((s) => s.userId);
  const buyers = await createCustomers(tx, org.id, orgSlug, passwordHash);
  const popularity = zipfWeights(variants.length, `${orgSlug}:popularity`);
  const taxes = DEMO_TAX_BPS[org.state] ?? { salesBps: 600, exciseBps: 1000 };

  // History ends yesterday in the store's zone: today belongs to the live app.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: org.timeZone }).format(now);
  const lastDay = addDays(today, -1);
  const targets = dailyOrderTargets(
    readConnecticutWeekly(new URL("ct-weekly-cannabis-sales.csv", SEED_DATA_DIR)),
    lastDay,
    HISTORY_DAYS,
    ORDERS_PER_LOCATION_DAY,
  );

  const orderRows: object[] = [];
  const itemRows: object[] = [];
  const eventRows: object[] = [];
  const placedPerDay = new Map<string, number>();
  let number = (await takeOrderNumber(tx, org.id)) - 1;
  targets.forEach(({ day, expected }, dayIndex) => {
    const active = buyers.filter((b) => b.joinDay <= dayIndex && b.leaveDay > dayIndex);
    const totalWeight = active.reduce((s, b) => s + b.weight, 0);
    for (const store of stores) {
      const rng = rngFor(`history:${orgSlug}:${store.slug}:${day}`);
      const count = Math.max(0, Math.round(expected + Math.sqrt(expected) * gaussian(rng)));
      placedPerDay.set(day, (placedPerDay.get(day) ?? 0) + count);
      for (let n = 0; n < count; n++) {
        number += 1;
        const buyer = pickWeighted(active, totalWeight, rng());
        const delivery = store.deliveryEnabled && rng() < 0.25;
        const lines = pickLines(variants, popularity, rng);
        const discountPct = day.endsWith("-04-20") ? 15 : rng() < 0.08 ? 10 : 0;
        let subtotal = 0,
          excise = 0,
          sales = 0;
        for (const line of lines) {
          const lineSubtotal = line.variant.priceCents * line.quantity;
          const taxable = lineSubtotal - Math.round((lineSubtotal * discountPct) / 100);
          const lineExcise = Math.round((taxable * taxes.exciseBps) / 10_000);
          const lineSales = Math.round((taxable * taxes.salesBps) / 10_000);
          subtotal += lineSubtotal;
          excise += lineExcise;
          sales += lineSales;
          itemRows.push({
            n: number,
            v: line.variant.id,
            pn: line.variant.productName,
            vn: line.variant.variantName,
            sku: line.variant.sku,
            c: line.variant.category,
            q: line.quantity,
            up: line.variant.priceCents,
            st: lineSubtotal,
            ex: lineExcise,
            tx: lineSales,
            tt: lineSubtotal + lineExcise + lineSales,
            w: line.variant.weightMg === null ? null : line.variant.weightMg * line.quantity,
          });
        }
        const discount = Math.round((subtotal * discountPct) / 100);
        const fee = delivery ? 799 : 0;
        // Opening hours 9:00-21:00, busier in the afternoon and evening.
        const minute = 9 * 60 + Math.floor(Math.sqrt(rng()) * 12 * 60);
        const outcome = rng();
        const status = outcome < 0.07 ? "cancelled" : outcome < 0.105 ? "refunded" : "completed";
        const handover = minute + (delivery ? intBetween(rng, 60, 150) : intBetween(rng, 15, 90));
        const by =
          delivery && drivers.length
            ? drivers[0]!
            : (handers[intBetween(rng, 0, handers.length - 1)] ?? null);
        const at = (m: number, plusDays = 0) =>
          `${addDays(day, plusDays + Math.floor(m / 1440))} ${String(Math.floor((m % 1440) / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
        orderRows.push({
          n: number,
          c: buyer.id,
          l: store.id,
          s: status,
          f: delivery ? "delivery" : "pickup",
          pm: rng() < 0.6 ? "cash" : "debit",
          ps: status === "completed" ? "paid" : status === "refunded" ? "refunded" : "due_at_handover",
          st: subtotal,
          d: discount,
          fee,
          ex: excise,
          tx: sales,
          t: subtotal - discount + fee + excise + sales,
          day,
          p: at(minute),
          done: status === "cancelled" ? null : at(handover),
          by: status === "cancelled" ? null : by,
          x: status === "cancelled" ? at(minute + 20) : null,
          why: status === "cancelled" ? "The customer did not come" : null,
        });
        const steps = ["pending", "confirmed", "preparing", delivery ? "out_for_delivery" : "ready"];
        const reached = status === "cancelled" ? intBetween(rng, 1, 3) : steps.length;
        for (let k = 0; k < reached; k++)
          eventRows.push({
            n: number,
            f: k === 0 ? null : steps[k - 1],
            t: steps[k],
            at: at(minute + k * 5),
            by: k === 0 ? null : by,
          });
        if (status === "cancelled")
          eventRows.push({ n: number, f: steps[reached - 1], t: "cancelled", at: at(minute + 20), by: null });
        else eventRows.push({ n: number, f: steps[3], t: "completed", at: at(handover), by });
        if (status === "refunded")
          eventRows.push({
            n: number,
            f: "completed",
            t: "refunded",
            at: at(handover + 60, Math.min(intBetween(rng, 0, 2), targets.length - 1 - dayIndex)),
            by: handers[0] ?? null,
          });
      }
    }
  });

  await insertHistory(tx, org, { orderRows, itemRows, eventRows }, addDays(lastDay, -HISTORY_DAYS));
  await continueOrderNumbersAfter(tx, org.id, number);
  await rebuildSalesRollups(tx, org.id);
  await seedDemoFunnel(tx, { id: org.id, slug: orgSlug }, placedPerDay);
  return CUSTOMERS_PER_STORE;
}

async function insertHistory(
  tx: Transaction,
  org: { id: string; timeZone: string },
  rows: { orderRows: object[]; itemRows: object[]; eventRows: object[] },
  openingDay: string,
) {
  const tz = org.timeZone;
  const local = (column: string) => sql.raw(`(r.${column})::timestamp at time zone `);
  await json(
    tx,
    rows.orderRows,
    (p) => sql`
    insert into orders (organization_id, order_number, customer_id, location_id, status, fulfillment, purchaser_type,
      payment_method, payment_status, subtotal_cents, discount_cents, delivery_fee_cents, excise_cents,
      sales_tax_cents, total_cents, local_day, placed_at, completed_at, completed_by_user_id, cancelled_at,
      cancel_reason, created_at, updated_at)
    select ${org.id}, r.n, r.c, r.l, r.s::order_status, r.f::fulfillment, 'adult_use', r.pm::payment_method,
      r.ps::payment_status, r.st, r.d, r.fee, r.ex, r.tx, r.t, r.day::date, ${local("p")}${tz},
      ${local("done")}${tz}, r.by, ${local("x")}${tz}, r.why, ${local("p")}${tz}, ${local("p")}${tz}
    from json_to_recordset(${p}) as r(n int, c uuid, l uuid, s text, f text, pm text, ps text, st int, d int,
      fee int, ex int, tx int, t int, day text, p text, done text, by text, x text, why text)`,
  );
  await json(
    tx,
    rows.itemRows,
    (p) => sql`
    insert into order_items (organization_id, order_id, variant_id, product_name, variant_name, sku, category,
      quantity, unit_price_cents, subtotal_cents, excise_cents, sales_tax_cents, total_cents, cannabis_weight_mg)
    select ${org.id}, o.id, r.v, r.pn, r.vn, r.sku, r.c, r.q, r.up, r.st, r.ex, r.tx, r.tt, r.w
    from json_to_recordset(${p}) as r(n int, v uuid, pn text, vn text, sku text, c text, q int, up int, st int,
      ex int, tx int, tt int, w int)
    join orders o on o.organization_id = ${org.id} and o.order_number = r.n`,
  );
  await json(
    tx,
    rows.eventRows,
    (p) => sql`
    insert into order_status_events (organization_id, order_id, from_status, to_status, actor_user_id, created_at)
    select ${org.id}, o.id, r.f::order_status, r.t::order_status, r.by, ${local("at")}${tz}
    from json_to_recordset(${p}) as r(n int, f text, t text, at text, by text)
    join orders o on o.organization_id = ${org.id} and o.order_number = r.n`,
  );
  // What the sales took out and the refunds put back, as the lifecycle records them.
  await tx.execute(sql`
    insert into stock_movements (organization_id, location_id, variant_id, kind, quantity, reason, actor_user_id,
      order_id, created_at)
    select o.organization_id, o.location_id, i.variant_id, 'sell', -i.quantity, 'Order #' || o.order_number,
      o.completed_by_user_id, o.id, o.completed_at
    from orders o join order_items i on i.order_id = o.id
    where o.organization_id = ${org.id} and o.status in ('completed', 'refunded')`);
  await tx.execute(sql`
    insert into stock_movements (organization_id, location_id, variant_id, kind, quantity, reason, actor_user_id,
      order_id, created_at)
    select o.organization_id, o.location_id, i.variant_id, 'return', i.quantity,
      'Refund of order #' || o.order_number || ' (from completed)', e.actor_user_id, o.id, e.created_at
    from orders o join order_items i on i.order_id = o.id
    join order_status_events e on e.order_id = o.id and e.to_status = 'refunded'
    where o.organization_id = ${org.id} and o.status = 'refunded'`);
  // Opening stock: what was received before the history began, so movements add up to today's on-hand.
  await tx.execute(sql`
    insert into stock_movements (organization_id, location_id, variant_id, kind, quantity, reason, created_at)
    select l.organization_id, l.location_id, l.variant_id, 'receive', l.on_hand - coalesce(m.net, 0),
      'Opening stock', (${openingDay}::date + time '08:00') at time zone ${tz}
    from inventory_levels l
    left join (select location_id, variant_id, sum(quantity) as net from stock_movements
               where organization_id = ${org.id} group by 1, 2) m
      on m.location_id = l.location_id and m.variant_id = l.variant_id
    where l.organization_id = ${org.id} and l.on_hand - coalesce(m.net, 0) > 0`);
}

/** The store's customers: synthetic shoppers who join over the half-year, some of whom drift away. */
async function createCustomers(
  tx: Transaction,
  organizationId: string,
  orgSlug: string,
  passwordHash: string,
): Promise<Buyer[]> {
  const people = Array.from({ length: CUSTOMERS_PER_STORE }, (_, i) => {
    const rng = rngFor(`customer:${orgSlug}:${i}`);
    const name = `${FIRST[intBetween(rng, 0, FIRST.length - 1)]} ${LAST[intBetween(rng, 0, LAST.length - 1)]}`;
    // Half are there from the start; the rest join at a steady pace. About a third leave before the end.
    const joinDay = rng() < 0.5 ? 0 : intBetween(rng, 1, HISTORY_DAYS - 10);
    const leaveDay = rng() < 0.33 ? intBetween(rng, joinDay + 20, HISTORY_DAYS + 20) : HISTORY_DAYS + 1;
    // Regulars buy weekly, most monthly, some once in a while.
    const weight = rng() < 0.15 ? 6 : rng() < 0.7 ? 1.5 : 0.4;
    return {
      name,
      email: `customer${String(i + 1).padStart(3, "0")}@${orgSlug}.example`,
      joinDay,
      leaveDay,
      weight,
      consent: rng() < 0.4,
    };
  });
  const userRows = await tx
    .insert(users)
    .values(
      people.map((p) => ({
        name: p.name,
        email: p.email,
        passwordHash,
        emailVerified: DEMO_EMAIL_VERIFIED_AT,
      })),
    )
    .returning({ id: users.id });
  const customerRows = await tx
    .insert(customers)
    .values(
      userRows.map((u, i) => ({ organizationId, userId: u.id, marketingEmailConsent: people[i]!.consent })),
    )
    .returning({ id: customers.id });
  // The demo shoppers who may buy (not the under-age account) get a history too.
  const existing = await tx
    .select({ id: customers.id })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.userId))
    .where(
      and(
        eq(customers.organizationId, organizationId),
        sql`${users.email} not like 'under21@%'`,
        sql`${users.email} not like '%.example'`,
      ),
    );
  return [
    ...customerRows.map((c, i) => ({
      id: c.id,
      joinDay: people[i]!.joinDay,
      leaveDay: people[i]!.leaveDay,
      weight: people[i]!.weight,
    })),
    ...existing.map((c) => ({ id: c.id, joinDay: 0, leaveDay: HISTORY_DAYS + 1, weight: 1 })),
  ];
}

/** Popularity by a Zipf law over a fixed shuffle: a few best sellers, a long tail of slow movers. */
function zipfWeights(n: number, key: string): number[] {
  const ranks = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => hashString(`${key}:${a}`) - hashString(`${key}:${b}`),
  );
  const weights = new Array<number>(n);
  ranks.forEach((variant, rank) => (weights[variant] = 1 / (rank + 1) ** 0.9));
  let acc = 0;
  return weights.map((w) => (acc += w));
}

function pickLines(variants: Variant[], cumulative: number[], rng: () => number) {
  const count = rng() < 0.45 ? 1 : rng() < 0.7 ? 2 : rng() < 0.85 ? 3 : 4;
  const chosen = new Map<string, { variant: Variant; quantity: number }>();
  const total = cumulative[cumulative.length - 1]!;
  for (let i = 0; i < count; i++) {
    const target = rng() * total;
    let lo = 0,
      hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    const variant = variants[lo]!;
    const line = chosen.get(variant.id) ?? { variant, quantity: 0 };
    line.quantity = Math.min(line.quantity + (rng() < 0.8 ? 1 : 2), 5);
    chosen.set(variant.id, line);
  }
  return [...chosen.values()];
}

function pickWeighted(buyers: Buyer[], total: number, u: number): Buyer {
  let target = u * total;
  for (const b of buyers) {
    target -= b.weight;
    if (target <= 0) return b;
  }
  return buyers[buyers.length - 1]!;
}

/** A standard normal draw (Box-Muller) from the seeded stream. */
function gaussian(rng: () => number) {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}
