import Link from "next/link";
import { Card, EmptyState } from "@cannasaas/ui/card";

type Saved = { productId: string; slug: string; name: string; status: string };

/** The shopper's saved products (the heart on product pages). */
export function SavedSection({ items }: { items: Saved[] }) {
  return (
    <Card className="flex flex-col gap-3 p-5">
      <h2 className="text-lg font-semibold">Saved products</h2>
      {items.length ? (
        <ul className="flex flex-col divide-y divide-stone-100" aria-label="Saved products">
          {items.map((item) => (
            <li key={item.productId} className="py-2">
              {item.status === "active" ? (
                <Link href={`/p/${item.slug}`} className="font-medium text-brand underline">
                  {item.name}
                </Link>
              ) : (
                <span className="text-stone-600">{item.name} (no longer on the menu)</span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>Tap the heart on a product to save it here.</EmptyState>
      )}
    </Card>
  );
}
