import type { DbOrTx } from "@cannasaas/db/client";
import type { KV } from "@cannasaas/integrations/kv";
import type { Purchaser } from "../cart/view";
import { applyPromotions } from "./apply";
import { describeRule } from "./describe";
import { dollars, whyNotEligible } from "./eligibility";
import { lineMatches } from "./kinds";
import { livePromotions } from "./live";
import { toPromotionLines } from "./load";
import type { EnginePromotion, PromotionContext } from "./types";

const MULTI_UNIT = new Set(["bundle", "buy_x_get_y", "spend_threshold"]);

export type MenuDealInput = {
  organizationId: string;
  /** The chosen location's time zone, else the store's. */
  timeZone: string;
  locationId: string | null;
  menu: Purchaser;
  now: Date;
  /** The store's live promotions, when the caller read them already (alongside its other reads). */
  live?: EnginePromotion[];
};

/** The menu reads the store's promotions through the menu cache, so a page view does not load them again. */
export type MenuDealDeps = { db: DbOrTx; kv: KV };

export type VariantDeal = {
  /** The price of one unit after the deals that apply to it alone (the same `applyPromotions` checkout runs). */
  dealPriceCents: number;
  /** Names of the deals in that price. */
  applied: string[];
};
export type ProductOffer = { name: string; terms: string };

/**
 * What the menu shows for each variant: one unit priced by `applyPromotions`, exactly as a cart holding that unit
 * would be priced at checkout, for a shopper with no code and no history (first-order, segment and coupon deals
 * show in the cart, not on the menu). Deals that need more than one unit (bundles, buy X get Y, spend
 * thresholds, minimums) are listed per product as offers with their terms.
 */
export async function menuDeals(
  deps: MenuDealDeps,
  input: MenuDealInput,
  items: Array<{ productId: string; variantId: string; category: string; unitPriceCents: number }>,
) {
  const variants = new Map<string, VariantDeal>();
  const offers = new Map<string, ProductOffer[]>();
  if (!items.length) return { variants, offers };
  const live = input.live ?? (await livePromotions(deps, input.organizationId, input.now));
  if (!live.length) return { variants, offers };
  const ctx: PromotionContext = {
    now: input.now,
    timeZone: input.timeZone,
    locationId: input.locationId,
    menu: input.menu,
    customer: { firstOrder: false, segments: [], redemptions: {} },
    codePromotionId: null,
    deliveryFeeCents: 0,
  };
  // Deals that cannot apply to any unit now (off hours, another location or menu, a code or a customer needed)
  // are set aside once here: refused on every card, each refusal wrote its message again.
  const current = live.filter((p) => !whyNotEligible(p, ctx, Number.MAX_SAFE_INTEGER));
  if (!current.length) return { variants, offers };
  const lines = await toPromotionLines(
    deps.db,
    input.organizationId,
    items.map((i) => ({ ...i, quantity: 1 })),
    current,
  );
  // Deals that need more than one unit, or a minimum, are listed as offers: their terms are written once.
  const offerable = current
    .filter((p) => MULTI_UNIT.has(p.rule.kind) || (p.minSubtotalCents && p.rule.kind !== "free_delivery"))
    .map((p) => ({
      promotion: p,
      terms: `${describeRule(p.rule)}${p.minSubtotalCents ? ` on orders of ${dollars(p.minSubtotalCents)} or more` : ""}`,
    }));
  for (const line of lines) {
    const outcome = applyPromotions(current, [line], ctx);
    variants.set(line.variantId, {
      dealPriceCents: line.unitPriceCents - outcome.discountCents,
      applied: outcome.applied.map((a) => a.name),
    });
    const mine = offers.get(line.productId) ?? [];
    for (const { promotion: p, terms } of offerable) {
      if (!lineMatches(p, line) || mine.some((o) => o.name === p.name)) continue;
      mine.push({ name: p.name, terms });
    }
    if (mine.length) offers.set(line.productId, mine);
  }
  return { variants, offers };
}

type MenuPageLike = {
  products: Array<{
    id: string;
    category: { slug: string };
    variants: Array<{ id: string; menuPriceCents: number }>;
  }>;
};

/** A menu page with each variant's deal price, each product's cheapest deal price and its offers. */
export async function withMenuDeals<P extends MenuPageLike>(
  deps: MenuDealDeps,
  input: MenuDealInput,
  page: P,
) {
  const deals = await menuDeals(
    deps,
    input,
    page.products.flatMap((p) =>
      p.variants.map((v) => ({
        productId: p.id,
        variantId: v.id,
        category: p.category.slug,
        unitPriceCents: v.menuPriceCents,
      })),
    ),
  );
  type Product = P["products"][number];
  type Variant = Product["variants"][number];
  const products = page.products.map((p: Product) => {
    const variants = p.variants.map((v: Variant) => ({ ...v, deal: deals.variants.get(v.id) ?? null }));
    const discounted = variants.filter((v) => v.deal && v.deal.dealPriceCents < v.menuPriceCents);
    const { variants: _plain, ...rest } = p;
    return {
      ...rest,
      variants,
      fromDealPriceCents: discounted.length
        ? Math.min(...discounted.map((v) => v.deal!.dealPriceCents))
        : null,
      dealNames: [...new Set(discounted.flatMap((v) => v.deal!.applied))],
      offers: deals.offers.get(p.id) ?? [],
    };
  });
  const { products: _plain, ...rest } = page;
  return { ...rest, products };
}

/** A product page's variants with their deal prices on the adult-use menu and, where offered, the medical one. */
export async function withProductDeals<
  P extends {
    id: string;
    category: { slug: string };
    variants: Array<{ id: string; priceCents: number; medicalPriceCents: number | null }>;
  },
>(deps: MenuDealDeps, input: Omit<MenuDealInput, "menu">, product: P, medicalEnabled: boolean) {
  // Read once for both menus: each read of the live counters is a round trip.
  const live = input.live ?? (await livePromotions(deps, input.organizationId, input.now));
  const dealsOn = (menu: Purchaser) =>
    menuDeals(
      deps,
      { ...input, menu, live },
      product.variants
        .filter((v) => menu === "adult_use" || v.medicalPriceCents !== null)
        .map((v) => ({
          productId: product.id,
          variantId: v.id,
          category: product.category.slug,
          unitPriceCents: menu === "medical" ? v.medicalPriceCents! : v.priceCents,
        })),
    );
  const adult = await dealsOn("adult_use");
  const medical = medicalEnabled ? await dealsOn("medical") : null;
  type Variant = P["variants"][number];
  const { variants: _plain, ...rest } = product;
  return {
    ...rest,
    variants: product.variants.map((v: Variant) => ({
      ...v,
      deal: adult.variants.get(v.id) ?? null,
      medicalDeal: medical?.variants.get(v.id) ?? null,
    })),
    offers: adult.offers.get(product.id) ?? medical?.offers.get(product.id) ?? [],
  };
}
