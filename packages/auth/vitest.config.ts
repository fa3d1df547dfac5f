import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // next-auth imports `next/server` without an extension, which only a bundler resolves: let Vite load it.
    server: { deps: { inline: ["next-auth"] } },
  },
});
