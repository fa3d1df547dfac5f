import Link from "next/link";
import { STRAIN_TYPE_LABELS } from "@cannasaas/validators/labels";
import { QuickAdd } from "~/components/cart/quick-add";
import { HeartButton, type Wishlist } from "~/components/loyalty/wishlist-heart";
import { formatCents, formatPercentBps } from "~/lib/format";
import { ProductDeals } from "./product-deals";
import { quickAddName, type MenuCard } from "./menu-card";
import { ProductImage } from "./product-image";

/** A menu card. Its repeated styles are short component classes (`menu-*` in globals.css): 24 cards a page. */
export function ProductCard({
  product,
  priority,
  wishlist,
}: {
  product: MenuCard;
  priority?: boolean;
  /** The shopper's saved products, asked for once by the grid. */
  wishlist: Wishlist;
}) {
  const soldOut = product.available <= 0;
  const thc =
    product.thcBps !== undefined
      ? formatPercentBps(product.thcBps)
      : product.thcMg !== undefined
        ? `${product.thcMg} mg`
        : null;
  return (
    <article data-testid="product-card" className="menu-card">
      <ProductImage
        name={product.name}
        imageUrl={product.imageUrl ?? null}
        category={product.category}
        strainType={product.strainType ?? null}
        sizes="(min-width: 1280px) 18rem, (min-width: 640px) 45vw, 90vw"
        priority={priority}
      />
      {/* Above the card's link overlay, so it saves the product instead of opening it. Guests see none. */}
      <div className="menu-heart">
        <HeartButton productId={product.id} productName={product.name} wishlist={wishlist} />
      </div>
      <div>
        <p className="menu-kicker text-stone-500">
          {product.brand ? `${product.category.name} · ${product.brand}` : product.category.name}
        </p>
        <h3 className="menu-name">
          {/* The link's overlay makes the whole card clickable while the name stays the accessible label. */}
          <Link href={`/p/${product.slug}`}>{product.name}</Link>
        </h3>
      </div>
      {product.strainType || thc || product.cbdBps ? (
        <dl className="flex flex-wrap gap-2 text-xs">
          {product.strainType ? (
            <div className="menu-chip">
              <dt className="sr-only">Strain type</dt>
              <dd>{STRAIN_TYPE_LABELS[product.strainType]}</dd>
            </div>
          ) : null}
          {thc ? (
            <div className="menu-chip">
              <dt>THC </dt>
              <dd>{thc}</dd>
            </div>
          ) : null}
          {product.cbdBps ? (
            <div className="menu-chip">
              <dt>CBD </dt>
              <dd>{formatPercentBps(product.cbdBps)}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      <ProductDeals product={product} />
      <div className="menu-foot">
        <p className="text-lg font-bold">
          {product.fromPriceCents !== undefined ? (
            <>
              {product.sizes ? <span className="text-xs font-normal text-stone-600">from </span> : null}
              {product.fromDealPriceCents !== undefined ? (
                <>
                  <span className="sr-only">Deal price </span>
                  <span className="text-green-800" data-testid="deal-price">
                    {formatCents(product.fromDealPriceCents)}
                  </span>{" "}
                  <s className="text-sm font-normal text-stone-500">
                    <span className="sr-only">was </span>
                    {formatCents(product.fromPriceCents)}
                  </s>
                </>
              ) : (
                formatCents(product.fromPriceCents)
              )}
            </>
          ) : (
            "—"
          )}
        </p>
        <p className={soldOut ? "text-sm font-medium text-red-700" : "text-sm text-stone-600"}>
          {soldOut ? "Sold out" : `${product.available} in stock`}
        </p>
      </div>
      {product.quickAdd ? (
        <QuickAdd variantId={product.quickAdd.variantId} itemName={quickAddName(product, product.quickAdd)} />
      ) : null}
    </article>
  );
}
