import sharp from "sharp";

/** A plain image of one colour in the given format, for upload tests. */
export async function makeTestImage(options: {
  width: number;
  height: number;
  format: "jpeg" | "png" | "webp";
  channels?: 3 | 4;
  background?: string;
}): Promise<Buffer> {
  const image = sharp({
    create: {
      width: options.width,
      height: options.height,
      channels: options.channels ?? (options.format === "png" ? 4 : 3),
      background: options.background ?? "#2a7",
    },
  });
  return image.toFormat(options.format).toBuffer();
}

/** What an image's bytes decode to: its format and size. */
export async function imageInfo(bytes: Uint8Array) {
  const meta = await sharp(bytes).metadata();
  return { format: meta.format, width: meta.width, height: meta.height };
}
