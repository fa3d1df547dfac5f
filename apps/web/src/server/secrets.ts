import "server-only";
import { hkdfSync } from "node:crypto";
import { createSecretBox, parseSecretKeys, type SecretBox } from "@cannasaas/core";
import { env } from "~/env";

/**
 * The secret box for data sealed at rest (webhook signing secrets). Production reads DATA_ENCRYPTION_KEYS
 * (required there by env.ts). On a laptop or in CI without it, a key is derived from AUTH_SECRET so sealed
 * values survive restarts; such values cannot be opened once AUTH_SECRET changes.
 */
export function createAppSecretBox(): SecretBox {
  const { DATA_ENCRYPTION_KEYS, AUTH_SECRET } = env();
  if (DATA_ENCRYPTION_KEYS) return createSecretBox(parseSecretKeys(DATA_ENCRYPTION_KEYS));
  const key = Buffer.from(hkdfSync("sha256", AUTH_SECRET, "cannasaas", "data-encryption-local-v1", 32));
  return createSecretBox([{ id: "local", key }]);
}
