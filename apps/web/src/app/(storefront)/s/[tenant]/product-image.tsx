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

/**
 * The product photo, or a category-coloured placeholder when there is none. Photos are shown as they are
 * (`unoptimized`): tenants' image hosts are not known in advance, so none is listed in next.config's
 * `images.remotePatterns`. Once uploads go to our own storage, list that host there and drop `unoptimized`.
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
          unoptimized
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
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-10 w-10 opacity-70" fill="currentColor">
        <path d="M12 2c1.2 3 1.8 6 1.6 9 1.9-2.2 4.4-3.8 7.4-4.6-1 2.9-2.7 5.3-5 7.1 2 .1 3.9.6 5.5 1.6-2.6 1.2-5.3 1.5-7.9 1l.9 5.9h-1.9l-.6-4.6-.6 4.6H9.5l.9-5.9c-2.6.5-5.3.2-7.9-1 1.6-1 3.5-1.5 5.5-1.6-2.3-1.8-4-4.2-5-7.1 3 .8 5.5 2.4 7.4 4.6-.2-3 .4-6 1.6-9Z" />
      </svg>
      <span className="text-xs font-semibold uppercase tracking-wide opacity-80">{category.name}</span>
    </div>
  );
}
