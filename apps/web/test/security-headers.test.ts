import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { proxy } from "../src/proxy";

const request = (url: string, host: string) => new NextRequest(url, { headers: { host } });
const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

afterEach(() => vi.unstubAllEnvs());

describe("Content-Security-Policy", () => {
  it.each([
    ["storefront", "http://greenleaf.localhost:3000/", "greenleaf.localhost:3000"],
    ["dashboard", "http://localhost:3000/dashboard", "localhost:3000"],
  ])(
    "the %s gets a policy with a fresh nonce per request, handed to Next on the request",
    async (_, url, host) => {
      const first = await proxy(request(url, host));
      const second = await proxy(request(url, host));
      const csp = first.headers.get("content-security-policy");
      expect(csp).toContain("script-src 'self' 'nonce-");
      expect(csp).toContain("'strict-dynamic'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      const nonce = nonceOf(csp);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonce);
      // Next reads the nonce from the forwarded request's CSP header and stamps its scripts with it.
      expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
      expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    },
  );

  it("allows eval only in development builds", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const csp = (await proxy(request("http://localhost:3000/", "localhost:3000"))).headers.get(
      "content-security-policy",
    );
    expect(csp).not.toContain("unsafe-eval");
  });
});

describe("HSTS and Secure cookies", () => {
  it("sends HSTS only from a production deployment on https", async () => {
    expect(
      (await proxy(request("http://localhost:3000/", "localhost:3000"))).headers.get(
        "strict-transport-security",
      ),
    ).toBeNull();
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("PUBLIC_SCHEME", "https");
    expect(
      (await proxy(request("https://localhost:3000/", "localhost:3000"))).headers.get(
        "strict-transport-security",
      ),
    ).toBe("max-age=63072000; includeSubDomains");
  });

  it("marks the cart cookie Secure under https, and not on plain-http local development", async () => {
    const local = await proxy(request("http://greenleaf.localhost:3000/", "greenleaf.localhost:3000"));
    expect(local.headers.get("set-cookie")).toMatch(/^cs_cart=[^;]+;.*HttpOnly/i);
    expect(local.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
    vi.stubEnv("PUBLIC_SCHEME", "https");
    const https = await proxy(request("https://greenleaf.localhost:3000/", "greenleaf.localhost:3000"));
    expect(https.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
    expect(https.headers.get("set-cookie")).toMatch(/SameSite=lax/i);
  });
});
