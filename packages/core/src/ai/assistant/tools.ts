import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { customers } from "@cannasaas/db/schema";
import type { AiTool } from "@cannasaas/integrations/ai";
import type { KV } from "@cannasaas/integrations/kv";
import { STATE_LIMITS } from "../../compliance/limits-table";
import { hoursOn, isOpenAt } from "../../catalog/opening-hours";
import { readMenuProduct, readMenuProducts, readStorefrontLocations } from "../../catalog/menu-reads";
import { STRAIN_TYPES, type StrainType } from "../../catalog/menu-query";
import { listCustomerOrders } from "../../orders/queries";
import { listPromotions } from "../../promotions/admin";
import { loyaltySummary } from "../../loyalty/summary";
import type { GroundedProduct, StoreLinks } from "../guards";

/** What every tool is bound to: one tenant, the shopper's chosen location, and (if signed in) their own account. */
export type ToolScope = {
  db: Database;
  kv: KV;
  now: Date;
  organizationId: string;
  store: { name: string; state: string; timeZone: string };
  locationId: string | null;
  userId: string | null;
  links: StoreLinks;
};

/** What the tools found, for the guards: products in stock at the location, names seen, amounts and names quoted. */
export type Grounding = {
  allowed: Map<string, GroundedProduct>;
  seenNames: Set<string>;
  amountsCents: Set<number>;
  vocabulary: Set<string>;
};

export const newGrounding = (): Grounding => ({
  allowed: new Map(),
  seenNames: new Set(),
  amountsCents: new Set(),
  vocabulary: new Set(),
});

export const ASSISTANT_TOOLS: AiTool[] = [
  {
    name: "search_products",
    description:
      "Search this store's live menu. Returns products with price (cents) and units available at the shopper's location.",
    inputSchema: {
      type: "object",
      properties: {
        query: { type: "string", description: "Words to search for, e.g. a strain or product name" },
        category: { type: "string", description: "Category slug, e.g. flower, edible, vape, pre-roll" },
        effects: {
          type: "array",
          items: { type: "string" },
          description: "Reported effects, e.g. Relaxed, Happy",
        },
        strainTypes: { type: "array", items: { type: "string", enum: [...STRAIN_TYPES] } },
        maxPriceCents: { type: "integer" },
        minPriceCents: { type: "integer" },
      },
    },
  },
  {
    name: "get_product",
    description:
      "Details of one product by slug: description, potency, effects, terpenes, sizes and stock per location.",
    inputSchema: { type: "object", properties: { slug: { type: "string" } }, required: ["slug"] },
  },
  {
    name: "list_promotions",
    description: "The store's promotions that are live right now.",
    inputSchema: { type: "object", properties: {} },
  },
  {
    name: "store_info",
    description: "The store's locations, addresses and today's opening hours in the store's time zone.",
    inputSchema: { type: "object", properties: {} },
  },
  {
    name: "purchase_limits",
    description: "The state's purchase limits for adult-use customers, in plain words.",
    inputSchema: { type: "object", properties: {} },
  },
  {
    name: "my_orders",
    description:
      "The signed-in shopper's own recent orders at this store. Nobody else's orders are available.",
    inputSchema: { type: "object", properties: {} },
  },
  {
    name: "my_points",
    description: "The signed-in shopper's own loyalty points balance and tier at this store.",
    inputSchema: { type: "object", properties: {} },
  },
];

const str = (v: unknown, max = 100) => (typeof v === "string" ? v.slice(0, max) : undefined);
const int = (v: unknown) =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 10_000_000 ? v : undefined;
const strings = (v: unknown) =>
  Array.isArray(v)
    ? v
        .filter((x): x is string => typeof x === "string")
        .slice(0, 10)
        .map((x) => x.slice(0, 40))
    : [];
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

async function customerIdOf(scope: ToolScope): Promise<string | null> {
  if (!scope.userId) return null;
  const [row] = await scope.db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.organizationId, scope.organizationId),
        eq(customers.userId, scope.userId),
        isNull(customers.erasedAt),
      ),
    );
  return row?.id ?? null;
}

type Searchable = { slug: string; name: string; brandName: string | null };

function ground(g: Grounding, product: Searchable, priceCents: number[], availableHere: number) {
  g.seenNames.add(product.name);
  for (const cents of priceCents) g.amountsCents.add(cents);
  if (product.brandName) g.vocabulary.add(product.brandName);
  if (availableHere > 0)
    g.allowed.set(product.slug, {
      slug: product.slug,
      name: product.name,
      brand: product.brandName,
      priceCents,
    });
}

/** Runs one tool call; always answers with data (an `error` field for bad input), never throws for the model. */
export async function runTool(scope: ToolScope, g: Grounding, name: string, input: Record<string, unknown>) {
  switch (name) {
    case "search_products": {
      const strainTypes = strings(input.strainTypes).filter((s): s is StrainType =>
        (STRAIN_TYPES as readonly string[]).includes(s),
      );
      const page = await readMenuProducts(scope, scope.organizationId, {
        page: 1,
        pageSize: 8,
        q: str(input.query)?.trim() || undefined,
        categorySlug: str(input.category, 40),
        effects: strings(input.effects).map(capitalise),
        strainTypes,
        priceMaxCents: int(input.maxPriceCents),
        priceMinCents: int(input.minPriceCents),
        locationId: scope.locationId ?? undefined,
      });
      const products = page.products.map((p) => {
        const prices = p.variants.map((v) => v.menuPriceCents);
        ground(g, { slug: p.slug, name: p.name, brandName: p.brand }, prices, p.available);
        return {
          slug: p.slug,
          name: p.name,
          link: scope.links.product(p.slug),
          brand: p.brand,
          category: p.category.name,
          strainType: p.strainType,
          thcPercent: p.thcBps === null ? null : p.thcBps / 100,
          effects: p.effects,
          sizes: p.variants.map((v) => ({
            name: v.name,
            priceCents: v.menuPriceCents,
            available: v.available,
          })),
          inStock: p.available > 0,
        };
      });
      return { total: page.total, products };
    }
    case "get_product": {
      const slug = str(input.slug, 120);
      const product = slug ? await readMenuProduct(scope, scope.organizationId, slug) : null;
      if (!product) return { error: "No product with that slug on this store's menu." };
      const here = (v: (typeof product.variants)[number]) =>
        scope.locationId
          ? (v.stock.find((s) => s.locationId === scope.locationId)?.available ?? 0)
          : v.available;
      const availableHere = product.variants.reduce((sum, v) => sum + here(v), 0);
      ground(
        g,
        { slug: product.slug, name: product.name, brandName: product.brand?.name ?? null },
        product.variants.map((v) => v.priceCents),
        availableHere,
      );
      for (const l of product.locations) g.vocabulary.add(l.name);
      return {
        slug: product.slug,
        name: product.name,
        link: scope.links.product(product.slug),
        brand: product.brand?.name ?? null,
        category: product.category.name,
        description: product.description,
        strainType: product.strainType,
        thcPercent: product.thcBps === null ? null : product.thcBps / 100,
        cbdPercent: product.cbdBps === null ? null : product.cbdBps / 100,
        thcMgPerPackage: product.thcMg,
        effects: product.effects,
        terpenes: product.terpenes,
        sizes: product.variants.map((v) => ({
          name: v.name,
          priceCents: v.priceCents,
          availableAtYourLocation: here(v),
          stockByLocation: v.stock.map((s) => ({ location: s.locationName, available: s.available })),
        })),
      };
    }
    case "list_promotions": {
      const rows = await listPromotions(
        scope.db,
        { id: scope.organizationId, timeZone: scope.store.timeZone },
        scope.now,
      );
      const live = rows.filter((p) => p.liveAt);
      for (const p of live) g.vocabulary.add(p.name);
      return { promotions: live.map((p) => ({ name: p.name, description: p.description, hours: p.hours })) };
    }
    case "store_info": {
      const locations = await readStorefrontLocations(scope, scope.organizationId);
      for (const l of locations) {
        for (const word of [l.name, l.city, l.addressLine1, l.phone ?? ""]) if (word) g.vocabulary.add(word);
      }
      return {
        store: scope.store.name,
        timeZone: scope.store.timeZone,
        locations: locations.map((l) => ({
          name: l.name,
          address: `${l.addressLine1}, ${l.city}, ${l.state} ${l.postalCode}`,
          phone: l.phone,
          openNow: isOpenAt(l.hours, l.timeZone, scope.now, l.closedDays),
          todaysHours: hoursOn(l.hours, l.timeZone, scope.now, l.closedDays).hours,
          pickup: l.pickupEnabled,
          delivery: l.deliveryEnabled,
        })),
      };
    }
    case "purchase_limits": {
      const limits = STATE_LIMITS[scope.store.state];
      if (!limits) return { error: "This store's state limits are not on file; ask staff." };
      g.vocabulary.add(limits.name);
      return {
        state: limits.name,
        note: "Limits apply to each customer across all of their purchases in the period; they cannot be split.",
        limits: limits.adultUse.rules.map((r) => ({
          covers: r.label,
          allowed: r.allowedText,
          per: r.scope === "day" ? "day (all orders that day together)" : "purchase",
        })),
      };
    }
    case "my_orders": {
      const customerId = await customerIdOf(scope);
      if (!customerId)
        return { error: "The shopper is not signed in; they can sign in to see their own orders." };
      const orders = (await listCustomerOrders(scope.db, scope.organizationId, customerId)).slice(0, 5);
      for (const o of orders) {
        g.amountsCents.add(o.totalCents);
        g.vocabulary.add(o.locationName);
      }
      return {
        orders: orders.map((o) => ({
          number: o.orderNumber,
          status: o.status,
          fulfillment: o.fulfillment,
          totalCents: o.totalCents,
          placedAt: o.placedAt,
          location: o.locationName,
          link: scope.links.orders(),
        })),
      };
    }
    case "my_points": {
      const customerId = await customerIdOf(scope);
      if (!customerId)
        return { error: "The shopper is not signed in; they can sign in to see their points." };
      const summary = await loyaltySummary(
        scope.db,
        { organizationId: scope.organizationId, customerId },
        scope.now,
      );
      if (!summary.enabled) return { error: "This store has no loyalty program." };
      if (summary.tier) g.vocabulary.add(summary.tier.name);
      return { balance: summary.balance, tier: summary.tier?.name ?? null, member: summary.member };
    }
    default:
      return { error: `There is no tool called ${name.slice(0, 40)}.` };
  }
}
