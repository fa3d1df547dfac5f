import { TZDate } from "@date-fns/tz";
import { and, asc, desc, eq, inArray, notInArray } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  brands,
  categories,
  locations,
  loyaltyTiers,
  organizations,
  products,
  productVariants,
  promotionCodes,
  promotions,
} from "@cannasaas/db/schema";
import type { PromotionInput } from "@cannasaas/validators";
import { DomainError } from "../errors";
import { isScheduledAt, describeHours } from "./schedule";
import { toEnginePromotion } from "./load";
import { describeRule } from "./describe";

/** "2026-07-04T16:00" on the store's wall clock, as an instant. */
export function storeTimeToInstant(local: string, timeZone: string): Date {
  const [date, time] = local.split("T") as [string, string];
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, timeZone).getTime());
}

function rowValues(input: PromotionInput, timeZone: string) {
  return {
    name: input.name,
    description: input.description,
    kind: input.rule.kind,
    rule: input.rule,
    target: input.target,
    audience: input.audience,
    stacking: input.stacking,
    priority: input.priority,
    requiresCode: input.codes.length > 0,
    firstOrderOnly: input.firstOrderOnly,
    startsAt: input.startsAt ? storeTimeToInstant(input.startsAt, timeZone) : null,
    endsAt: input.endsAt ? storeTimeToInstant(input.endsAt, timeZone) : null,
    daysOfWeek: input.daysOfWeek.length ? [...input.daysOfWeek].sort() : null,
    startMinute: input.startMinute,
    endMinute: input.endMinute,
    perOrderLimit: input.perOrderLimit,
    perCustomerLimit: input.perCustomerLimit,
    totalLimit: input.totalLimit,
    minSubtotalCents: input.minSubtotalCents,
  };
}

const isUniqueViolation = (e: unknown) =>
  typeof e === "object" && e !== null && (e as { code?: string }).code === "23505";

async function saveCodes(tx: DbOrTx, organizationId: string, promotionId: string, codes: string[]) {
  await tx
    .delete(promotionCodes)
    .where(
      and(
        eq(promotionCodes.organizationId, organizationId),
        eq(promotionCodes.promotionId, promotionId),
        codes.length ? notInArray(promotionCodes.code, codes) : undefined,
      ),
    );
  if (!codes.length) return;
  const taken = await tx
    .select({ code: promotionCodes.code, promotionId: promotionCodes.promotionId })
    .from(promotionCodes)
    .where(and(eq(promotionCodes.organizationId, organizationId), inArray(promotionCodes.code, codes)));
  const elsewhere = taken.find((t) => t.promotionId !== promotionId);
  if (elsewhere) {
    throw new DomainError("CONFLICT", `The code ${elsewhere.code} already belongs to another promotion.`, {
      field: "codes",
    });
  }
  const have = new Set(taken.map((t) => t.code));
  const fresh = codes.filter((c) => !have.has(c));
  if (fresh.length) {
    await tx.insert(promotionCodes).values(fresh.map((code) => ({ organizationId, promotionId, code })));
  }
}

/** Creates a promotion (active at once, within its schedule) with its coupon codes, in one transaction. */
export async function createPromotion(
  db: DbOrTx,
  tenant: { id: string; timeZone: string },
  input: PromotionInput,
) {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(promotions)
        .values({ organizationId: tenant.id, ...rowValues(input, tenant.timeZone) })
        .returning();
      await saveCodes(tx, tenant.id, row!.id, input.codes);
      return row!;
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError("CONFLICT", "One of those codes is already in use.", { field: "codes" });
    throw e;
  }
}

async function lockPromotion(tx: DbOrTx, organizationId: string, id: string) {
  const [row] = await tx
    .select()
    .from(promotions)
    .where(and(eq(promotions.id, id), eq(promotions.organizationId, organizationId)))
    .for("update");
  if (!row) throw new DomainError("NOT_FOUND", "That promotion does not exist.");
  return row;
}

/** Changes a promotion that has not ended. Its redemptions so far stay; the total limit cannot go below them. */
export async function updatePromotion(
  db: DbOrTx,
  tenant: { id: string; timeZone: string },
  id: string,
  input: PromotionInput,
) {
  return db.transaction(async (tx) => {
    const before = await lockPromotion(tx, tenant.id, id);
    if (before.status === "ended")
      throw new DomainError("CONFLICT", `${before.name} has ended; create a new one.`);
    if (input.totalLimit !== null && input.totalLimit < before.redemptionCount) {
      throw new DomainError(
        "BAD_REQUEST",
        `${before.name} has been redeemed ${before.redemptionCount} times; the total limit cannot be lower.`,
        { field: "totalLimit" },
      );
    }
    const [row] = await tx
      .update(promotions)
      .set(rowValues(input, tenant.timeZone))
      .where(and(eq(promotions.id, id), eq(promotions.organizationId, tenant.id)))
      .returning();
    await saveCodes(tx, tenant.id, id, input.codes);
    return { before, after: row! };
  });
}

/** Pause (resumable), resume, or end (final: kept for its redemption history). */
export async function setPromotionStatus(
  db: DbOrTx,
  organizationId: string,
  id: string,
  to: "active" | "paused" | "ended",
  now: Date,
) {
  return db.transaction(async (tx) => {
    const before = await lockPromotion(tx, organizationId, id);
    if (before.status === "ended") throw new DomainError("CONFLICT", `${before.name} has already ended.`);
    const [row] = await tx
      .update(promotions)
      .set({ status: to, ...(to === "ended" ? { endedAt: now } : {}) })
      .where(and(eq(promotions.id, id), eq(promotions.organizationId, organizationId)))
      .returning();
    return { before, after: row! };
  });
}

/**
 * The dashboard's list: every promotion with its codes, whether it is live at `at` (the "live now" preview, or
 * any moment the manager picks) on the store's clock, and its schedule in words.
 */
export async function listPromotions(db: DbOrTx, tenant: { id: string; timeZone: string }, at: Date) {
  const rows = await db
    .select()
    .from(promotions)
    .where(eq(promotions.organizationId, tenant.id))
    .orderBy(asc(promotions.status), desc(promotions.priority), desc(promotions.createdAt));
  const codes = rows.length
    ? await db
        .select({ promotionId: promotionCodes.promotionId, code: promotionCodes.code })
        .from(promotionCodes)
        .where(eq(promotionCodes.organizationId, tenant.id))
        .orderBy(asc(promotionCodes.code))
    : [];
  return rows.map((row) => {
    const engine = toEnginePromotion(row);
    const usedUp = row.totalLimit !== null && row.redemptionCount >= row.totalLimit;
    return {
      ...row,
      codes: codes.filter((c) => c.promotionId === row.id).map((c) => c.code),
      hours: describeHours(engine),
      usedUp,
      liveAt: row.status === "active" && !usedUp && isScheduledAt(engine, at, tenant.timeZone),
    };
  });
}

/** The store's id and time zone, which a staff procedure (scoped by organization id) needs for schedules. */
export async function promotionStore(db: DbOrTx, organizationId: string) {
  const [org] = await db
    .select({ id: organizations.id, timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError("NOT_FOUND", "That organization does not exist.");
  return org;
}

/**
 * What the promotion form offers to target: categories, brands, active products and their variants,
 * locations, and the loyalty program's tiers.
 */
export async function promotionFormOptions(db: DbOrTx, organizationId: string) {
  // One query after another: a dashboard request shares a small pool with everything else.
  const cats = await db
    .select({ slug: categories.slug, name: categories.name })
    .from(categories)
    .where(eq(categories.organizationId, organizationId))
    .orderBy(asc(categories.position), asc(categories.name));
  const brandRows = await db
    .select({ id: brands.id, name: brands.name })
    .from(brands)
    .where(eq(brands.organizationId, organizationId))
    .orderBy(asc(brands.name));
  const productRows = await db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(and(eq(products.organizationId, organizationId), eq(products.status, "active")))
    .orderBy(asc(products.name))
    .limit(FORM_PRODUCT_LIMIT);
  const variantRows = productRows.length
    ? await db
        .select({ id: productVariants.id, name: productVariants.name, productId: productVariants.productId })
        .from(productVariants)
        .where(
          and(
            eq(productVariants.organizationId, organizationId),
            inArray(
              productVariants.productId,
              productRows.map((p) => p.id),
            ),
          ),
        )
        .orderBy(asc(productVariants.name))
    : [];
  const locationRows = await db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(eq(locations.organizationId, organizationId))
    .orderBy(asc(locations.name));
  const tierRows = await db
    .select({ id: loyaltyTiers.id, name: loyaltyTiers.name })
    .from(loyaltyTiers)
    .where(eq(loyaltyTiers.organizationId, organizationId))
    .orderBy(asc(loyaltyTiers.thresholdPoints));
  const productName = new Map(productRows.map((p) => [p.id, p.name]));
  return {
    categories: cats,
    brands: brandRows,
    products: productRows,
    variants: variantRows
      .map((v) => ({ id: v.id, name: `${productName.get(v.productId)} · ${v.name}` }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    locations: locationRows,
    tiers: tierRows,
  };
}

/** The product picker lists at most this many (by name); larger menus target by category or brand. */
export const FORM_PRODUCT_LIMIT = 500;

/**
 * Promotions for the public API: what each gives (kind, rule, terms in words), for whom, when, its codes and
 * limits, and whether it is live at `now`. Filtered by status when asked.
 */
export async function listApiPromotions(
  db: DbOrTx,
  organizationId: string,
  options: { status?: "active" | "paused" | "ended"; now: Date },
) {
  const store = await promotionStore(db, organizationId);
  const rows = await listPromotions(db, store, options.now);
  return rows
    .filter((r) => !options.status || r.status === options.status)
    .map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      kind: r.kind,
      terms: describeRule(r.rule),
      rule: r.rule,
      target: r.target,
      audience: r.audience,
      status: r.status,
      stacking: r.stacking,
      priority: r.priority,
      codes: r.codes,
      firstOrderOnly: r.firstOrderOnly,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      daysOfWeek: r.daysOfWeek,
      startMinute: r.startMinute,
      endMinute: r.endMinute,
      timeZone: store.timeZone,
      perOrderLimit: r.perOrderLimit,
      perCustomerLimit: r.perCustomerLimit,
      totalLimit: r.totalLimit,
      minSubtotalCents: r.minSubtotalCents,
      redemptionCount: r.redemptionCount,
      liveNow: r.liveAt,
      updatedAt: r.updatedAt,
    }));
}
