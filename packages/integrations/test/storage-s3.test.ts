import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createS3FileStorage,
  InvalidStorageKeyError,
  StorageUnavailableError,
  type FileStorage,
} from "../src/storage";
import { S3_STAND_IN_CREDENTIALS, startS3StandIn, type S3StandIn } from "../src/testing";

let s3: S3StandIn;
let storage: FileStorage;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);

const storageFor = (overrides: Partial<Parameters<typeof createS3FileStorage>[0]> = {}) =>
  createS3FileStorage({
    bucket: s3.bucket,
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: S3_STAND_IN_CREDENTIALS,
    maxAttempts: 1,
    ...overrides,
  });

beforeAll(async () => {
  s3 = await startS3StandIn();
  storage = storageFor();
});
afterAll(() => s3.close());

describe("S3 file storage against an S3-compatible server", () => {
  it("stores, reads back and deletes a file with its content type", async () => {
    await storage.put("id-docs/org-1/cust-1/abc", PNG, "image/png");
    expect(await storage.get("id-docs/org-1/cust-1/abc")).toEqual({ bytes: PNG, contentType: "image/png" });
    await storage.delete("id-docs/org-1/cust-1/abc");
    expect(await storage.get("id-docs/org-1/cust-1/abc")).toBeNull();
  });

  it("reads a missing key as null and deletes it without complaint", async () => {
    expect(await storage.get("nothing/here")).toBeNull();
    await expect(storage.delete("nothing/here")).resolves.toBeUndefined();
  });

  it("keeps an empty file as an empty file", async () => {
    await storage.put("empty/file", new Uint8Array(), "application/pdf");
    expect(await storage.get("empty/file")).toEqual({
      bytes: new Uint8Array(),
      contentType: "application/pdf",
    });
  });

  it("overwrites a key with new bytes and a new type", async () => {
    await storage.put("a/b", PNG, "image/png");
    await storage.put("a/b", new Uint8Array([1]), "application/pdf");
    expect(await storage.get("a/b")).toEqual({ bytes: new Uint8Array([1]), contentType: "application/pdf" });
  });

  it("refuses keys that could escape their prefix before any request", async () => {
    for (const key of ["../x", "a/../b", "A/b", "/abs", "a//b", "a.b"]) {
      await expect(storage.put(key, PNG, "image/png")).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.presignRead(key, { expiresInSeconds: 60 })).rejects.toBeInstanceOf(
        InvalidStorageKeyError,
      );
    }
  });

  it("uploads through a presigned URL with the signed content type, and reads through another", async () => {
    const upload = await storage.presignUpload("uploads/org-1/photo", "image/png", { expiresInSeconds: 300 });
    expect(upload).not.toBeNull();
    const put = await fetch(upload!.url, { method: upload!.method, headers: upload!.headers, body: PNG });
    expect(put.status).toBe(200);
    expect(await storage.get("uploads/org-1/photo")).toEqual({ bytes: PNG, contentType: "image/png" });

    const readUrl = await storage.presignRead("uploads/org-1/photo", { expiresInSeconds: 60 });
    const read = await fetch(readUrl!);
    expect(read.status).toBe(200);
    expect(new Uint8Array(await read.arrayBuffer())).toEqual(PNG);
  });

  it("signs the content type and the lifetime into a presigned upload", async () => {
    const upload = await storage.presignUpload("uploads/org-1/typed", "image/png", { expiresInSeconds: 300 });
    const url = new URL(upload!.url);
    expect(url.searchParams.get("X-Amz-SignedHeaders")?.split(";")).toContain("content-type");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");
    expect(url.searchParams.get("X-Amz-Credential")).toMatch(/^S3RVER\//);
    expect(upload!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 290_000);
  });

  it("an expired presigned read is refused", async () => {
    const url = new URL((await storage.presignRead("a/b", { expiresInSeconds: 1 }))!);
    // Move the signing time an hour back; the signature then no longer matches either, and both are refusals.
    const signedAt = url.searchParams.get("X-Amz-Date")!;
    const earlier = new Date(
      Date.parse(signedAt.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z")) -
        3_600_000,
    );
    url.searchParams.set(
      "X-Amz-Date",
      earlier
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, ""),
    );
    expect((await fetch(url)).status).toBe(403);
  });

  it("refuses presigned lifetimes beyond what S3 accepts", async () => {
    await expect(storage.presignRead("a/b", { expiresInSeconds: 8 * 24 * 3600 })).rejects.toThrow(RangeError);
    await expect(storage.presignUpload("a/b", "image/png", { expiresInSeconds: 0 })).rejects.toThrow(
      RangeError,
    );
  });

  it("reports a missing bucket as unavailable, naming the S3 error and never the credentials", async () => {
    const wrongBucket = storageFor({ bucket: "no-such-bucket" });
    const error = await wrongBucket.put("a/b", PNG, "image/png").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toMatch(/NoSuchBucket/);
    const readError = await wrongBucket.get("a/b").catch((e: unknown) => e);
    expect(readError).toBeInstanceOf(StorageUnavailableError);
  });

  it("reports an unknown access key as unavailable without echoing the secret", async () => {
    const wrongKeys = storageFor({
      credentials: { accessKeyId: "NOT-A-KEY", secretAccessKey: "not-the-secret" },
    });
    const error = await wrongKeys.get("a/b").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toMatch(/InvalidAccessKeyId/);
    expect((error as Error).message).not.toContain("not-the-secret");
  });
});

describe("S3 file storage when the store misbehaves", () => {
  let server: Server;
  let endpoint: string;
  let behaviour: (req: IncomingMessage, res: ServerResponse) => void = () => {};
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      req.resume();
      behaviour(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const misbehaving = (options: { timeoutMs?: number; maxAttempts?: number } = {}) =>
    createS3FileStorage({
      bucket: "b-test",
      region: "us-east-1",
      endpoint,
      forcePathStyle: true,
      credentials: S3_STAND_IN_CREDENTIALS,
      ...options,
    });

  it("gives up on a store that never answers, after the time-out", async () => {
    behaviour = () => {}; // accept the request, never respond
    const error = await misbehaving({ timeoutMs: 300, maxAttempts: 1 })
      .get("a/b")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
  });

  it("retries a 503 SlowDown and then reports it", async () => {
    hits.length = 0;
    behaviour = (_req, res) => {
      res.writeHead(503, { "content-type": "application/xml" });
      res.end('<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Reduce your rate</Message></Error>');
    };
    const error = await misbehaving({ maxAttempts: 2 })
      .put("a/b", PNG, "image/png")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toMatch(/SlowDown.*503/);
    expect(hits).toHaveLength(2);
  });

  it("reports an error answered with an empty body by its status", async () => {
    behaviour = (_req, res) => {
      res.writeHead(500);
      res.end();
    };
    const error = await misbehaving({ maxAttempts: 1 })
      .put("a/b", PNG, "image/png")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toMatch(/500/);
  });

  it("accepts S3's empty 200 to an upload and 204 to a delete as success", async () => {
    behaviour = (req, res) => {
      res.writeHead(req.method === "DELETE" ? 204 : 200, { etag: '"abc"' });
      res.end();
    };
    const store = misbehaving({ maxAttempts: 1 });
    await expect(store.put("a/b", PNG, "image/png")).resolves.toBeUndefined();
    await expect(store.delete("a/b")).resolves.toBeUndefined();
  });

  it("reads a 404 with an empty body (as HEAD-style answers come) as a missing file", async () => {
    behaviour = (_req, res) => {
      res.writeHead(404);
      res.end();
    };
    expect(await misbehaving({ maxAttempts: 1 }).get("a/b")).toBeNull();
  });
});
