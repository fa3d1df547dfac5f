import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { assertPresignLifetime, assertStorageKey, type FileStorage } from "./types";

type Meta = { contentType: string };

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === "ENOENT";

// The turbopackIgnore comments keep the bundler from tracing the whole project as if these stored files were code.
/**
 * Files on local disk under `root` (the app passes `<DATA_DIR>/files`). Each key is stored as `<key>.bin`
 * with its content type beside it in `<key>.json`.
 */
export function createLocalFileStorage(root: string): FileStorage {
  const base = path.resolve(root);
  const pathsFor = (key: string) => {
    assertStorageKey(key);
    const file = path.resolve(base, key);
    if (!file.startsWith(base + path.sep)) throw new Error("storage key escapes the storage root");
    return { data: `${file}.bin`, meta: `${file}.json` };
  };

  return {
    kind: "local",
    async put(key, bytes, contentType) {
      const { data, meta } = pathsFor(key);
      await mkdir(/*turbopackIgnore: true*/ path.dirname(data), { recursive: true });
      await writeFile(/*turbopackIgnore: true*/ data, bytes);
      await writeFile(/*turbopackIgnore: true*/ meta, JSON.stringify({ contentType } satisfies Meta));
    },
    async get(key) {
      const { data, meta } = pathsFor(key);
      try {
        const [bytes, json] = await Promise.all([
          readFile(/*turbopackIgnore: true*/ data),
          readFile(/*turbopackIgnore: true*/ meta, "utf8"),
        ]);
        return { bytes: new Uint8Array(bytes), contentType: (JSON.parse(json) as Meta).contentType };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      const { data, meta } = pathsFor(key);
      await Promise.all([
        rm(/*turbopackIgnore: true*/ data, { force: true }),
        rm(/*turbopackIgnore: true*/ meta, { force: true }),
      ]);
    },
    // Local disk has no URLs of its own: the app receives uploads and serves reads itself.
    async presignUpload(key, _contentType, options) {
      pathsFor(key);
      assertPresignLifetime(options);
      return null;
    },
    async presignRead(key, options) {
      pathsFor(key);
      assertPresignLifetime(options);
      return null;
    },
  };
}
