/** Raised when the bytes are not an image the processor can decode (damaged, truncated or too many pixels). */
export class ImageDecodeError extends Error {
  override name = "ImageDecodeError";
}

/** Image work the domain needs, behind a port: sharp in the app, anything that decodes images in a test. */
export interface ImageProcessor {
  /**
   * Decodes the image, turns it upright, and returns a WebP thumbnail that fits in `size` x `size` without
   * enlarging it. Refuses (ImageDecodeError) an image that does not decode or has more than `maxPixels` pixels.
   */
  thumbnail(bytes: Uint8Array, options: { size: number; maxPixels: number }): Promise<Uint8Array>;
}
