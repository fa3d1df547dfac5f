import { and, eq } from "drizzle-orm";
import type { Database, DbOrTx } from "@cannasaas/db/client";
import { customers, organizations, users } from "@cannasaas/db/schema";
import { openPersonal } from "../crypto/pii";
import { DomainError } from "../errors";
import { calendarDayIn } from "../time";
import { appendLedgerEntry } from "./ledger";
import { getLoyaltyProgram } from "./program";

type Scope = { organizationId: string; customerId: string };

/**
 * The shopper joins the store's rewards program (separate from marketing consent) and gets the sign-up bonus
 * once, whenever they join.
 */
export async function joinLoyalty(db: DbOrTx, scope: Scope, now: Date) {
  const program = await getLoyaltyProgram(db, scope.organizationId);
  if (!program.enabled) throw new DomainError("PRECONDITION_FAILED", "This store has no rewards program.");
  return db.transaction(async (tx) => {
    await tx
      .update(customers)
      .set({ loyaltyMember: true })
      .where(and(eq(customers.id, scope.customerId), eq(customers.organizationId, scope.organizationId)));
    const bonus =
      program.signupBonusPoints > 0
        ? await appendLedgerEntry(tx, {
            ...scope,
            kind: "earn",
            source: "signup",
            points: program.signupBonusPoints,
            reason: "Welcome bonus",
            dedupeKey: "signup",
            at: now,
          })
        : null;
    return { member: true, bonusPoints: bonus ? program.signupBonusPoints : 0 };
  });
}

/**
 * Gives members whose birthday is today (in the store's time zone) the birthday bonus, once a year. Dates of
 * birth are sealed, so each is opened here; a 29 February birthday is celebrated on 28 February otherwise.
 */
export async function grantBirthdayBonuses(db: Database, organizationId: string, now: Date) {
  const program = await getLoyaltyProgram(db, organizationId);
  if (!program.enabled || program.birthdayBonusPoints <= 0) return 0;
  const [org] = await db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  const today = calendarDayIn(now, org!.timeZone);
  const [year, monthDay] = [today.slice(0, 4), today.slice(5)];
  const leap = Number(year) % 4 === 0 && (Number(year) % 100 !== 0 || Number(year) % 400 === 0);
  const members = await db
    .select({ customerId: customers.id, dateOfBirth: users.dateOfBirth })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.userId))
    .where(and(eq(customers.organizationId, organizationId), eq(customers.loyaltyMember, true)));
  let granted = 0;
  for (const m of members) {
    const dob = openPersonal(m.dateOfBirth);
    if (!dob) continue;
    const birthday = dob.slice(5) === "02-29" && !leap ? "02-28" : dob.slice(5);
    if (birthday !== monthDay) continue;
    const entry = await db.transaction((tx) =>
      appendLedgerEntry(tx, {
        organizationId,
        customerId: m.customerId,
        kind: "earn",
        source: "birthday",
        points: program.birthdayBonusPoints,
        reason: `Happy birthday ${year}`,
        dedupeKey: `birthday:${year}`,
        at: now,
      }),
    );
    if (entry) granted += 1;
  }
  return granted;
}
