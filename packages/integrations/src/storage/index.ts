import path from "node:path";
import { readStorageSettings, type EnvSource } from "../env";
import { createLocalFileStorage } from "./local";
import { createS3FileStorage } from "./s3";
import type { FileStorage } from "./types";

export type { FileStorage, PresignedUpload, PresignOptions, StoredFile } from "./types";
export {
  assertStorageKey,
  InvalidStorageKeyError,
  MAX_PRESIGN_SECONDS,
  StorageUnavailableError,
} from "./types";
export { createLocalFileStorage } from "./local";
export { createS3FileStorage, type S3StorageOptions } from "./s3";
export { readStorageSettings } from "../env";
export { StorageConfigError, type StorageSettings } from "./settings";

/**
 * The app's file storage: an S3 bucket when S3_BUCKET is set, else local disk under `<dataDir>/files` (`dataDir`
 * is the app's DATA_DIR, `.data/` at the repo root by default). On Vercel local disk is refused: see settings.ts.
 */
export function createFileStorage(options: { dataDir: string; env?: EnvSource }): FileStorage {
  const settings = readStorageSettings(options.env);
  if (settings.kind === "s3") return createS3FileStorage(settings);
  return createLocalFileStorage(path.join(options.dataDir, "files"));
}
