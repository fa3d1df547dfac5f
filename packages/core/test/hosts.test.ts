import { describe, expect, it } from "vitest";
import {
  normalizeHost,
  parseHost,
  platformUrl,
  publicOrigin,
  storefrontUrl,
  tenantKeyForHost,
} from "../src/tenancy/hosts";

describe("parseHost", () => {
  const root = "localhost:3000";

  it("treats the root domain (any port) as the platform", () => {
    expect(parseHost("localhost:3000", root)).toEqual({ kind: "platform" });
    expect(parseHost("LOCALHOST", root)).toEqual({ kind: "platform" });
    expect(parseHost("www.localhost:3000", root)).toEqual({ kind: "platform" });
    expect(parseHost("127.0.0.1:3000", root)).toEqual({ kind: "platform" });
  });

  it("maps a subdomain to a tenant slug", () => {
    expect(parseHost("greenleaf.localhost:3000", root)).toEqual({ kind: "tenant", slug: "greenleaf" });
    expect(parseHost("Mile-High.localhost", root)).toEqual({ kind: "tenant", slug: "mile-high" });
    expect(parseHost("greenleaf.cannasaas.app", "cannasaas.app")).toEqual({
      kind: "tenant",
      slug: "greenleaf",
    });
  });

  it("never treats reserved subdomains as tenants", () => {
    for (const sub of ["api", "admin", "dashboard", "app"]) {
      expect(parseHost(`${sub}.localhost:3000`, root)).toEqual({ kind: "reserved", subdomain: sub });
    }
  });

  it("rejects malformed and nested hosts", () => {
    expect(parseHost("", root).kind).toBe("invalid");
    expect(parseHost(null, root).kind).toBe("invalid");
    expect(parseHost("bad_host.localhost", root).kind).toBe("invalid");
    expect(parseHost("-x.localhost", root).kind).toBe("invalid");
    expect(parseHost("a.b.localhost", root).kind).toBe("invalid");
    expect(parseHost("[::1]:3000", root).kind).toBe("invalid");
    expect(parseHost("evil.com/<script>", root).kind).toBe("invalid");
  });

  it("treats any other host as a possible custom domain", () => {
    const parsed = parseHost("shop.greenleaf.com", "cannasaas.app");
    expect(parsed).toEqual({ kind: "custom-domain", domain: "shop.greenleaf.com" });
    expect(tenantKeyForHost(parsed)).toBe("shop.greenleaf.com");
  });

  it("normalizes ports, case and a trailing dot", () => {
    expect(normalizeHost("GreenLeaf.Localhost.:3000")).toBe("greenleaf.localhost");
  });
});

describe("storefrontUrl", () => {
  it("uses https except on local development hosts", () => {
    expect(storefrontUrl("greenleaf", "localhost:3000")).toBe("http://greenleaf.localhost:3000");
    expect(storefrontUrl("greenleaf", "cannasaas.app")).toBe("https://greenleaf.cannasaas.app");
  });
});

describe("platformUrl and publicOrigin", () => {
  it("come from the configured domain and scheme only", () => {
    expect(platformUrl("cannasaas.app")).toBe("https://cannasaas.app");
    expect(platformUrl("localhost:3100")).toBe("http://localhost:3100");
    expect(platformUrl("app.localhost:3000")).toBe("http://app.localhost:3000");
    expect(platformUrl("cannasaas.app", "http")).toBe("http://cannasaas.app");
    expect(storefrontUrl("greenleaf", "localhost:3000", "https")).toBe("https://greenleaf.localhost:3000");
    expect(publicOrigin(null, "cannasaas.app")).toBe("https://cannasaas.app");
    expect(publicOrigin({ slug: "greenleaf" }, "cannasaas.app")).toBe("https://greenleaf.cannasaas.app");
  });
});
