import { defineConfig } from "vitest/config";

export default defineConfig({
  // Seeding the whole demo into PGlite takes about 30 s on a quiet 2-core machine and has taken 114 s on a
  // busy one; these limits only catch a hang, they are not a speed claim (the seed's time is printed).
  test: { testTimeout: 300_000, hookTimeout: 300_000 },
});
