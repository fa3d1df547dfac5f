import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";

// s3rver ships no types: this is the part of it the stand-in uses.
type S3rverServer = { run(): Promise<AddressInfo>; close(): Promise<void> };
type S3rverOptions = {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
};
const S3rver = createRequire(import.meta.url)("s3rver") as new (options: S3rverOptions) => S3rverServer;

/** The credentials s3rver checks signatures against. */
export const S3_STAND_IN_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export type S3StandIn = {
  endpoint: string;
  bucket: string;
  close(): Promise<void>;
};

/**
 * A local S3-compatible server (s3rver) on 127.0.0.1 with one empty bucket. It checks SigV4 signatures, presigned
 * URL expiry and signed headers like S3 does, and answers S3's XML errors (NoSuchKey, NoSuchBucket, ...).
 */
export async function startS3StandIn(bucket = "cannasaas-test"): Promise<S3StandIn> {
  const directory = mkdtempSync(path.join(tmpdir(), "cannasaas-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
