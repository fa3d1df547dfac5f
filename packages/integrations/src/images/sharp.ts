import sharp from "sharp";
import { ImageDecodeError, type ImageProcessor } from "./types";

/** The sharp (libvips) adapter: strict decoding, so a damaged file is an error rather than a grey picture. */
export function createSharpImageProcessor(options: { quality?: number } = {}): ImageProcessor {
  return {
    async thumbnail(bytes, { size, maxPixels }) {
      try {
        return await sharp(bytes, { limitInputPixels: maxPixels, failOn: "error" })
          .rotate()
          .resize(size, size, { fit: "inside", withoutEnlargement: true })
          .webp({ quality: options.quality ?? 80 })
          .toBuffer();
      } catch (error) {
        throw new ImageDecodeError(error instanceof Error ? error.message : String(error));
      }
    },
  };
}
