import Link from "next/link";
import { STRAIN_TYPE_LABELS } from "@cannasaas/validators";
import { QuickAdd } from "~/components/cart/quick-add";
import { WishlistHeart } from "~/components/loyalty/wishlist-heart";
import { formatCents, formatPercentBps } from "~/lib/format";
import { ProductDeals } from "./product-deals";
import type { MenuCard } from "./menu-card";
import { ProductImage } from "./product-image";

export function ProductCard({ product, priority }: { product: MenuCard; priority?: boolean }) {
  const soldOut = product.available <= 0;
  return (
    <article data-testid="product-card" className="menu-card">
      <ProductImage
        name={product.name}
        imageUrl={product.imageUrl}
        category={product.category}
        sizes="(min-width: 1280px) 18rem, (min-width: 640px) 45vw, 90vw"
        priority={priority}
      />
      {/* Above the card's link overlay, so it saves the product instead of opening it. Guests see none. */}
      <div className="absolute right-5 top-5 z-10">
        <WishlistHeart productId={product.id} productName={product.name} />
      </div>
      <div>
        <p className="menu-kicker text-stone-500">
          {product.category.name}
          {product.brand ? ` · ${product.brand}` : ""}
        </p>
        <h3 className="mt-1 text-base font-semibold leading-snug">
          {/* The link's overlay makes the whole card clickable while the name stays the accessible label. */}
          <Link href={`/p/${product.slug}`} className="after:absolute after:inset-0 focus:outline-none">
            {product.name}
          </Link>
        </h3>
      </div>
      <dl className="flex flex-wrap gap-2 text-xs">
        {product.strainType ? (
          <div className="menu-chip">
            <dt className="sr-only">Strain type</dt>
            <dd>{STRAIN_TYPE_LABELS[product.strainType]}</dd>
          </div>
        ) : null}
        {product.thcBps !== null ? (
          <div className="menu-chip">
            <dt className="inline">THC </dt>
            <dd className="inline">{formatPercentBps(product.thcBps)}</dd>
          </div>
        ) : product.thcMg !== null ? (
          <div className="menu-chip">
            <dt className="inline">THC </dt>
            <dd className="inline">{product.thcMg} mg</dd>
          </div>
        ) : null}
        {product.cbdBps ? (
          <div className="menu-chip">
            <dt className="inline">CBD </dt>
            <dd className="inline">{formatPercentBps(product.cbdBps)}</dd>
          </div>
        ) : null}
      </dl>
      <ProductDeals product={product} />
      <div className="mt-auto flex items-end justify-between">
        <p className="text-lg font-bold">
          {product.fromPriceCents !== null ? (
            <>
              {product.sizes ? <span className="text-xs font-normal text-stone-600">from </span> : null}
              {product.fromDealPriceCents !== null ? (
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
      {product.quickAdd ? <QuickAdd {...product.quickAdd} /> : null}
    </article>
  );
}
