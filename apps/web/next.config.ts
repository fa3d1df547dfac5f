import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./src/server/security-headers";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: [
    "@cannasaas/api",
    "@cannasaas/auth",
    "@cannasaas/core",
    "@cannasaas/db",
    "@cannasaas/integrations",
    "@cannasaas/ui",
    "@cannasaas/validators",
  ],
  // Native and WebAssembly packages are loaded by Node at run time rather than bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "pino",
    "postgres",
    "nodemailer",
    "sharp",
  ],
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default config;
