import { z } from "zod";
import { createClaudeProvider, DEFAULT_ANTHROPIC_MODEL } from "./claude";
import type { AiProvider } from "./types";

const blankIsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const aiEnvSchema = z.object({
  ANTHROPIC_API_KEY: blankIsUnset(z.string().min(8)),
  ANTHROPIC_MODEL: blankIsUnset(z.string().regex(/^[a-z0-9.-]+$/, { error: "must be a model name" })),
  ANTHROPIC_BASE_URL: blankIsUnset(
    z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }),
  ),
  ANTHROPIC_TIMEOUT_MS: blankIsUnset(z.coerce.number().int().min(500).max(300_000)),
  ANTHROPIC_MAX_RETRIES: blankIsUnset(z.coerce.number().int().min(0).max(6)),
});

/** Null when no key is set: AI is off and callers use their local defaults. */
export type AiSettings = {
  apiKey: string;
  model: string;
  baseUrl?: string;
  timeoutMs: number;
  maxRetries: number;
} | null;

/** Read apart (see `readAiSettings` in env.ts) from the other integrations, so AI never depends on, say, SMTP being configured. Messages name
 * the variable, never its value. */
export function aiSettingsFrom(source: Record<string, string | undefined>): AiSettings {
  const parsed = aiEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new Error(`Invalid AI environment: ${problems.join("; ")}`);
  }
  const env = parsed.data;
  if (!env.ANTHROPIC_API_KEY) return null;
  return {
    apiKey: env.ANTHROPIC_API_KEY,
    model: env.ANTHROPIC_MODEL ?? DEFAULT_ANTHROPIC_MODEL,
    ...(env.ANTHROPIC_BASE_URL ? { baseUrl: env.ANTHROPIC_BASE_URL } : {}),
    timeoutMs: env.ANTHROPIC_TIMEOUT_MS ?? 30_000,
    maxRetries: env.ANTHROPIC_MAX_RETRIES ?? 2,
  };
}

/** The Claude adapter when a key is configured, else null (AI off). */
export function createAiProvider(settings: AiSettings): AiProvider | null {
  return settings ? createClaudeProvider(settings) : null;
}
