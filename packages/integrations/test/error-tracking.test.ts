import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSentryErrorTracker, noErrorTracker } from "../src/observability";

/** A stand-in for Sentry's ingestion endpoint: POST /api/<project>/envelope/, answering like sentry.io. */
let server: Server;
let port: number;
const envelopes: { path: string; body: string }[] = [];
let answer = 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      envelopes.push({ path: req.url ?? "", body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(answer, { "content-type": "application/json" });
      res.end(answer === 200 ? '{"id":"0"}' : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("error tracking", () => {
  it("is off by default and sends nothing", async () => {
    noErrorTracker.capture(new Error("nobody hears this"));
    expect(await noErrorTracker.flush()).toBe(true);
    expect(envelopes).toHaveLength(0);
  });

  it("reports a captured error to the DSN's project with its stack, route and request id", async () => {
    const tracker = createSentryErrorTracker({
      dsn: `http://publickey@127.0.0.1:${port}/42`,
      environment: "test",
    });
    tracker.capture(new Error("checkout exploded"), { route: "/api/v1/[...path]", requestId: "req-77" });
    expect(await tracker.flush(2_000)).toBe(true);
    expect(envelopes).toHaveLength(1);
    const sent = envelopes[0]!;
    expect(sent.path).toMatch(/^\/api\/42\/envelope\/\?/);
    expect(sent.path).toContain("sentry_key=publickey");
    const [, itemHeader, payload] = sent.body.split("\n");
    expect(JSON.parse(itemHeader!)).toMatchObject({ type: "event" });
    const event = JSON.parse(payload!) as {
      exception: { values: { type: string; value: string; stacktrace: { frames: unknown[] } }[] };
      tags: Record<string, string>;
      extra: Record<string, string>;
      environment: string;
    };
    expect(event.exception.values[0]).toMatchObject({ type: "Error", value: "checkout exploded" });
    expect(event.exception.values[0]!.stacktrace.frames.length).toBeGreaterThan(0);
    expect(event.tags.route).toBe("/api/v1/[...path]");
    expect(event.extra.requestId).toBe("req-77");
    expect(event.environment).toBe("test");
  });

  it("does not throw when the endpoint refuses with an empty body", async () => {
    answer = 500;
    envelopes.length = 0;
    const tracker = createSentryErrorTracker({ dsn: `http://publickey@127.0.0.1:${port}/42` });
    expect(() => tracker.capture(new Error("second"))).not.toThrow();
    await tracker.flush(2_000);
    expect(envelopes).toHaveLength(1);
    answer = 200;
  });
});
