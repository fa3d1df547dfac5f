import { createHash } from "node:crypto";
import { readCoreEnv } from "../env";
import { createSecretBox, parseSecretKeys, type SecretBox } from "./secret-box";

/**
 * Personal data at rest (dates of birth, ID and medical card numbers, ID scans) is sealed with the key ring in
 * `DATA_ENCRYPTION_KEYS`. Production refuses to run without it. Elsewhere (tests, a laptop without
 * `.env.local`) a fixed development key stands in, so values are still sealed, but with a key that is not secret.
 * Values written before encryption existed read as they are; `sealLegacyPersonalData` seals them in place.
 */
let box: SecretBox | undefined;

const DEV_KEY = { id: "dev", key: createHash("sha256").update("cannasaas-development-only-key").digest() };

export function personalDataBox(): SecretBox {
  if (box) return box;
  const env = readCoreEnv();
  if (env.DATA_ENCRYPTION_KEYS) {
    box = createSecretBox(parseSecretKeys(env.DATA_ENCRYPTION_KEYS));
  } else if (env.hostedProduction) {
    throw new Error("DATA_ENCRYPTION_KEYS is not set: personal data cannot be stored. See .env.example.");
  } else {
    box = createSecretBox([DEV_KEY]);
  }
  return box;
}

/** For tests that rotate keys; production code never calls it. */
export function resetPersonalDataBox(next?: SecretBox) {
  box = next;
}

export function sealPersonal(value: string): string;
export function sealPersonal(value: string | null | undefined): string | null;
export function sealPersonal(value: string | null | undefined) {
  return value == null ? null : personalDataBox().seal(value);
}

export function openPersonal(value: string): string;
export function openPersonal(value: string | null | undefined): string | null;
export function openPersonal(value: string | null | undefined) {
  if (value == null) return null;
  const b = personalDataBox();
  return b.isSealed(value) ? b.open(value) : value;
}

export const sealPersonalFile = (bytes: Uint8Array) => personalDataBox().sealBytes(bytes);

export function openPersonalFile(bytes: Uint8Array): Uint8Array {
  const b = personalDataBox();
  return b.isSealedBytes(bytes) ? b.openBytes(bytes) : bytes;
}
