import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { products } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createFileStorage, type FileStorage } from "@cannasaas/integrations/storage";
import { type DomainError, readPublicMedia, saveProductImage } from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

let handle: DatabaseHandle;
let storage: FileStorage;
let dir: string;
let a: FixtureTenant;
let b: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), "media-"));
  storage = createFileStorage({ dataDir: dir });
  a = await createFixtureTenant(handle.db, { tag: "img-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "img-b", passwordHash: "x" });
});
afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("product images", () => {
  it("stores a photo, points the product at it and serves it publicly", async () => {
    const product = a.products[0]!;
    const { imageUrl } = await saveProductImage({ db: handle.db, storage }, a.org.id, product.id, PNG);
    expect(imageUrl).toMatch(/^\/api\/media\/products\//);
    const [row] = await handle.db.select().from(products).where(eq(products.id, product.id));
    expect(row?.imageUrl).toBe(imageUrl);
    const media = await readPublicMedia(storage, imageUrl.replace("/api/media/", ""));
    expect(media?.headers["content-type"]).toBe("image/png");
    expect(Buffer.from(media!.bytes).equals(PNG)).toBe(true);
  });

  it("refuses non-images, oversized files and another tenant's product", async () => {
    const deps = { db: handle.db, storage };
    const pdf = Buffer.from("%PDF-1.4 fake");
    await expect(saveProductImage(deps, a.org.id, a.products[0]!.id, pdf)).rejects.toThrow(
      /PNG, JPEG or WebP/,
    );
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG.subarray(0, 8));
    await expect(saveProductImage(deps, a.org.id, a.products[0]!.id, big)).rejects.toThrow(/at most 5 MB/);
    const error = await saveProductImage(deps, a.org.id, b.products[0]!.id, PNG).catch((e: unknown) => e);
    expect((error as DomainError).code).toBe("NOT_FOUND");
  });

  it("never serves anything outside product photos, such as ID scans", async () => {
    await storage.put("id-docs/org/customer/abc", PNG, "image/png");
    expect(await readPublicMedia(storage, "id-docs/org/customer/abc")).toBeNull();
    expect(await readPublicMedia(storage, "products/../id-docs/org/customer/abc")).toBeNull();
    expect(await readPublicMedia(storage, "products/none")).toBeNull();
  });
});
