import { describe, expect, it } from "vitest";
import { createFileStorage, readStorageSettings, StorageConfigError } from "../src/storage";

describe("file storage settings", () => {
  it("uses local disk when no bucket is configured", () => {
    expect(readStorageSettings({})).toEqual({ kind: "local" });
    expect(readStorageSettings({ S3_BUCKET: "  " })).toEqual({ kind: "local" });
    expect(createFileStorage({ dataDir: "/tmp/unused", env: {} }).kind).toBe("local");
  });

  it("switches to S3 with a bucket, defaulting the region and using the SDK's credentials", () => {
    expect(readStorageSettings({ S3_BUCKET: "cannasaas-files" })).toMatchObject({
      kind: "s3",
      bucket: "cannasaas-files",
      region: "us-east-1",
      forcePathStyle: false,
      credentials: undefined,
    });
    expect(createFileStorage({ dataDir: "/tmp/unused", env: { S3_BUCKET: "cannasaas-files" } }).kind).toBe(
      "s3",
    );
  });

  it("reads an S3-compatible store's endpoint, path style and keys", () => {
    const settings = readStorageSettings({
      S3_BUCKET: "files",
      S3_REGION: "auto",
      S3_ENDPOINT: "https://account.r2.cloudflarestorage.com",
      S3_FORCE_PATH_STYLE: "true",
      S3_ACCESS_KEY_ID: "key-id",
      S3_SECRET_ACCESS_KEY: "secret",
      S3_TIMEOUT_MS: "5000",
    });
    expect(settings).toEqual({
      kind: "s3",
      bucket: "files",
      region: "auto",
      endpoint: "https://account.r2.cloudflarestorage.com",
      forcePathStyle: true,
      credentials: { accessKeyId: "key-id", secretAccessKey: "secret" },
      timeoutMs: 5000,
    });
  });

  it("refuses half a key pair, and S3 settings without a bucket, naming the variable and not the value", () => {
    expect(() => readStorageSettings({ S3_BUCKET: "files", S3_ACCESS_KEY_ID: "key-id" })).toThrow(
      /S3_SECRET_ACCESS_KEY/,
    );
    expect(() => readStorageSettings({ S3_ENDPOINT: "http://127.0.0.1:9000" })).toThrow(/S3_BUCKET/);
    const error = (() => {
      try {
        readStorageSettings({ S3_BUCKET: "files", S3_SECRET_ACCESS_KEY: "very-secret-value" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(StorageConfigError);
    expect(error?.message).not.toContain("very-secret-value");
  });

  it("refuses to start on Vercel with uploads on local disk", () => {
    expect(() => readStorageSettings({ VERCEL: "1" })).toThrow(/S3_BUCKET is required on Vercel/);
    expect(() => createFileStorage({ dataDir: "/tmp/unused", env: { VERCEL: "1" } })).toThrow(
      StorageConfigError,
    );
    expect(readStorageSettings({ VERCEL: "1", S3_BUCKET: "files" }).kind).toBe("s3");
  });
});
