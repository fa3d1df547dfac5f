import Link from "next/link";
import type { RouterOutputs } from "@cannasaas/api";
import { formatCents } from "~/lib/format";

type Recommendations = RouterOutputs["recommendations"]["forProducts"];
type Product = Recommendations["similar"][number];

function ProductRow({ title, products, testId }: { title: string; products: Product[]; testId: string }) {
  if (!products.length) return null;
  const headingId = `${testId}-heading`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3" data-testid={testId}>
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {products.map((p) => (
          <li
            key={p.id}
            className="relative rounded-xl bg-white p-3 shadow-sm focus-within:ring-2 focus-within:ring-brand"
          >
            <p className="text-xs font-semibold uppercase tracking-wide text-stone-500">
              {p.category}
              {p.brand ? ` · ${p.brand}` : ""}
            </p>
            <Link
              href={`/p/${p.slug}`}
              className="mt-1 block font-semibold leading-snug after:absolute after:inset-0 focus:outline-none"
            >
              {p.name}
            </Link>
            <p className="mt-1 text-sm text-stone-700">from {formatCents(p.fromPriceCents)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * "Frequently bought together" and "Similar products", from the store's own orders and product attributes.
 * When order history is thin the first list is titled as the suggestion it is, not as a purchase pattern.
 */
export function RecommendationLists({ data }: { data: Recommendations }) {
  if (!data.enabled) return null;
  return (
    <div className="flex flex-col gap-6">
      <ProductRow
        title={data.boughtTogetherFromHistory ? "Frequently bought together" : "You might also like"}
        products={data.boughtTogether}
        testId="bought-together"
      />
      <ProductRow title="Similar products" products={data.similar} testId="similar-products" />
    </div>
  );
}
