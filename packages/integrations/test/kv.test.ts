import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryKv, createUpstashKv } from "../src/kv";
import { startUpstashRestShim, type UpstashRestShim } from "../src/testing";
import { describeKvContract } from "./kv-contract";
import { redisUnavailableReason, TEST_REDIS_URL, titleWithSkipReason } from "./redis-availability";

let fakeNow = 0;
describeKvContract("memory", {
  makeKv: () => {
    fakeNow = Date.now();
    return createMemoryKv({ now: () => fakeNow });
  },
  advance: async (ms) => {
    fakeNow += ms;
  },
});

describe("memory KV capacity", () => {
  it("sweeps expired entries, then drops the oldest, to stay within maxEntries", async () => {
    let now = 0;
    const kv = createMemoryKv({ now: () => now, maxEntries: 3 });
    await kv.set("expiring", 1, { ttlSeconds: 1 });
    await kv.set("old", 2);
    await kv.set("mid", 3);
    now = 5_000;
    await kv.set("new", 4); // full: the expired key makes room
    expect(await kv.get("old")).toBe(2);
    await kv.set("newest", 5); // still full and nothing expired: the oldest goes
    expect(await kv.get("old")).toBeNull();
    expect(await Promise.all(["mid", "new", "newest"].map((k) => kv.get(k)))).toEqual([3, 4, 5]);
  });
});

const unavailable = await redisUnavailableReason();
if (unavailable) console.warn(`Skipping Upstash KV tests — ${unavailable}`);

describe.skipIf(unavailable !== null)(
  titleWithSkipReason(`Upstash KV via REST shim on ${TEST_REDIS_URL}`, unavailable),
  () => {
    const token = `test-token-${randomUUID()}`;
    let shim: UpstashRestShim;

    beforeAll(async () => {
      shim = await startUpstashRestShim({ redisUrl: TEST_REDIS_URL, token });
    });
    afterAll(async () => {
      await shim?.close();
    });

    describeKvContract("upstash", {
      makeKv: () => createUpstashKv({ url: shim.url, token }),
      advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });

    it("rejects requests with a wrong token", async () => {
      const kv = createUpstashKv({ url: shim.url, token: "wrong-token" });
      await expect(kv.ping()).rejects.toThrow(/Unauthorized/);
    });
  },
);

describe("Upstash KV when the server is down", () => {
  it("ping rejects quickly instead of retrying for long", async () => {
    const { createServer } = await import("node:net");
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve())); // port is now closed

    const kv = createUpstashKv({ url: `http://127.0.0.1:${port}`, token: "t" });
    const started = performance.now();
    await expect(kv.ping()).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("ping rejects within the timeout when the server accepts but never answers", async () => {
    const { createServer } = await import("node:http");
    const server = createServer(() => {}); // never responds
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const kv = createUpstashKv({ url: `http://127.0.0.1:${port}`, token: "t", timeoutMs: 300 });
      const started = performance.now();
      await expect(kv.ping()).rejects.toThrow();
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
