/**
 * Response headers every page carries: a Content-Security-Policy whose scripts must bear this request's nonce
 * (Next reads the nonce from the request's CSP header and stamps it on its own scripts), and HSTS once the
 * deployment is production on https. Built here, in the proxy, so no page can forget them.
 */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export function contentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean }) {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets a nonced script load the chunks it needs; nothing else runs. Development's
    // React refresh needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // Tailwind and next/font emit style attributes and inline styles.
    "style-src 'self' 'unsafe-inline'",
    // Product photos may come from object storage on another host; map tiles from the tile server.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The storefront's service worker (/sw.js) and web manifest are its own files.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Two years, subdomains included: every storefront is a subdomain served over https too. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** Headers on every response (next.config.ts sets them for Next's; the page cache's front door sends them too). */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(self)" },
];
