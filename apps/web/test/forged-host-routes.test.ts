import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type * as Core from "@cannasaas/core";

// A production https deployment; the routes must build their redirects from this, not from the request.
vi.hoisted(() => {
  process.env.ROOT_DOMAIN = "cannasaas.test";
  process.env.PUBLIC_SCHEME = "https";
  process.env.AUTH_SECRET = "forged-host-test-secret-forged-host";
});

// The data the routes look up (which tenant, its locations, the user's membership) is not what is under test
// here; these stand-ins return fixed rows so the tests are about the URLs and cookies the routes build.
const session = vi.hoisted(() => ({ user: null as { id: string; email: string } | null }));
vi.mock("~/auth", () => ({ auth: async () => (session.user ? { user: session.user } : null) }));
vi.mock("~/server/deps", () => ({ getDeps: async () => ({ db: {} }) }));
vi.mock("~/server/tenant", () => ({
  tenantForHost: async (key: string) => (key === "greenleaf" ? { id: "org-greenleaf", slug: key } : null),
}));
vi.mock("@cannasaas/core", async (importOriginal) => ({
  ...(await importOriginal<typeof Core>()),
  listStorefrontLocations: async () => [{ id: "loc-north" }],
  getMembership: async (_db: unknown, userId: string, organizationId: string) =>
    userId === "u-1" && organizationId === "org-1" ? { organizationId, role: "owner" } : null,
}));

const { POST: chooseLocation } = await import("../src/app/(storefront)/s/[tenant]/location/route");
const { POST: switchOrganization } = await import("../src/app/(dashboard)/dashboard/switch/route");

/** A form POST as `next start` sees it: its own listen address in the URL, the client's Host and headers. */
function post(host: string, fields: Record<string, string>, extra: Record<string, string> = {}) {
  const body = new URLSearchParams(fields);
  return new NextRequest("http://127.0.0.1:3000/x", {
    method: "POST",
    headers: { host, "content-type": "application/x-www-form-urlencoded", ...extra },
    body,
  });
}

const FORGERIES: Array<[string, Record<string, string>]> = [
  ["an odd port", {}],
  ["X-Forwarded-Proto: http", { "x-forwarded-proto": "http" }],
  ["X-Forwarded-Host: evil.example", { "x-forwarded-host": "evil.example" }],
];

beforeEach(() => {
  session.user = null;
});

describe("the location picker's redirect", () => {
  it.each(FORGERIES)("goes back to the storefront's configured origin despite %s", async (_, extra) => {
    const response = await chooseLocation(
      post(
        "greenleaf.cannasaas.test:6666",
        { locationId: "loc-north", returnTo: "/p/blue-dream?x=1" },
        extra,
      ),
      { params: Promise.resolve({ tenant: "greenleaf" }) },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("https://greenleaf.cannasaas.test/p/blue-dream?x=1");
  });

  it("never leaves the storefront, whatever returnTo says", async () => {
    for (const returnTo of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
      const response = await chooseLocation(post("greenleaf.cannasaas.test", { returnTo }), {
        params: Promise.resolve({ tenant: "greenleaf" }),
      });
      expect(response.headers.get("location")).toBe("https://greenleaf.cannasaas.test/");
    }
  });

  it("sets the location cookie Secure, HttpOnly and SameSite=Lax under https", async () => {
    const response = await chooseLocation(post("greenleaf.cannasaas.test", { locationId: "loc-north" }), {
      params: Promise.resolve({ tenant: "greenleaf" }),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("cs_loc="));
    expect(cookie).toMatch(/^cs_loc=loc-north;/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=lax/i);
  });
});

describe("the organization switcher's redirect", () => {
  it.each(FORGERIES)("sends a signed-out visitor to the platform's sign-in despite %s", async (_, extra) => {
    const response = await switchOrganization(
      post("cannasaas.test:6666", { organizationId: "org-1" }, extra),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("https://cannasaas.test/dashboard/sign-in");
  });

  it("returns a member to the platform's dashboard with a Secure organization cookie", async () => {
    session.user = { id: "u-1", email: "owner@example.test" };
    const response = await switchOrganization(
      post("cannasaas.test", { organizationId: "org-1" }, { "x-forwarded-proto": "http" }),
    );
    expect(response.headers.get("location")).toBe("https://cannasaas.test/dashboard");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("cs_org="));
    expect(cookie).toMatch(/^cs_org=org-1;/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
  });
});
