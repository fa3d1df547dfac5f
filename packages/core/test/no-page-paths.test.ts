import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Core is the domain: it knows no page path (ARCHITECTURE.md, "HTTP in the domain"). Pages belong to the app,
 * which passes link builders in (packages/api `links.ts`). This reads every source file of core and fails on a
 * string, template or regular expression that starts with one of the app's page routes.
 */
const SRC = join(__dirname, "..", "src");
const APP = join(__dirname, "..", "..", "..", "apps", "web", "src", "app");

/** First path segments of the storefront's and the dashboard's pages, read from the app's route folders. */
function pageSegments(): string[] {
  const dirs = (dir: string) =>
    readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith("(") && !d.name.startsWith("["))
      .map((d) => d.name);
  const storefront = dirs(join(APP, "(storefront)", "s", "[tenant]"));
  return [...new Set([...storefront, "dashboard", ...dirs(join(APP, "(platform)"))])].filter(
    (s) => !["api", "events", "assistant", "robots.txt", "sitemap.xml"].includes(s),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : [],
  );
}

describe("core knows no page paths", () => {
  const segments = pageSegments();

  it("finds the app's page routes to look for", () => {
    expect(segments).toEqual(expect.arrayContaining(["p", "orders", "account", "cart", "dashboard"]));
  });

  it("no source file of core writes one", () => {
    const names = segments.map((s) => s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")).join("|");
    // A quote, backtick or regex slash, then the page path: "/p/…", `/account/orders`, /^\/p\//.
    const pagePath = new RegExp(`(?:["'\`]|\\/\\^?)\\\\?/(?:${names})(?:\\\\?/|["'\`?#$])`);
    const found = sourceFiles(SRC).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ line, at: `${relative(SRC, file)}:${i + 1}` }))
        .filter(({ line }) => !/^\s*(\*|\/\/)/.test(line) && pagePath.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
