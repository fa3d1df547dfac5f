// `npm run demo`: install, prepare the embedded database with demo data, and start the app.
// `npm run demo -- --prod` builds and serves the production bundle instead of the dev server.
import { pnpm, pnpmForeground } from "./pnpm.mjs";

const production = process.argv.includes("--prod");
process.env.NEXT_TELEMETRY_DISABLED = "1";

pnpm(["install", "--frozen-lockfile"]);
pnpm(["--filter", "@cannasaas/web", "prepare-local"]);
if (production) {
  process.env.CANNASAAS_LOCAL = "1";
  pnpm(["--filter", "@cannasaas/web", "build"]);
  pnpmForeground(["--filter", "@cannasaas/web", "start"]);
} else {
  pnpmForeground(["--filter", "@cannasaas/web", "exec", "next", "dev", "--turbopack"]);
}
