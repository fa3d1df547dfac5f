import Image from "next/image";

/** Placeholder colours per category slug; unknown categories get the neutral one. */
const CATEGORY_TONES: Record<string, string> = {
  flower: "bg-emerald-100 text-emerald-800",
  "pre-roll": "bg-amber-100 text-amber-800",
  vape: "bg-sky-100 text-sky-800",
  edible: "bg-rose-100 text-rose-800",
  concentrate: "bg-yellow-100 text-yellow-800",
  tincture: "bg-violet-100 text-violet-800",
  topical: "bg-teal-100 text-teal-800",
};
const NEUTRAL_TONE = "bg-stone-200 text-stone-700";

type Props = {
  name: string;
  imageUrl: string | null;
  category: { slug: string; name: string };
  sizes: string;
  priority?: boolean;
};

/** The leaf drawn on placeholders, defined once per page by `<PlaceholderSymbols />` and used by reference. */
const LEAF_ID = "product-leaf";

/** Put once on a page that shows placeholders: each placeholder then costs a `<use>`, not a copy of the path. */
export function PlaceholderSymbols() {
  return (
    <svg aria-hidden="true" className="hidden">
      <symbol id={LEAF_ID} viewBox="0 0 24 24">
        <path d="M12 2c1.2 3 1.8 6 1.6 9 1.9-2.2 4.4-3.8 7.4-4.6-1 2.9-2.7 5.3-5 7.1 2 .1 3.9.6 5.5 1.6-2.6 1.2-5.3 1.5-7.9 1l.9 5.9h-1.9l-.6-4.6-.6 4.6H9.5l.9-5.9c-2.6.5-5.3.2-7.9-1 1.6-1 3.5-1.5 5.5-1.6-2.3-1.8-4-4.2-5-7.1 3 .8 5.5 2.4 7.4 4.6-.2-3 .4-6 1.6-9Z" />
      </symbol>
    </svg>
  );
}

/**
 * The product photo, or a category-coloured placeholder when there is none. Photos uploaded to our own
 * storage (a path on this host) go through Next's image optimizer, resized to `sizes` and lazy unless
 * `priority`; photos on a tenant's own host are shown as they are (`unoptimized`), since those hosts are not
 * known in advance for next.config's `images.remotePatterns`.
 */
export function ProductImage({ name, imageUrl, category, sizes, priority }: Props) {
  if (imageUrl) {
    return (
      <div className="relative aspect-[4/3] overflow-hidden rounded-lg bg-stone-100">
        <Image
          src={imageUrl}
          alt={name}
          fill
          sizes={sizes}
          priority={priority}
          unoptimized={!imageUrl.startsWith("/")}
          className="object-cover"
        />
      </div>
    );
  }
  return (
    <div
      className={`flex aspect-[4/3] flex-col items-center justify-center gap-1 rounded-lg ${CATEGORY_TONES[category.slug] ?? NEUTRAL_TONE}`}
      data-testid="image-placeholder"
    >
      <svg aria-hidden="true" className="h-10 w-10 fill-current">
        <use href={`#${LEAF_ID}`} />
      </svg>
      <span className="menu-kicker">{category.name}</span>
    </div>
  );
}
