import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(self)" },
];

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
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default config;
