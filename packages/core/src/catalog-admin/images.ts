import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { products } from "@cannasaas/db/schema";
import type { KV } from "@cannasaas/integrations/kv";
import type { ImageProcessor } from "@cannasaas/integrations/images";
import type { FileStorage } from "@cannasaas/integrations/storage";
import { invalidateMenuCache } from "../catalog/menu-cache";
import { MAX_PRODUCT_IMAGE_BYTES, MEDIA_ROUTE, PUBLIC_MEDIA_PREFIX } from "../catalog/product-images";
import { detectDocumentType } from "../customers/file-type";
import { requireStorage } from "../customers/scope";
import { stepsOf, type DbSteps } from "../deps";
import { DomainError } from "../errors";
import { recordProductEvent } from "./products";

export const THUMBNAIL_SIZE = 400;
const MAX_PIXELS = 40_000_000;

/** Where a product photo's thumbnail is served: next to the photo, with a `-thumb` suffix. */
export const thumbnailUrl = (imageUrl: string | null) => (imageUrl ? `${imageUrl}-thumb` : null);

/**
 * Stores a product photo and a 400 px WebP thumbnail, then points the product at the photo. The type comes
 * from the bytes (PNG, JPEG or WebP), and the image must actually decode: a renamed file or a truncated or
 * absurdly large image is refused before anything is stored. The storage is written between the read and the
 * write (see stepsOf), with no transaction open.
 */
export async function uploadProductImage(
  deps: {
    db: DbOrTx;
    steps?: DbSteps;
    kv: KV;
    storage?: FileStorage;
    images?: ImageProcessor;
    clock: () => Date;
  },
  organizationId: string,
  productId: string,
  bytes: Uint8Array,
) {
  if (bytes.byteLength > MAX_PRODUCT_IMAGE_BYTES) {
    throw new DomainError("BAD_REQUEST", "Product photos can be at most 5 MB.");
  }
  const type = detectDocumentType(bytes);
  if (!type || type === "application/pdf") {
    throw new DomainError("BAD_REQUEST", "That file is not a photo. Upload a PNG, JPEG or WebP image.");
  }
  const { read, commit } = stepsOf(deps);
  const [product] = await read((db) =>
    db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.id, productId), eq(products.organizationId, organizationId))),
  );
  if (!product) throw new DomainError("NOT_FOUND", "That product does not exist.");

  if (!deps.images) throw new Error("image processing is not configured");
  let thumbnail: Uint8Array;
  try {
    thumbnail = await deps.images.thumbnail(bytes, { size: THUMBNAIL_SIZE, maxPixels: MAX_PIXELS });
  } catch (error) {
    // By name, like billing's verification errors: a route bundle may carry its own copy of the class.
    if (!(error instanceof Error && error.name === "ImageDecodeError")) throw error;
    throw new DomainError(
      "BAD_REQUEST",
      "That image could not be read. It may be damaged; try another file.",
    );
  }

  const storage = requireStorage(deps);
  const key = `${PUBLIC_MEDIA_PREFIX}${organizationId}/${productId}/${crypto.randomUUID()}`;
  await storage.put(key, bytes, type);
  await storage.put(`${key}-thumb`, thumbnail, "image/webp");
  const imageUrl = `${MEDIA_ROUTE}${key}`;
  const uploaded = await commit((db) =>
    db.transaction(async (tx) => {
      const [saved] = await tx
        .update(products)
        .set({
          imageUrl,
          updatedAt: sql`greatest(${deps.clock().toISOString()}::timestamptz, ${products.updatedAt} + interval '1 millisecond')`,
        })
        .where(and(eq(products.id, productId), eq(products.organizationId, organizationId)))
        .returning({
          id: products.id,
          slug: products.slug,
          status: products.status,
          updatedAt: products.updatedAt,
        });
      // Removed while the photo was being stored.
      if (!saved) throw new DomainError("NOT_FOUND", "That product does not exist.");
      await recordProductEvent(tx, organizationId, saved, "updated");
      return { imageUrl, thumbnailUrl: thumbnailUrl(imageUrl)!, updatedAt: saved.updatedAt };
    }),
  );
  await invalidateMenuCache(deps.kv, organizationId);
  return uploaded;
}
