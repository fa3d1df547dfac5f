import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFileStorage, createLocalFileStorage, InvalidStorageKeyError } from "../src/storage";

const root = mkdtempSync(path.join(tmpdir(), "cannasaas-storage-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("local file storage", () => {
  const storage = createLocalFileStorage(path.join(root, "files"));
  const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);

  it("stores, reads back and deletes a file with its content type", async () => {
    await storage.put("id-docs/org-1/cust-1/abc", bytes, "image/png");
    expect(await storage.get("id-docs/org-1/cust-1/abc")).toEqual({ bytes, contentType: "image/png" });
    await storage.delete("id-docs/org-1/cust-1/abc");
    expect(await storage.get("id-docs/org-1/cust-1/abc")).toBeNull();
  });

  it("answers null for a missing key and deletes missing keys quietly", async () => {
    expect(await storage.get("nothing/here")).toBeNull();
    await expect(storage.delete("nothing/here")).resolves.toBeUndefined();
  });

  it("overwrites an existing key", async () => {
    await storage.put("a/b", bytes, "image/png");
    await storage.put("a/b", new Uint8Array([1]), "application/pdf");
    expect(await storage.get("a/b")).toEqual({ bytes: new Uint8Array([1]), contentType: "application/pdf" });
  });

  it.each([
    "../escape",
    "a/../../b",
    "/etc/passwd",
    "a//b",
    "a/",
    "A/b",
    "a/b.png",
    "a\\b",
    "",
    "a b",
    "a/%2e%2e",
  ])("refuses the key %j on every operation", async (key) => {
    await expect(storage.put(key, bytes, "image/png")).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });

  it("never writes outside its root", async () => {
    await expect(storage.put("../outside", bytes, "image/png")).rejects.toThrow();
    expect(readdirSync(root)).toEqual(["files"]);
  });
});

describe("createFileStorage", () => {
  it("keeps files under <dataDir>/files", async () => {
    const storage = createFileStorage({ dataDir: path.join(root, "data") });
    await storage.put("k/one", new Uint8Array([7]), "image/webp");
    expect(readdirSync(path.join(root, "data", "files", "k")).sort()).toEqual(["one.bin", "one.json"]);
    expect((await storage.get("k/one"))?.contentType).toBe("image/webp");
  });
});
