import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { products } from "@cannasaas/db/schema";
import type { FileStorage } from "@cannasaas/integrations/storage";
import { detectDocumentType } from "../customers/file-type";
import { DomainError } from "../errors";

export const MAX_PRODUCT_IMAGE_BYTES = 5 * 1024 * 1024;
/** Public files live under this prefix; anything else in storage (ID scans) is never served by the media route. */
export const PUBLIC_MEDIA_PREFIX = "products/";
export const MEDIA_ROUTE = "/api/media/";

/** Stores a product photo (PNG, JPEG or WebP by its bytes, at most 5 MB) and points the product at it. */
export async function saveProductImage(
  deps: { db: DbOrTx; storage: FileStorage },
  organizationId: string,
  productId: string,
  bytes: Uint8Array,
) {
  if (bytes.byteLength > MAX_PRODUCT_IMAGE_BYTES) {
    throw new DomainError("BAD_REQUEST", "Product photos can be at most 5 MB.");
  }
  const type = detectDocumentType(bytes);
  if (!type || type === "application/pdf") {
    throw new DomainError("BAD_REQUEST", "Upload a PNG, JPEG or WebP photo.");
  }
  const [product] = await deps.db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.id, productId), eq(products.organizationId, organizationId)));
  if (!product) throw new DomainError("NOT_FOUND", "That product does not exist.");
  const key = `${PUBLIC_MEDIA_PREFIX}${organizationId}/${productId}/${crypto.randomUUID()}`;
  await deps.storage.put(key, bytes, type);
  const imageUrl = `${MEDIA_ROUTE}${key}`;
  await deps.db.update(products).set({ imageUrl }).where(eq(products.id, productId));
  return { imageUrl };
}

/** What the public media route answers for a key: product photos only, with long-lived caching. */
export async function readPublicMedia(storage: FileStorage, key: string) {
  if (!key.startsWith(PUBLIC_MEDIA_PREFIX) || !/^[a-z0-9/_-]+$/.test(key)) return null;
  const file = await storage.get(key);
  if (!file) return null;
  return {
    bytes: file.bytes,
    headers: {
      "content-type": file.contentType,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  };
}
