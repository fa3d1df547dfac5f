export * from "./types";
export { createClaudeProvider, DEFAULT_ANTHROPIC_MODEL, aiErrorFrom, type ClaudeOptions } from "./claude";
export { aiSettingsFrom, createAiProvider, type AiSettings } from "./settings";
