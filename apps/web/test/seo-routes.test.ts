import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../src/proxy";

const rewriteOf = async (url: string, host: string) =>
  (await proxy(new NextRequest(url, { headers: { host } }))).headers.get("x-middleware-rewrite");

describe("robots.txt and sitemap.xml routing", () => {
  it("rewrites them into the storefront on a tenant host", async () => {
    for (const file of ["/robots.txt", "/sitemap.xml"]) {
      expect(
        new URL((await rewriteOf(`http://greenleaf.localhost:3000${file}`, "greenleaf.localhost:3000"))!)
          .pathname,
      ).toBe(`/s/greenleaf${file}`);
    }
  });

  it("leaves the platform's own robots.txt alone", async () => {
    expect(await rewriteOf("http://localhost:3000/robots.txt", "localhost:3000")).toBeNull();
  });
});
