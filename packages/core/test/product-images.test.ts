import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileStorage, type FileStorage } from "@cannasaas/integrations/storage";
import { readPublicMedia } from "../src";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

let storage: FileStorage;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "media-"));
  storage = createFileStorage({ dataDir: dir });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Uploading (type, size and tenant checks, thumbnails) is covered by catalog-images.test.ts.
describe("public product media", () => {
  it("serves product photos with long-lived caching", async () => {
    await storage.put("products/org/product/abc", PNG, "image/png");
    const media = await readPublicMedia(storage, "products/org/product/abc");
    expect(media?.headers["content-type"]).toBe("image/png");
    expect(media?.headers["cache-control"]).toMatch(/immutable/);
    expect(Buffer.from(media!.bytes).equals(PNG)).toBe(true);
  });

  it("never serves anything outside product photos, such as ID scans", async () => {
    await storage.put("id-docs/org/customer/abc", PNG, "image/png");
    expect(await readPublicMedia(storage, "id-docs/org/customer/abc")).toBeNull();
    expect(await readPublicMedia(storage, "products/../id-docs/org/customer/abc")).toBeNull();
    expect(await readPublicMedia(storage, "products/none")).toBeNull();
  });
});
