// `npm test`: install and run every package's unit and integration tests through turbo.
// With TEST_DATABASE_URL / TEST_REDIS_URL set they run against real PostgreSQL and Redis,
// otherwise against embedded PGlite and the in-memory cache.
import { pnpm } from "./pnpm.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
pnpm(["install", "--frozen-lockfile"]);
pnpm(["turbo", "run", "test", "--concurrency=1", ...process.argv.slice(2)]);
