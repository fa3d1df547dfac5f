import Link from "next/link";
import { z } from "zod";
import { serverApi } from "~/server/trpc";
import { storefrontTenant } from "~/server/tenant";
import { ProductCard } from "./product-card";

type Props = {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const querySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  category: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional()
    .catch(undefined),
});

export default async function StorefrontHome({ params, searchParams }: Props) {
  const tenant = await storefrontTenant((await params).tenant);
  const query = querySchema.parse(await searchParams);
  const api = await serverApi();
  const [categories, menu] = await Promise.all([
    api.storefront.categories(),
    api.storefront.products({ page: query.page, pageSize: 24, category: query.category }),
  ]);
  const href = (page: number, category = query.category) =>
    `/?${new URLSearchParams({ ...(category ? { category } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="welcome" className="rounded-2xl bg-white p-5 shadow-sm">
        <h1 id="welcome" className="text-2xl font-bold sm:text-3xl">
          {tenant.branding.tagline ?? `${tenant.name} menu`}
        </h1>
        <p className="mt-1 text-stone-700">Live stock. Order ahead, pay at pickup.</p>
      </section>

      <nav aria-label="Categories" className="-mx-4 overflow-x-auto px-4">
        <ul className="flex gap-2 pb-1">
          <li>
            <Link
              href="/"
              aria-current={!query.category ? "page" : undefined}
              className="inline-flex min-h-11 items-center whitespace-nowrap rounded-full border border-stone-300 bg-white px-4 text-sm font-medium aria-[current=page]:border-brand aria-[current=page]:bg-brand aria-[current=page]:text-white"
            >
              All
            </Link>
          </li>
          {categories.map((c) => (
            <li key={c.id}>
              <Link
                href={href(1, c.slug)}
                aria-current={query.category === c.slug ? "page" : undefined}
                className="inline-flex min-h-11 items-center gap-1 whitespace-nowrap rounded-full border border-stone-300 bg-white px-4 text-sm font-medium aria-[current=page]:border-brand aria-[current=page]:bg-brand aria-[current=page]:text-white"
              >
                {c.name} <span className="text-xs opacity-70">({c.productCount})</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="products-heading">
        <h2 id="products-heading" className="sr-only">
          Products
        </h2>
        {menu.products.length === 0 ? (
          <p className="rounded-xl bg-white p-6 text-center text-stone-700">
            Nothing in this category right now. Check back soon or browse all products.
          </p>
        ) : (
          <ul
            className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4"
            data-testid="product-grid"
          >
            {menu.products.map((p) => (
              <li key={p.id}>
                <ProductCard product={p} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {menu.pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm">
          {menu.page > 1 ? (
            <Link
              className="min-h-11 rounded-lg border bg-white px-4 py-3 font-medium"
              href={href(menu.page - 1)}
            >
              Previous
            </Link>
          ) : (
            <span />
          )}
          <span className="text-stone-600">
            Page {menu.page} of {menu.pageCount} · {menu.total} products
          </span>
          {menu.page < menu.pageCount ? (
            <Link
              className="min-h-11 rounded-lg border bg-white px-4 py-3 font-medium"
              href={href(menu.page + 1)}
            >
              Next
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
