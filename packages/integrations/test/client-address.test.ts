import { describe, expect, it } from "vitest";
import { clientAddress, NO_TRUSTED_PROXY } from "../src/client-address";
import { IntegrationsEnvError, readClientAddressSettings } from "../src/env";

const headers = (entries: Record<string, string>) => new Headers(entries);
const oneHop = { trustedProxyHops: 1, clientIpHeader: null };

describe("clientAddress", () => {
  it("with no proxy configured, ignores a spoofed X-Forwarded-For: same answer as without the header", () => {
    const spoofed = headers({ "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8" });
    expect(clientAddress(spoofed, NO_TRUSTED_PROXY)).toBe(clientAddress(headers({}), NO_TRUSTED_PROXY));
    expect(clientAddress(spoofed, NO_TRUSTED_PROXY)).toBeNull();
    // The socket's address wins over any header when the runtime gives one.
    expect(clientAddress(spoofed, NO_TRUSTED_PROXY, "203.0.113.9")).toBe("203.0.113.9");
  });

  it("with 1 trusted hop, takes the rightmost entry and ignores what the client prepended", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "1.2.3.4, 198.51.100.7" }), oneHop)).toBe(
      "198.51.100.7",
    );
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.7" }), oneHop)).toBe("198.51.100.7");
    // Rotating the prepended value does not change the answer.
    expect(clientAddress(headers({ "x-forwarded-for": "9.9.9.9,198.51.100.7" }), oneHop)).toBe(
      "198.51.100.7",
    );
  });

  it("with 2 trusted hops, takes the second entry from the right; too few entries trust nothing", () => {
    const twoHops = { trustedProxyHops: 2, clientIpHeader: null };
    expect(clientAddress(headers({ "x-forwarded-for": "1.2.3.4, 198.51.100.7, 10.0.0.2" }), twoHops)).toBe(
      "198.51.100.7",
    );
    expect(clientAddress(headers({ "x-forwarded-for": "10.0.0.2" }), twoHops)).toBeNull();
    expect(clientAddress(headers({}), twoHops)).toBeNull();
  });

  it("honours the platform's own header (Vercel) and then ignores X-Forwarded-For", () => {
    const vercel = { trustedProxyHops: 0, clientIpHeader: "x-vercel-forwarded-for" };
    const request = headers({ "x-vercel-forwarded-for": "2001:db8::1", "x-forwarded-for": "1.2.3.4" });
    expect(clientAddress(request, vercel)).toBe("2001:db8::1");
    expect(clientAddress(headers({ "x-forwarded-for": "1.2.3.4" }), vercel)).toBeNull();
    expect(clientAddress(headers({ "x-vercel-forwarded-for": "1.2.3.4, 5.6.7.8" }), vercel)).toBeNull();
  });

  it("refuses values that are not addresses (no arbitrary text in rate-limit keys or the audit log)", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "evil:key*" }), oneHop)).toBeNull();
    expect(clientAddress(headers({ "x-forwarded-for": "unknown" }), oneHop)).toBeNull();
  });
});

describe("readClientAddressSettings", () => {
  it("trusts no forwarded header by default, treating blank values as unset", () => {
    expect(readClientAddressSettings({})).toEqual(NO_TRUSTED_PROXY);
    expect(readClientAddressSettings({ TRUSTED_PROXY_HOPS: "", CLIENT_IP_HEADER: " " })).toEqual(
      NO_TRUSTED_PROXY,
    );
  });

  it("reads the hop count or the header name", () => {
    expect(readClientAddressSettings({ TRUSTED_PROXY_HOPS: "2" })).toEqual({
      trustedProxyHops: 2,
      clientIpHeader: null,
    });
    expect(readClientAddressSettings({ CLIENT_IP_HEADER: "X-Vercel-Forwarded-For" })).toEqual({
      trustedProxyHops: 0,
      clientIpHeader: "x-vercel-forwarded-for",
    });
  });

  it("refuses a bad hop count, a bad header name, or both settings at once", () => {
    expect(() => readClientAddressSettings({ TRUSTED_PROXY_HOPS: "-1" })).toThrow(IntegrationsEnvError);
    expect(() => readClientAddressSettings({ TRUSTED_PROXY_HOPS: "1.5" })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => readClientAddressSettings({ CLIENT_IP_HEADER: "x real ip" })).toThrow(/CLIENT_IP_HEADER/);
    expect(() =>
      readClientAddressSettings({ CLIENT_IP_HEADER: "x-real-ip", TRUSTED_PROXY_HOPS: "1" }),
    ).toThrow(/CLIENT_IP_HEADER/);
  });
});
