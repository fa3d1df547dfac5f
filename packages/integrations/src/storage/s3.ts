import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { assertPresignLifetime, assertStorageKey, StorageUnavailableError, type FileStorage } from "./types";

export type S3StorageOptions = {
  bucket: string;
  region: string;
  /** An S3-compatible store (MinIO, R2, a test server); unset means AWS itself. */
  endpoint?: string;
  /** Buckets as the first path segment rather than a subdomain; most S3-compatible stores need it. */
  forcePathStyle?: boolean;
  /** Unset means the SDK's default chain (environment, shared files, the instance or function role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Each call, including the SDK's own retries, is abandoned after this long (default 20 s). */
  timeoutMs?: number;
  /** Attempts per call, the first included (default 3); the SDK backs off between them. */
  maxAttempts?: number;
};

/** A missing object, not a missing bucket: S3 names the first NoSuchKey (NotFound when the 404 has no body). */
const isMissing = (error: unknown) =>
  error instanceof S3ServiceException && (error.name === "NoSuchKey" || error.name === "NotFound");

/** What went wrong, by the store's error code and status only: never the request, its URL or its signature. */
function unavailable(operation: string, error: unknown): StorageUnavailableError {
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode ?? "no status";
    return new StorageUnavailableError(`file storage ${operation} failed: ${error.name} (${status})`);
  }
  const name = error instanceof Error ? error.name : "error";
  return new StorageUnavailableError(`file storage ${operation} failed: ${name}`);
}

/**
 * Files in an S3 bucket (or an S3-compatible store). Objects stay private: reads and uploads that bypass the app
 * use presigned URLs that expire. Keys are the same as on local disk, so moving between the two is a copy.
 */
export function createS3FileStorage(options: S3StorageOptions): FileStorage {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: options.credentials,
    maxAttempts: options.maxAttempts ?? 3,
    // Only the checksums S3 requires: several S3-compatible stores reject the newer default trailers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const timeoutMs = options.timeoutMs ?? 20_000;
  const Bucket = options.bucket;

  async function send<T>(operation: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await run(AbortSignal.timeout(timeoutMs));
    } catch (error) {
      throw unavailable(operation, error);
    }
  }

  return {
    kind: "s3",
    async put(key, bytes, contentType) {
      assertStorageKey(key);
      await send("upload", (abortSignal) =>
        client.send(new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: contentType }), {
          abortSignal,
        }),
      );
    },
    async get(key) {
      assertStorageKey(key);
      try {
        const response = await client.send(new GetObjectCommand({ Bucket, Key: key }), {
          abortSignal: AbortSignal.timeout(timeoutMs),
        });
        const bytes = response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
        return { bytes, contentType: response.ContentType ?? "application/octet-stream" };
      } catch (error) {
        if (isMissing(error)) return null;
        throw unavailable("read", error);
      }
    },
    async delete(key) {
      assertStorageKey(key);
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key: key }), {
          abortSignal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        if (isMissing(error)) return;
        throw unavailable("delete", error);
      }
    },
    async presignUpload(key, contentType, presign) {
      assertStorageKey(key);
      assertPresignLifetime(presign);
      const command = new PutObjectCommand({ Bucket, Key: key, ContentType: contentType });
      const url = await getSignedUrl(client, command, {
        expiresIn: presign.expiresInSeconds,
        // The browser must send this exact type, so an upload cannot change what the object claims to be.
        signableHeaders: new Set(["content-type"]),
      });
      const expiresAt = new Date(Date.now() + presign.expiresInSeconds * 1000);
      return { url, method: "PUT", headers: { "content-type": contentType }, expiresAt };
    },
    async presignRead(key, presign) {
      assertStorageKey(key);
      assertPresignLifetime(presign);
      return getSignedUrl(client, new GetObjectCommand({ Bucket, Key: key }), {
        expiresIn: presign.expiresInSeconds,
      });
    },
  };
}
