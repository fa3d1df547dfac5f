import type { StaticImageData } from "next/image";
import { STRAIN_TYPE_LABELS } from "@cannasaas/validators/labels";
import type { StrainType } from "@cannasaas/validators";
import spriteFile from "./product-art.svg";

/**
 * One sprite for every drawing, a hashed static file the browser caches, so a card's drawing costs the page a
 * `<use>` rather than its paths.
 */
const SPRITE = (spriteFile as StaticImageData).src;
/** The categories the sprite has a drawing for; any other gets the leaf (`other`). */
const DRAWN = new Set([
  "flower",
  "pre-roll",
  "vape",
  "edible",
  "concentrate",
  "tincture",
  "topical",
  "accessory",
]);

/**
 * A drawing of the product's category, coloured by its strain type (the tenant's brand colour when it has
 * none), for products without a photo of their own. Its text alternative says it is an illustration.
 */
export function ProductArt({
  category,
  strainType,
}: {
  category: { slug: string; name: string };
  strainType: StrainType | null;
}) {
  const drawing = DRAWN.has(category.slug) ? category.slug : "other";
  const label = `Illustration: ${category.name}${strainType ? `, ${STRAIN_TYPE_LABELS[strainType]}` : ""}`;
  return (
    <div className={`product-art art-${strainType ?? "none"}`} data-testid="image-placeholder">
      <svg role="img" aria-label={label} viewBox="0 0 120 90">
        <use href={`${SPRITE}#${drawing}`} />
      </svg>
    </div>
  );
}
