import http from "node:http";
import { summarize, type Summary } from "./stats";

/** What Chromium asks for when it loads a page. */
const PAGE_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/**
 * Closed-loop HTTP load: `connections` keep-alive clients each send the next request as soon as the last
 * answers, for `seconds`. The Host header selects the storefront, as a browser on a subdomain would.
 */
export async function load(options: {
  port: number;
  host: string;
  /** A path, or a function giving each request's path (to defeat the page cache on purpose). */
  path: string | (() => string);
  connections: number;
  seconds: number;
}): Promise<Summary> {
  const pathOf = typeof options.path === "string" ? () => options.path as string : options.path;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = http.request(
        {
          host: "127.0.0.1",
          port: options.port,
          path: pathOf(),
          agent,
          // A browser's page load asks for HTML (the storefront's page cache answers only those).
          headers: { host: options.host, accept: PAGE_ACCEPT, "x-forwarded-for": "203.0.113.7" },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode === 200) latencies.push(performance.now() - started);
            else errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  agent.destroy();
  return summarize(latencies, errors, (performance.now() - started) / 1000);
}

/**
 * One GET with a chosen Host header, answered as text. (Node's fetch drops a Host header, which would ask
 * the platform instead of the storefront.)
 */
export function getPage(
  port: number,
  host: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path, headers: { host, accept: PAGE_ACCEPT, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}
