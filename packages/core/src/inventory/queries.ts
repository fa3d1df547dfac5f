import { and, asc, desc, eq, gt, gte, ilike, isNotNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  inventoryLevels,
  inventoryLots,
  locations,
  organizations,
  products,
  productVariants,
  stockMovements,
  users,
} from "@cannasaas/db/schema";
import { assertTenantLocation } from "../catalog/locations";
import { DomainError } from "../errors";
import { addDays, calendarDayIn } from "../time";
import type { StockMovementKind } from "./record-movement";

export type Page = { page: number; pageSize: number };
const available = sql<number>`${inventoryLevels.onHand} - ${inventoryLevels.reserved}`.mapWith(Number);
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Every variant of the organization at one location, with its stock (zero when never stocked there). */
export async function listInventoryLevels(
  db: DbOrTx,
  organizationId: string,
  query: Page & { locationId: string; search?: string | null; lowOnly?: boolean },
) {
  await assertTenantLocation(db, organizationId, query.locationId);
  const search = query.search?.trim();
  const term = search ? `%${escapeLike(search)}%` : null;
  const rows = await db
    .select({
      variantId: productVariants.id,
      sku: productVariants.sku,
      variantName: productVariants.name,
      productName: products.name,
      productSlug: products.slug,
      productStatus: products.status,
      onHand: sql<number>`coalesce(${inventoryLevels.onHand}, 0)`.mapWith(Number),
      reserved: sql<number>`coalesce(${inventoryLevels.reserved}, 0)`.mapWith(Number),
      lowStockThreshold: sql<number>`coalesce(${inventoryLevels.lowStockThreshold}, 5)`.mapWith(Number),
      lotCount:
        sql<number>`(select count(*) from ${inventoryLots} where ${inventoryLots.variantId} = ${productVariants.id} and ${inventoryLots.locationId} = ${query.locationId} and ${inventoryLots.quantity} > 0)`.mapWith(
          Number,
        ),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .leftJoin(
      inventoryLevels,
      and(
        eq(inventoryLevels.variantId, productVariants.id),
        eq(inventoryLevels.locationId, query.locationId),
        eq(inventoryLevels.organizationId, organizationId),
      ),
    )
    .where(
      and(
        eq(productVariants.organizationId, organizationId),
        term
          ? or(
              ilike(products.name, term),
              ilike(productVariants.sku, term),
              ilike(productVariants.name, term),
            )
          : undefined,
        query.lowOnly
          ? // As in listLowStock: an item never stocked here is not "running low" here.
            sql`${inventoryLevels.onHand} - ${inventoryLevels.reserved} <= ${inventoryLevels.lowStockThreshold}`
          : undefined,
      ),
    )
    .orderBy(asc(products.name), asc(productVariants.position), asc(productVariants.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const items = rows.map(({ total: _total, ...r }) => ({
    ...r,
    available: r.onHand - r.reserved,
    low: r.onHand - r.reserved <= r.lowStockThreshold,
  }));
  return { items, total: rows[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

/**
 * Stocked items whose available count is at or below their threshold, across locations (or one). Only rows
 * that exist count: an item never stocked at a location is not "running low" there.
 */
export async function listLowStock(
  db: DbOrTx,
  organizationId: string,
  options: { locationId?: string | null; limit?: number } = {},
) {
  return db
    .select({
      locationId: inventoryLevels.locationId,
      locationName: locations.name,
      variantId: inventoryLevels.variantId,
      sku: productVariants.sku,
      variantName: productVariants.name,
      productName: products.name,
      onHand: inventoryLevels.onHand,
      reserved: inventoryLevels.reserved,
      available,
      lowStockThreshold: inventoryLevels.lowStockThreshold,
    })
    .from(inventoryLevels)
    .innerJoin(locations, eq(locations.id, inventoryLevels.locationId))
    .innerJoin(productVariants, eq(productVariants.id, inventoryLevels.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(
      and(
        eq(inventoryLevels.organizationId, organizationId),
        eq(products.status, "active"),
        options.locationId ? eq(inventoryLevels.locationId, options.locationId) : undefined,
        sql`${inventoryLevels.onHand} - ${inventoryLevels.reserved} <= ${inventoryLevels.lowStockThreshold}`,
      ),
    )
    .orderBy(asc(available), asc(products.name), asc(inventoryLevels.id))
    .limit(options.limit ?? 200);
}

const lotColumns = {
  id: inventoryLots.id,
  packageLabel: inventoryLots.packageLabel,
  locationId: inventoryLots.locationId,
  locationName: locations.name,
  variantId: inventoryLots.variantId,
  sku: productVariants.sku,
  variantName: productVariants.name,
  productName: products.name,
  initialQuantity: inventoryLots.initialQuantity,
  quantity: inventoryLots.quantity,
  expiresOn: inventoryLots.expiresOn,
  receivedAt: inventoryLots.receivedAt,
};

function lotsFrom(db: DbOrTx) {
  return db
    .select(lotColumns)
    .from(inventoryLots)
    .innerJoin(locations, eq(locations.id, inventoryLots.locationId))
    .innerJoin(productVariants, eq(productVariants.id, inventoryLots.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId));
}

/** Lots with units left, optionally of one item or location; `includeEmpty` lists used-up ones too. */
export async function listLots(
  db: DbOrTx,
  organizationId: string,
  query: Page & {
    locationId?: string | null;
    variantId?: string | null;
    search?: string | null;
    includeEmpty?: boolean;
  },
) {
  const term = query.search?.trim() ? `%${escapeLike(query.search.trim())}%` : null;
  const rows = await lotsFrom(db)
    .where(
      and(
        eq(inventoryLots.organizationId, organizationId),
        query.locationId ? eq(inventoryLots.locationId, query.locationId) : undefined,
        query.variantId ? eq(inventoryLots.variantId, query.variantId) : undefined,
        query.includeEmpty ? undefined : gt(inventoryLots.quantity, 0),
        term ? or(ilike(inventoryLots.packageLabel, term), ilike(products.name, term)) : undefined,
      ),
    )
    .orderBy(
      sql`${inventoryLots.expiresOn} asc nulls last`,
      desc(inventoryLots.receivedAt),
      asc(inventoryLots.id),
    )
    .limit(query.pageSize + 1)
    .offset((query.page - 1) * query.pageSize);
  return { items: rows.slice(0, query.pageSize), hasMore: rows.length > query.pageSize, page: query.page };
}

/**
 * Lots with units left that expire within `days` of today in the organization's time zone, already expired
 * ones included (they must come off the shelf), soonest first.
 */
export async function listExpiringLots(
  db: DbOrTx,
  organizationId: string,
  options: { days: number; now: Date; locationId?: string | null; limit?: number },
) {
  const today = await organizationDay(db, organizationId, options.now);
  const until = addDays(today, options.days);
  const rows = await lotsFrom(db)
    .where(
      and(
        eq(inventoryLots.organizationId, organizationId),
        options.locationId ? eq(inventoryLots.locationId, options.locationId) : undefined,
        gt(inventoryLots.quantity, 0),
        isNotNull(inventoryLots.expiresOn),
        lte(inventoryLots.expiresOn, until),
      ),
    )
    .orderBy(asc(inventoryLots.expiresOn), asc(inventoryLots.id))
    .limit(options.limit ?? 200);
  return {
    today,
    until,
    lots: rows.map((r) => ({
      ...r,
      daysLeft: daysBetween(today, r.expiresOn!),
      expired: r.expiresOn! < today,
    })),
  };
}

export type MovementFilter = Page & {
  variantId?: string | null;
  locationId?: string | null;
  kind?: StockMovementKind | null;
  /** Inclusive instants. */
  from?: Date | null;
  to?: Date | null;
};

/** The stock movement history, newest first, with who made each change. */
export async function listStockMovements(db: DbOrTx, organizationId: string, filter: MovementFilter) {
  const where: SQL[] = [eq(stockMovements.organizationId, organizationId)];
  if (filter.variantId) where.push(eq(stockMovements.variantId, filter.variantId));
  if (filter.locationId) where.push(eq(stockMovements.locationId, filter.locationId));
  if (filter.kind) where.push(eq(stockMovements.kind, filter.kind));
  if (filter.from) where.push(gte(stockMovements.createdAt, filter.from));
  if (filter.to) where.push(lt(stockMovements.createdAt, filter.to));
  const rows = await db
    .select({
      id: stockMovements.id,
      createdAt: stockMovements.createdAt,
      kind: stockMovements.kind,
      quantity: stockMovements.quantity,
      reason: stockMovements.reason,
      orderId: stockMovements.orderId,
      locationId: stockMovements.locationId,
      locationName: locations.name,
      variantId: stockMovements.variantId,
      sku: productVariants.sku,
      variantName: productVariants.name,
      productName: products.name,
      packageLabel: inventoryLots.packageLabel,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(stockMovements)
    .innerJoin(locations, eq(locations.id, stockMovements.locationId))
    .innerJoin(productVariants, eq(productVariants.id, stockMovements.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .leftJoin(inventoryLots, eq(inventoryLots.id, stockMovements.lotId))
    .leftJoin(users, eq(users.id, stockMovements.actorUserId))
    .where(and(...where))
    .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
    .limit(filter.pageSize + 1)
    .offset((filter.page - 1) * filter.pageSize);
  return {
    items: rows.slice(0, filter.pageSize),
    hasMore: rows.length > filter.pageSize,
    page: filter.page,
  };
}

export async function organizationDay(db: DbOrTx, organizationId: string, now: Date) {
  const [org] = await db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError("NOT_FOUND", "That organization does not exist.");
  return calendarDayIn(now, org.timeZone);
}

function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
