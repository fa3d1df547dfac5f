import path from "node:path";
import { createLocalFileStorage } from "./local";
import type { FileStorage } from "./types";

export type { FileStorage, StoredFile } from "./types";
export { assertStorageKey, InvalidStorageKeyError } from "./types";
export { createLocalFileStorage } from "./local";

/**
 * The app's file storage. Only local disk exists so far, under `<dataDir>/files`; `dataDir` comes from the
 * caller (the app's DATA_DIR, `.data/` at the repo root by default). An S3-compatible adapter comes later.
 */
export function createFileStorage(options: { dataDir: string }): FileStorage {
  return createLocalFileStorage(path.join(options.dataDir, "files"));
}
