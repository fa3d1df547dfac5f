import type { Transaction } from "@cannasaas/db/client";
import { stockClaims } from "@cannasaas/db/schema";
import { DomainError, isDomainError } from "../errors";

/** The SQLSTATE the `stock_claims_reserve` trigger aborts a COMMIT with (see migration 0043). */
const STOCK_NOT_COVERED = "CS409";
/** The SQLSTATE the `promotion_claims_take` trigger aborts a COMMIT with (see migration 0044). */
const PROMOTION_RUN_OUT = "CS410";

type ShortLine = { variantId: string; productName: string; variantName: string };

/** The refusal for a line whose stock cannot cover it, saying how many are left. */
export function shortStockError(line: ShortLine, available: number): DomainError {
  const left = Math.max(0, available);
  return new DomainError(
    "CONFLICT",
    left === 0
      ? `${line.productName} (${line.variantName}) just sold out at this location. Remove it to continue.`
      : `Only ${left} of ${line.productName} (${line.variantName}) left at this location. Lower the quantity to continue.`,
    { variantId: line.variantId, available: left },
  );
}

/**
 * Claims every line's units at `locationId`, to be reserved when the transaction commits. The rows go in
 * variant order, which is the order the trigger locks the stock rows in, so two checkouts of overlapping carts
 * cannot deadlock. Nothing is reserved, and no stock row locked, until the COMMIT; a claim the stock no longer
 * covers then aborts the whole commit (see `claimRefusal`).
 */
export async function claimStock(
  tx: Transaction,
  organizationId: string,
  locationId: string,
  lines: ReadonlyArray<{ variantId: string; quantity: number }>,
) {
  const rows = [...lines]
    .sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0))
    .map((l) => ({ organizationId, locationId, variantId: l.variantId, quantity: l.quantity }));
  await tx.insert(stockClaims).values(rows);
}

type DatabaseError = { code?: unknown; detail?: unknown; cause?: unknown };

/** The refusal for an order that used a deal which has just ended or run out. */
export function promotionRunOutError(promotion: { promotionId: string; name: string }): DomainError {
  return new DomainError(
    "CONFLICT",
    `${promotion.name} has just run out. Your cart now shows the price without it; review it and order again.`,
    { promotionId: promotion.promotionId },
  );
}

/**
 * The shopper's refusal for a COMMIT a stock or promotion claim aborted, or null for any other error.
 * postgres.js and PGlite throw the server's error as it is; a driver that wraps it keeps it as the cause.
 */
export function claimRefusal(error: unknown): DomainError | null {
  for (
    let e = error as DatabaseError | undefined, depth = 0;
    e && depth < 3;
    e = e.cause as DatabaseError, depth++
  ) {
    if (typeof e.detail !== "string") continue;
    if (e.code === STOCK_NOT_COVERED) {
      const detail = JSON.parse(e.detail) as ShortLine & { available: number };
      return shortStockError(detail, detail.available);
    }
    if (e.code === PROMOTION_RUN_OUT) {
      return promotionRunOutError(JSON.parse(e.detail) as { promotionId: string; name: string });
    }
  }
  return null;
}

/** A domain error as it is, a COMMIT a stock or promotion claim aborted as the shopper's refusal, else null. */
export function domainErrorOf(error: unknown): DomainError | null {
  return isDomainError(error) ? error : claimRefusal(error);
}

/**
 * Runs `work` in a transaction of its own and gives a COMMIT that a claim aborted as the shopper's
 * refusal. Inside a caller's transaction (a savepoint), the claim is checked at the caller's COMMIT instead,
 * and the caller's error handling (the API's) makes the same refusal of it.
 */
export async function committingClaims<T>(
  db: { transaction: <R>(work: (tx: Transaction) => Promise<R>) => Promise<R> },
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (error) {
    throw claimRefusal(error) ?? error;
  }
}
