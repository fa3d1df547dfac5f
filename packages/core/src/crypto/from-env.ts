import { createSecretBox, parseSecretKeys, type SecretBox } from "./secret-box";

let cached: { spec: string; box: SecretBox } | null = null;

/**
 * The platform's secret box from `DATA_ENCRYPTION_KEYS`, or null when it is not set (callers that must seal or
 * open say so clearly). Rebuilt only when the variable changes.
 */
export function secretBoxFromEnv(env: Record<string, string | undefined> = process.env): SecretBox | null {
  const spec = env.DATA_ENCRYPTION_KEYS?.trim();
  if (!spec) return null;
  if (cached?.spec === spec) return cached.box;
  const box = createSecretBox(parseSecretKeys(spec));
  cached = { spec, box };
  return box;
}
