import type { FileStorage } from "@cannasaas/integrations/storage";

// Product photos are uploaded by `uploadProductImage` (catalog-admin/images.ts); this file serves them.

export const MAX_PRODUCT_IMAGE_BYTES = 5 * 1024 * 1024;
/** Public files live under this prefix; anything else in storage (ID scans) is never served by the media route. */
export const PUBLIC_MEDIA_PREFIX = "products/";
export const MEDIA_ROUTE = "/api/media/";

/** What the public media route answers for a key: product photos only, with long-lived caching. */
export const MAX_MEDIA_KEY_LENGTH = 256;

export async function readPublicMedia(storage: FileStorage, key: string) {
  // Keys we issue are short; a longer one cannot exist and must not reach the file system (ENAMETOOLONG).
  if (
    key.length > MAX_MEDIA_KEY_LENGTH ||
    !key.startsWith(PUBLIC_MEDIA_PREFIX) ||
    !/^[a-z0-9/_-]+$/.test(key)
  )
    return null;
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
