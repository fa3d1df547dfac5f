import { randomUUID } from "node:crypto";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstashRestShim, type UpstashRestShim } from "../src/testing";
import { redisUnavailableReason, TEST_REDIS_URL, titleWithSkipReason } from "./redis-availability";

const unavailable = await redisUnavailableReason();
if (unavailable) console.warn(`Skipping Upstash REST shim tests — ${unavailable}`);

describe.skipIf(unavailable !== null)(titleWithSkipReason("Upstash REST shim", unavailable), () => {
  const token = `shim-${randomUUID()}`;
  const prefix = `test:${randomUUID()}`;
  let shim: UpstashRestShim;

  beforeAll(async () => {
    shim = await startUpstashRestShim({ redisUrl: TEST_REDIS_URL, token });
  });
  afterAll(async () => {
    if (!shim) return;
    await post("/", ["del", ...["s", "i", "obj", "c"].map((k) => `${prefix}:${k}`)]);
    await shim.close();
  });

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${shim.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  it("answers 401 without the right bearer token", async () => {
    const response = await fetch(shim.url, { method: "POST", body: JSON.stringify(["ping"]) });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "Unauthorized" });
  });

  it("base64-encodes string results only when asked to", async () => {
    await post("/", ["set", `${prefix}:s`, "héllo", "PX", 60_000]);
    expect((await post("/", ["get", `${prefix}:s`])).body).toEqual({ result: "héllo" });
    const encoded = await post(
      "/pipeline",
      [
        ["get", `${prefix}:s`],
        ["mget", `${prefix}:s`, `${prefix}:none`],
        ["incr", `${prefix}:i`],
      ],
      {
        "Upstash-Encoding": "base64",
      },
    );
    const b64 = Buffer.from("héllo").toString("base64");
    expect(encoded.body).toEqual([{ result: b64 }, { result: [b64, null] }, { result: 1 }]);
  });

  it("reports command errors as 400 for single commands and per entry in transactions", async () => {
    expect(await post("/", ["incr", `${prefix}:s`])).toEqual({
      status: 400,
      body: { error: "ERR value is not an integer or out of range" },
    });
    const tx = await post("/multi-exec", [
      ["incr", `${prefix}:s`],
      ["strlen", `${prefix}:s`],
    ]);
    expect(tx.body).toEqual([{ error: "ERR value is not an integer or out of range" }, { result: 6 }]);
  });

  it("serves the stock @upstash/redis client (auto-pipelining, base64, auto-deserialization)", async () => {
    const redis = new Redis({ url: shim.url, token, enableTelemetry: false });
    await redis.set(`${prefix}:obj`, { ok: true, n: [1, 2] }, { ex: 60 });
    const [obj, missing, pong] = await Promise.all([
      redis.get(`${prefix}:obj`),
      redis.get(`${prefix}:nope`),
      redis.ping(),
    ]);
    expect(obj).toEqual({ ok: true, n: [1, 2] });
    expect(missing).toBeNull();
    expect(pong).toBe("PONG");
    expect(await redis.multi().incr(`${prefix}:c`).incr(`${prefix}:c`).exec()).toEqual([1, 2]);
  });
});
