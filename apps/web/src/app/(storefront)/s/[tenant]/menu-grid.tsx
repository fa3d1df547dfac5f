"use client";
import { useWishlist } from "~/components/loyalty/wishlist-heart";
import type { MenuCard } from "./menu-card";
import { ProductCard } from "./product-card";

/**
 * The menu's cards, rendered from compact data (see `MenuCard`); the first two photos load at once. The
 * shopper's saved products are asked for once here, for every card's heart.
 */
export function MenuGrid({ cards }: { cards: MenuCard[] }) {
  const wishlist = useWishlist();
  return (
    <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="product-grid">
      {cards.map((card, i) => (
        <li key={card.id}>
          <ProductCard product={card} priority={i < 2} wishlist={wishlist} />
        </li>
      ))}
    </ul>
  );
}
