import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for secrets and personal data at rest. A sealed value is
 * `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url), so keys can rotate: new values are sealed with the first
 * key, and any key in the ring opens the values it sealed.
 */
export type SecretBox = {
  seal(plain: string): string;
  open(sealed: string): string;
  isSealed(value: string): boolean;
  /** Files: `CSB1`, key id length, key id, iv, tag, ciphertext. */
  sealBytes(plain: Uint8Array): Uint8Array;
  openBytes(sealed: Uint8Array): Uint8Array;
  isSealedBytes(value: Uint8Array): boolean;
};

const BYTES_MAGIC = Buffer.from("CSB1");

export type SecretKey = { id: string; key: Buffer };

const PREFIX = "v1";

export function createSecretBox(keys: readonly SecretKey[]): SecretBox {
  if (keys.length === 0) throw new Error("createSecretBox needs at least one key.");
  for (const k of keys) {
    if (k.key.length !== 32) throw new Error(`Encryption key "${k.id}" must be 32 bytes.`);
    if (!/^[A-Za-z0-9_-]+$/.test(k.id))
      throw new Error(`Encryption key id "${k.id}" must be base64url-safe.`);
  }
  const current = keys[0]!;
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", current.key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        PREFIX,
        current.id,
        iv.toString("base64url"),
        tag.toString("base64url"),
        body.toString("base64url"),
      ].join(".");
    },
    open(sealed) {
      const parts = sealed.split(".");
      if (parts.length !== 5 || parts[0] !== PREFIX) throw new Error("Not a sealed value.");
      const key = byId.get(parts[1]!);
      if (!key) throw new Error(`No key "${parts[1]}" to open this value.`);
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(parts[2]!, "base64url"));
      decipher.setAuthTag(Buffer.from(parts[3]!, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(parts[4]!, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    },
    isSealed(value) {
      return value.startsWith(`${PREFIX}.`) && value.split(".").length === 5;
    },
    sealBytes(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", current.key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      const id = Buffer.from(current.id);
      return Buffer.concat([BYTES_MAGIC, Buffer.from([id.length]), id, iv, cipher.getAuthTag(), body]);
    },
    openBytes(sealed) {
      const buf = Buffer.from(sealed);
      if (!buf.subarray(0, 4).equals(BYTES_MAGIC)) throw new Error("Not a sealed file.");
      const idLength = buf[4]!;
      const id = buf.subarray(5, 5 + idLength).toString();
      const key = byId.get(id);
      if (!key) throw new Error(`No key "${id}" to open this file.`);
      const at = 5 + idLength;
      const decipher = createDecipheriv("aes-256-gcm", key, buf.subarray(at, at + 12));
      decipher.setAuthTag(buf.subarray(at + 12, at + 28));
      return Buffer.concat([decipher.update(buf.subarray(at + 28)), decipher.final()]);
    },
    isSealedBytes(value) {
      return value.length > 4 && Buffer.from(value.subarray(0, 4)).equals(BYTES_MAGIC);
    },
  };
}

/**
 * Keys from `DATA_ENCRYPTION_KEYS`: comma-separated `id:base64key` pairs, newest first
 * (generate one with `openssl rand -base64 32`).
 */
export function parseSecretKeys(spec: string): SecretKey[] {
  return spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf(":");
      if (at <= 0) throw new Error("DATA_ENCRYPTION_KEYS entries look like id:base64key.");
      return { id: pair.slice(0, at), key: Buffer.from(pair.slice(at + 1), "base64") };
    });
}
