import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createSharpImageProcessor } from "@cannasaas/integrations/images/sharp";
import { createFileStorage, type FileStorage } from "@cannasaas/integrations/storage";
import { imageInfo, makeTestImage } from "@cannasaas/integrations/testing";
import { getMenuProduct, readPublicMedia, uploadProductImage, type DomainError } from "../src";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
let storage: FileStorage;
let dir: string;
let a: FixtureTenant;
let b: FixtureTenant;
const images = createSharpImageProcessor();
const deps = () => ({ db: handle.db, kv: kv.kv, storage, images, clock: () => new Date() });
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as DomainError,
  );

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  dir = mkdtempSync(path.join(tmpdir(), "catalog-images-"));
  storage = createFileStorage({ dataDir: dir });
  a = await createFixtureTenant(handle.db, { tag: "cimg-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "cimg-b", passwordHash: "x" });
});
afterAll(async () => {
  await kv?.close();
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("product photo upload", () => {
  it("stores the photo and a 400 px WebP thumbnail, and the storefront shows the photo", async () => {
    const jpeg = await makeTestImage({
      width: 1200,
      height: 800,
      channels: 3,
      format: "jpeg",
      background: "#2a7",
    });
    const product = a.products[0]!;
    const saved = await uploadProductImage(deps(), a.org.id, product.id, jpeg);
    expect(saved.thumbnailUrl).toBe(`${saved.imageUrl}-thumb`);
    const key = (url: string) => url.replace("/api/media/", "");
    const original = await readPublicMedia(storage, key(saved.imageUrl));
    expect(original?.headers["content-type"]).toBe("image/jpeg");
    const thumb = await readPublicMedia(storage, key(saved.thumbnailUrl));
    expect(thumb?.headers["content-type"]).toBe("image/webp");
    const meta = await imageInfo(Buffer.from(thumb!.bytes));
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 400, 267]);
    expect((await getMenuProduct(handle.db, a.org.id, product.slug))?.imageUrl).toBe(saved.imageUrl);
  });

  it("refuses non-images, images that do not decode, oversized files and other tenants' products", async () => {
    const product = a.products[1]!;
    const text = new TextEncoder().encode("name,price\nnot,an image");
    expect((await rejection(uploadProductImage(deps(), a.org.id, product.id, text)))?.message).toBe(
      "That file is not a photo. Upload a PNG, JPEG or WebP image.",
    );
    const fakePng = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    expect((await rejection(uploadProductImage(deps(), a.org.id, product.id, fakePng)))?.message).toMatch(
      /could not be read/,
    );
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect((await rejection(uploadProductImage(deps(), a.org.id, product.id, big)))?.message).toBe(
      "Product photos can be at most 5 MB.",
    );
    const png = await makeTestImage({
      width: 10,
      height: 10,
      channels: 4,
      format: "png",
      background: "#fff",
    });
    expect((await rejection(uploadProductImage(deps(), b.org.id, product.id, png)))?.code).toBe("NOT_FOUND");
    // Nothing was stored or changed for the refused uploads.
    expect((await getMenuProduct(handle.db, a.org.id, product.slug))?.imageUrl).toBeNull();
  });
});
