import { and, eq, notInArray } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { orderItems, orders } from "@cannasaas/db/schema";
import type { LimitKind } from "@cannasaas/db/enums";
import { evaluatePurchaseLimits } from "../compliance/limits";
import type { LimitContext, LimitLine } from "../compliance/limits";
import { DomainError } from "../errors";
import { lineLimitKind } from "./limit-kind";

type Limitable = {
  category: string;
  limitKind: LimitKind | null;
  productName?: string;
  quantity: number;
  weightMg?: number | null;
  cannabisWeightMg?: number | null;
  thcMg: number | null;
  netWeightMg: number | null;
  netVolumeMl: number | null;
};

export function toLimitLine(line: Limitable): LimitLine {
  return {
    kind: lineLimitKind(line),
    quantity: line.quantity,
    cannabisWeightMg: line.cannabisWeightMg ?? line.weightMg ?? null,
    thcMg: line.thcMg,
    netWeightMg: line.netWeightMg,
    netVolumeMl: line.netVolumeMl,
  };
}

/** What the customer already bought (or has on order) today, in the location's day; cancelled orders do not count. */
export async function purchasesOnDay(
  db: DbOrTx,
  organizationId: string,
  customerId: string,
  localDay: string,
) {
  const rows = await db
    .select({
      category: orderItems.category,
      limitKind: orderItems.limitKind,
      productName: orderItems.productName,
      quantity: orderItems.quantity,
      cannabisWeightMg: orderItems.cannabisWeightMg,
      thcMg: orderItems.thcMg,
      netWeightMg: orderItems.netWeightMg,
      netVolumeMl: orderItems.netVolumeMl,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(
      and(
        eq(orders.organizationId, organizationId),
        eq(orders.customerId, customerId),
        eq(orders.localDay, localDay),
        notInArray(orders.status, ["cancelled", "refunded"]),
      ),
    );
  return rows.map(toLimitLine);
}

export async function assertWithinLimits(
  db: DbOrTx,
  input: {
    organizationId: string;
    customerId: string;
    /** The selling location's state, its residency test and the purchaser's age (see `LimitContext`). */
    limits: LimitContext;
    localDay: string;
    cart: LimitLine[];
  },
) {
  const prior = await purchasesOnDay(db, input.organizationId, input.customerId, input.localDay);
  let result;
  try {
    result = evaluatePurchaseLimits(input.limits, input.cart, prior);
  } catch (error) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      error instanceof Error ? error.message : "Purchase limits are not configured.",
    );
  }
  if (!result.ok) {
    const first = result.violations[0]!;
    throw new DomainError("FORBIDDEN", first.message, {
      limit: first.limitId,
      violations: result.violations,
    });
  }
}
