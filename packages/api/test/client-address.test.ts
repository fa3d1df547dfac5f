import { describe, expect, it } from "vitest";
import type { AuthDeps } from "@cannasaas/auth";
import type { ClientAddressSettings } from "@cannasaas/integrations/client-address";
import { createTrpcContext } from "../src";

// The platform host resolves no tenant, so the context needs no database here.
const context = (
  headers: Record<string, string>,
  clientAddressSettings: ClientAddressSettings = { trustedProxyHops: 0, clientIpHeader: null },
) =>
  createTrpcContext({
    deps: {} as AuthDeps,
    headers: new Headers({ host: "localhost:3000", ...headers }),
    rootDomain: "localhost:3000",
    user: null,
    activeOrganizationId: null,
    clientAddressSettings,
  });

describe("the API context's client address", () => {
  it("ignores a spoofed X-Forwarded-For with no trusted proxy: the same rate-limit bucket as without it", async () => {
    const spoofed = await context({ "x-forwarded-for": "1.2.3.4" });
    const plain = await context({});
    expect(spoofed.ip).toBe(plain.ip);
    expect(spoofed.ip).toBeNull();
  });

  it("with 1 trusted hop, uses the entry the proxy appended, not one the client prepended", async () => {
    const ctx = await context(
      { "x-forwarded-for": "1.2.3.4, 198.51.100.8" },
      { trustedProxyHops: 1, clientIpHeader: null },
    );
    expect(ctx.ip).toBe("198.51.100.8");
  });

  it("honours the Vercel header when configured", async () => {
    const ctx = await context(
      { "x-vercel-forwarded-for": "198.51.100.9", "x-forwarded-for": "1.2.3.4" },
      { trustedProxyHops: 0, clientIpHeader: "x-vercel-forwarded-for" },
    );
    expect(ctx.ip).toBe("198.51.100.9");
  });
});
