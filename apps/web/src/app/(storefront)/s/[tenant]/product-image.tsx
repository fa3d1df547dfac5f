import Image from "next/image";
import type { StrainType } from "@cannasaas/validators";
import { ProductArt } from "./product-art";

type Props = {
  name: string;
  imageUrl: string | null;
  category: { slug: string; name: string };
  strainType: StrainType | null;
  sizes: string;
  priority?: boolean;
};

/**
 * The product photo, or a drawing of its category (`ProductArt`) when there is none. Photos uploaded to our own
 * storage (a path on this host) go through Next's image optimizer, resized to `sizes` and lazy unless
 * `priority`; photos on a tenant's own host are shown as they are (`unoptimized`), since those hosts are not
 * known in advance for next.config's `images.remotePatterns`.
 */
export function ProductImage({ name, imageUrl, category, strainType, sizes, priority }: Props) {
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
  return <ProductArt category={category} strainType={strainType} />;
}
