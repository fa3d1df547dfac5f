import type { MetadataRoute } from "next";

/**
 * robots.txt of the platform domain. Tenant hosts never reach it: the proxy rewrites their /robots.txt to the
 * storefront's own (app/(storefront)/s/[tenant]/robots.txt).
 */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/dashboard", "/api/", "/dev/", "/s/"] },
  };
}
