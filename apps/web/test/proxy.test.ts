import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { MAX_QUERY_STRING_LENGTH, proxy } from "../src/proxy";

const request = (url: string, host: string, headers: Record<string, string> = {}) =>
  new NextRequest(url, { headers: { host, ...headers } });

const rewriteOf = (response: Response) => response.headers.get("x-middleware-rewrite");

describe("proxy host routing", () => {
  it("rewrites a tenant subdomain to its storefront, keeping the path and query", async () => {
    const res = await proxy(
      request("http://greenleaf.localhost:3000/sign-in?x=1", "greenleaf.localhost:3000"),
    );
    expect(new URL(rewriteOf(res)!).pathname).toBe("/s/greenleaf/sign-in");
    expect(new URL(rewriteOf(res)!).search).toBe("?x=1");
    const home = await proxy(request("http://greenleaf.localhost:3000/", "greenleaf.localhost:3000"));
    expect(new URL(rewriteOf(home)!).pathname).toBe("/s/greenleaf");
  });

  it("rewrites a custom domain under its own key, and reserved subdomains to an impossible tenant", async () => {
    const custom = await proxy(request("http://shop.example.com/", "shop.example.com"));
    expect(new URL(rewriteOf(custom)!).pathname).toBe("/s/shop.example.com");
    const reserved = await proxy(request("http://api.localhost:3000/", "api.localhost:3000"));
    expect(new URL(rewriteOf(reserved)!).pathname).toBe("/s/_reserved");
  });

  it("serves the platform and the dashboard on the root domain without rewriting", async () => {
    for (const path of ["/", "/dashboard", "/dashboard/sign-in"]) {
      expect(rewriteOf(await proxy(request(`http://localhost:3000${path}`, "localhost:3000")))).toBeNull();
    }
  });

  it("sends a tenant host's /dashboard into the storefront, where no such page exists", async () => {
    const res = await proxy(request("http://greenleaf.localhost:3000/dashboard", "greenleaf.localhost:3000"));
    expect(new URL(rewriteOf(res)!).pathname).toBe("/s/greenleaf/dashboard");
  });

  it("leaves API routes alone on every host", async () => {
    const res = await proxy(
      request("http://greenleaf.localhost:3000/api/trpc/x", "greenleaf.localhost:3000"),
    );
    expect(rewriteOf(res)).toBeNull();
  });

  it("refuses a malformed host with 400 and a message", async () => {
    const res = await proxy(request("http://localhost:3000/", "bad_host.localhost:3000"));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Host header is missing or malformed/);
    const nested = await proxy(request("http://a.b.localhost:3000/", "a.b.localhost:3000"));
    expect(nested.status).toBe(400);
    expect(await nested.text()).toMatch(/Nested subdomains/);
  });

  it("tags every response with a request id, keeping one that came in", async () => {
    const fresh = await proxy(request("http://localhost:3000/", "localhost:3000"));
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const given = await proxy(
      request("http://localhost:3000/", "localhost:3000", { "x-request-id": "abc-123" }),
    );
    expect(given.headers.get("x-request-id")).toBe("abc-123");
  });
});

describe("malformed paths", () => {
  it("refuses a path that is not UTF-8 (a lone surrogate's bytes) with 400 and a message, on any surface", async () => {
    for (const [url, host] of [
      ["http://localhost:3000/api/v1/products/%ED%A0%80", "localhost:3000"],
      ["http://greenleaf.localhost:3000/p/%ED%A0%80", "greenleaf.localhost:3000"],
    ] as const) {
      const response = await proxy(request(url, host));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        "The path is not correctly encoded.",
      );
    }
    expect(
      (await proxy(request("http://localhost:3000/api/v1/products/%E2%9C%93", "localhost:3000"))).status,
    ).not.toBe(400);
  });
});

describe("guest cart cookie", () => {
  it("gives a new storefront visitor a cart token, and keeps an existing one", async () => {
    const fresh = await proxy(request("http://greenleaf.localhost:3000/", "greenleaf.localhost:3000"));
    const cookie = fresh.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/cs_cart=[A-Za-z0-9_-]{32}/);
    expect(cookie).toMatch(/HttpOnly/i);
    const returning = await proxy(
      request("http://greenleaf.localhost:3000/", "greenleaf.localhost:3000", {
        cookie: "cs_cart=abcdefghijklmnopqrstuvwxyz123456",
      }),
    );
    expect(returning.headers.get("set-cookie")).toBeNull();
  });

  it("never sets a cart cookie on the platform domain", async () => {
    expect(
      (await proxy(request("http://localhost:3000/dashboard", "localhost:3000"))).headers.get("set-cookie"),
    ).toBeNull();
  });
});

describe("overlong query strings", () => {
  it("answers 414 with a message on every host and path, before routing", async () => {
    const long = `?q=${"a".repeat(MAX_QUERY_STRING_LENGTH)}`;
    for (const [url, host] of [
      [`http://greenleaf.localhost:3000/menu${long}`, "greenleaf.localhost:3000"],
      [`http://localhost:3000/dashboard${long}`, "localhost:3000"],
      [`http://localhost:3000/api/trpc/storefront.search${long}`, "localhost:3000"],
    ] as const) {
      const res = await proxy(request(url, host));
      expect(res.status).toBe(414);
      expect(rewriteOf(res)).toBeNull();
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("uri_too_long");
      expect(body.error.message).toMatch(/too long/);
    }
  });

  it("serves a query string at the limit", async () => {
    const atLimit = `?q=${"a".repeat(MAX_QUERY_STRING_LENGTH - 3)}`;
    const res = await proxy(
      request(`http://greenleaf.localhost:3000/menu${atLimit}`, "greenleaf.localhost:3000"),
    );
    expect(res.status).toBe(200);
    expect(new URL(rewriteOf(res)!).pathname).toBe("/s/greenleaf/menu");
  });
});
