import { TrackEvent } from "~/components/analytics/track-event";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { STRAIN_TYPE_LABELS } from "@cannasaas/validators";
import { AddToCart } from "~/components/cart/add-to-cart";
import { formatPercentBps } from "~/lib/format";
import { productJsonLd, scriptJson } from "~/lib/product-json-ld";
import { chosenLocation } from "~/server/location";
import { currentUser, publicOriginFor } from "~/server/request";
import { serverApi } from "~/server/trpc";
import { storefrontTenant } from "~/server/tenant";
import { LocationPicker } from "../../location-picker";
import { ProductImage } from "../../product-image";
import { loadProduct } from "./load-product";
import { StockByLocation } from "./stock-by-location";
import { VariantTable } from "./variant-table";
import { ProductDeals } from "../../product-deals";
import { WishlistHeart } from "~/components/loyalty/wishlist-heart";
import { ProductReviews } from "./product-reviews";
import { RecommendationLists } from "~/components/recommendations/recommendation-lists";

type Props = { params: Promise<{ tenant: string; slug: string }> };

async function load(params: Props["params"]) {
  const { tenant: key, slug } = await params;
  const [tenant, product] = await Promise.all([storefrontTenant(key), loadProduct(slug)]);
  if (!product) notFound();
  return { tenant, product, url: `${publicOriginFor(await headers())}/p/${product.slug}` };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant, product, url } = await load(params);
  const brand = product.brand ? ` by ${product.brand.name}` : "";
  const description =
    product.copy?.seoDescription ??
    product.description?.slice(0, 200) ??
    `${product.name}${brand}: ${product.category.name} at ${tenant.name}.`;
  return {
    // An approved SEO title is the whole title, so it skips the layout's "| Store" template.
    title: product.copy ? { absolute: product.copy.seoTitle } : product.name,
    description,
    alternates: { canonical: url },
    openGraph: {
      title: product.copy?.seoTitle ?? product.name,
      description,
      url,
      ...(product.imageUrl ? { images: [product.imageUrl] } : {}),
    },
  };
}

export default async function ProductPage({ params }: Props) {
  const { tenant, product, url } = await load(params);
  const api = await serverApi();
  // The reviews need nothing else; what is bought with it follows the chosen location.
  const [locations, reviews, shopper] = await Promise.all([
    api.storefront.locations(),
    api.reviews.forProduct({ productId: product.id }),
    currentUser(),
  ]);
  const location = await chosenLocation(locations);
  const recommendations = await api.recommendations.forProducts({
    productIds: [product.id],
    locationId: location?.id ?? null,
  });
  const potency = [
    product.thcBps !== null
      ? `THC ${formatPercentBps(product.thcBps)}`
      : product.thcMg !== null
        ? `THC ${product.thcMg} mg`
        : null,
    product.cbdBps !== null
      ? `CBD ${formatPercentBps(product.cbdBps)}`
      : product.cbdMg !== null
        ? `CBD ${product.cbdMg} mg`
        : null,
  ].filter(Boolean);

  return (
    <article className="flex flex-col gap-6">
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{
          __html: scriptJson(
            productJsonLd(product, { url, storeName: tenant.name, rating: reviews.summary }),
          ),
        }}
      />
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link href="/" className="underline">
          Menu
        </Link>{" "}
        /{" "}
        <Link href={`/?category=${product.category.slug}`} className="underline">
          {product.category.name}
        </Link>
      </nav>
      <div className="grid gap-6 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <ProductImage
          name={product.name}
          imageUrl={product.imageUrl}
          category={product.category}
          strainType={product.strainType}
          sizes="(min-width: 768px) 40vw, 100vw"
          priority
        />
        <div className="flex flex-col gap-4">
          <div>
            {product.brand ? (
              <p className="text-sm font-semibold uppercase tracking-wide text-stone-500">
                {product.brand.name}
              </p>
            ) : null}
            <div className="flex items-start justify-between gap-3">
              <h1 className="text-2xl font-bold sm:text-3xl">{product.name}</h1>
              <WishlistHeart productId={product.id} productName={product.name} />
            </div>
            {product.copy ? (
              <p className="mt-1 text-lg text-stone-700" data-testid="product-tagline">
                {product.copy.tagline}
              </p>
            ) : null}
            {reviews.summary.count ? (
              <a href="#reviews" className="text-sm text-stone-700 underline">
                {reviews.summary.average?.toFixed(1)} out of 5 · {reviews.summary.count}{" "}
                {reviews.summary.count === 1 ? "review" : "reviews"}
              </a>
            ) : null}
            <p className="mt-2 flex flex-wrap gap-2 text-sm" data-testid="product-facts">
              {[
                product.category.name,
                product.strainType ? STRAIN_TYPE_LABELS[product.strainType] : null,
                product.strainName,
                ...potency,
              ]
                .filter(Boolean)
                .map((fact) => (
                  <span key={fact} className="rounded-full bg-stone-100 px-3 py-1">
                    {fact}
                  </span>
                ))}
            </p>
          </div>
          <ProductDeals product={{ dealNames: [], offers: product.offers }} />
          <VariantTable
            variants={product.variants}
            medicalEnabled={tenant.medicalEnabled}
            location={location}
          />
          <TrackEvent type="product_view" productId={product.id} />
          <AddToCart
            variants={product.variants.map((v) => ({
              id: v.id,
              name: v.name,
              priceCents: v.priceCents,
              available: location
                ? (v.stock.find((s) => s.locationId === location.id)?.available ?? 0)
                : v.available,
            }))}
          />
          <LocationPicker locations={locations} chosen={location} returnTo={`/p/${product.slug}`} />
        </div>
      </div>
      <StockByLocation product={product} locations={locations} chosenId={location?.id ?? null} />
      <section
        aria-labelledby="about"
        className="grid gap-4 rounded-xl bg-white p-5 shadow-sm md:grid-cols-2"
      >
        <h2 id="about" className="sr-only">
          About this product
        </h2>
        <TagList title="Effects" tags={product.effects} empty="No effects reported." />
        <TagList title="Terpenes" tags={product.terpenes} empty="No terpene profile published." />
        <div className="md:col-span-2">
          <h3 className="font-semibold">Description</h3>
          <p className="mt-1 whitespace-pre-line text-stone-700">
            {product.description ?? "No description yet."}
          </p>
        </div>
        <p className="md:col-span-2">
          {product.labResultsUrl && /^https?:\/\//i.test(product.labResultsUrl) ? (
            <a
              href={product.labResultsUrl}
              rel="noopener noreferrer"
              target="_blank"
              className="font-semibold text-brand underline"
            >
              View lab results (certificate of analysis)
            </a>
          ) : (
            <span className="text-stone-600">Lab results are available in store on request.</span>
          )}
        </p>
      </section>
      <RecommendationLists data={recommendations} />
      <ProductReviews
        productId={product.id}
        productName={product.name}
        data={reviews}
        timeZone={tenant.timeZone}
        signedIn={shopper !== null}
      />
    </article>
  );
}

function TagList({ title, tags, empty }: { title: string; tags: string[]; empty: string }) {
  return (
    <div>
      <h3 className="font-semibold">{title}</h3>
      {tags.length ? (
        <ul className="mt-2 flex flex-wrap gap-2 text-sm">
          {tags.map((t) => (
            <li key={t} className="rounded-full bg-brand/10 px-3 py-1">
              {t}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-stone-600">{empty}</p>
      )}
    </div>
  );
}
