import { and, asc, eq, gt, isNull, isNotNull, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  customerSales,
  customers,
  loyaltyAccounts,
  loyaltyTiers,
  pushSubscriptions,
  users,
} from "@cannasaas/db/schema";
import { ageOn } from "../time";
import { openPersonal } from "../crypto/pii";
import { orderCountSql, totalSpendSql } from "./segment-rules";

/** A customer's points: the sum of their ledger entries (indexed by organization, customer). */
const pointsSql = sql<number>`coalesce((select sum(l.points) from loyalty_ledger l
  where l.organization_id = customers.organization_id and l.customer_id = customers.id), 0)::int`;

/** The columns the customers page and the sender read about a customer, with the rollup's figures. */
export const audienceColumns = {
  id: customers.id,
  name: users.name,
  email: users.email,
  dateOfBirth: users.dateOfBirth,
  isMedicalPatient: customers.isMedicalPatient,
  emailConsent: customers.marketingEmailConsent,
  smsConsent: customers.marketingSmsConsent,
  pushConsent: customers.marketingPushConsent,
  phone: customers.phone,
  timeZone: customers.timeZone,
  createdAt: customers.createdAt,
  /** The creation time at full precision, for keyset cursors (a JS Date drops the microseconds). */
  sortKey: sql<string>`${customers.createdAt}::text`,
  orders: orderCountSql,
  totalCents: totalSpendSql,
  lastOrderAt: customerSales.lastOrderAt,
  tier: loyaltyTiers.name,
  points: pointsSql,
};

/** The customer's row in the sales rollup (none until their first order). */
const salesOfCustomer = and(
  eq(customerSales.organizationId, customers.organizationId),
  eq(customerSales.customerId, customers.id),
);

/** The store's customers who have not erased their account, narrowed by `where`. */
const inStore = (organizationId: string, where: SQL | undefined) =>
  and(eq(customers.organizationId, organizationId), isNull(customers.erasedAt), where);

/** `select ... from customers` with the joins every segment condition and audience column relies on. */
export function audienceQuery(db: DbOrTx, organizationId: string, where: SQL | undefined) {
  return db
    .select(audienceColumns)
    .from(customers)
    .innerJoin(users, eq(users.id, customers.userId))
    .leftJoin(customerSales, salesOfCustomer)
    .leftJoin(loyaltyAccounts, eq(loyaltyAccounts.customerId, customers.id))
    .leftJoin(loyaltyTiers, eq(loyaltyTiers.id, loyaltyAccounts.tierId))
    .where(inStore(organizationId, where));
}

/** Who may get marketing email at all: consent given now, an account with an address, not erased. */
export const emailReachable = and(eq(customers.marketingEmailConsent, true), isNotNull(customers.userId));

/** Who may get marketing texts at all: SMS consent given now (the number is checked per message). */
export const smsReachable = and(eq(customers.marketingSmsConsent, true), isNotNull(customers.userId));

/**
 * Who may get marketing pushes at all: push consent given now and at least one browser subscribed at this
 * store (a subscription alone brings order notifications only).
 */
export const pushReachable = and(
  eq(customers.marketingPushConsent, true),
  isNotNull(customers.userId),
  sql`exists (select 1 from ${pushSubscriptions}
    where ${pushSubscriptions.organizationId} = ${customers.organizationId}
      and ${pushSubscriptions.customerId} = ${customers.id})`,
);

/** Who may get a campaign's channel at all. */
export const channelReachable = (channel: "email" | "sms" | "push") =>
  channel === "sms" ? smsReachable : channel === "push" ? pushReachable : emailReachable;

/**
 * Whether `phone` is a number `smsNumberFor` can text: `normalizePhone` (validators/sms.ts) in SQL, so a count
 * leaves out the shoppers a send skips as no_phone or invalid_phone. A test holds the two to the same answers.
 */
export const smsNumberReadable = (phone: SQL | typeof customers.phone) => {
  const trimmed = sql`regexp_replace(${phone}, '^[[:space:]]+|[[:space:]]+$', '', 'g')`;
  const digits = sql`regexp_replace(${trimmed}, '[^0-9]', '', 'g')`;
  const e164 = sql`case
    when ${trimmed} like '+%' then '+' || ${digits}
    when length(${digits}) = 10 then '+1' || ${digits}
    when length(${digits}) = 11 and ${digits} like '1%' then '+' || ${digits}
  end`;
  return sql<boolean>`coalesce(${trimmed} ~ '^[+]?[0-9[:space:]()./-]+$'
    and ${e164} ~ '^[+][1-9][0-9]{7,14}$'
    and (${e164} not like '+1%' or ${e164} ~ '^[+]1[2-9][0-9]{2}[2-9][0-9]{6}$'), false)`;
};

/**
 * Who a send on `channel` would write a message to rather than skip, as far as can be known before it runs:
 * reachable on the channel, a birth date on file (none counts as too young), and for texts a number that can
 * be texted. Age itself (sealed), the weekly frequency cap, the plan's monthly limit and a text too long once
 * merged are decided per message at send time.
 */
export const channelReach = (channel: "email" | "sms" | "push") =>
  and(
    channelReachable(channel),
    isNotNull(users.dateOfBirth),
    channel === "sms" ? smsNumberReadable(customers.phone) : undefined,
  )!;

/** How many customers match `where`, and how many of them each channel reaches: one query, filtered counts. */
export function audienceReach(db: DbOrTx, organizationId: string, where: SQL | undefined) {
  const reaching = (channel: "email" | "sms" | "push") =>
    sql<number>`(count(*) filter (where ${channelReach(channel)}))::int`;
  return db
    .select({
      matching: sql<number>`count(*)::int`,
      email: reaching("email"),
      sms: reaching("sms"),
      push: reaching("push"),
    })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.userId))
    .leftJoin(customerSales, salesOfCustomer)
    .where(inStore(organizationId, where))
    .then(([row]) => ({
      matching: row?.matching ?? 0,
      reach: { email: row?.email ?? 0, sms: row?.sms ?? 0, push: row?.push ?? 0 },
    }));
}

/** The next batch of a segment after `afterId`, in id order (keyset: never the whole list in memory). */
export function audienceBatch(
  db: DbOrTx,
  organizationId: string,
  where: SQL,
  afterId: string | null,
  limit: number,
) {
  return audienceQuery(db, organizationId, and(where, afterId ? gt(customers.id, afterId) : undefined))
    .orderBy(asc(customers.id))
    .limit(limit);
}

/** The youngest a person may be to receive marketing: 21, or 18 where the store sells to patients only. */
export function marketingMinimumAge(compliance: { adultUseEnabled: boolean; medicalEnabled: boolean }) {
  return !compliance.adultUseEnabled && compliance.medicalEnabled ? 18 : 21;
}

/**
 * Whether a recipient is old enough on `day` (YYYY-MM-DD, the store's calendar). An unknown or unreadable
 * birth date counts as too young: nobody is marketed to on a guess.
 */
export function oldEnough(sealedDateOfBirth: string | null, day: string, minimumAge: number): boolean {
  let dob: string | null;
  try {
    dob = openPersonal(sealedDateOfBirth);
  } catch {
    return false;
  }
  if (!dob || !/^\d{4}-\d{2}-\d{2}$/.test(dob)) return false;
  return ageOn(dob, day) >= minimumAge;
}
