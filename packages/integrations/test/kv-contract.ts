import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KV } from "../src/kv";

export type ContractTarget = {
  makeKv(): KV;
  /** Moves time past `ms` milliseconds for the KV under test (fake clock or real sleep). */
  advance(ms: number): Promise<void>;
};

/** Behaviour every KV implementation must share; keys get a random prefix so parallel runs don't collide. */
export function describeKvContract(name: string, target: ContractTarget): void {
  describe(`KV contract: ${name}`, () => {
    let kv: KV;
    let prefix: string;
    let usedKeys: Set<string>;
    const key = (suffix: string) => {
      const full = `${prefix}:${suffix}`;
      usedKeys.add(full);
      return full;
    };

    beforeEach(() => {
      kv = target.makeKv();
      prefix = `test:${randomUUID()}`;
      usedKeys = new Set();
    });
    afterEach(async () => {
      await kv.del(...usedKeys);
    });

    it("round-trips JSON values and returns null for missing keys", async () => {
      const value = { id: 7, name: "Blue Dream", tags: ["hybrid"], nested: { thc: 0.21 }, none: null };
      await kv.set(key("obj"), value);
      await kv.set(key("numeric-string"), "123");
      await kv.set(key("flag"), false);
      expect(await kv.get(key("obj"))).toEqual(value);
      expect(await kv.get(key("numeric-string"))).toBe("123");
      expect(await kv.get(key("flag"))).toBe(false);
      expect(await kv.get(key("missing"))).toBeNull();
    });

    it("expires values after their ttl", async () => {
      await kv.set(key("short"), "soon gone", { ttlSeconds: 1 });
      await kv.set(key("forever"), "stays");
      expect(await kv.get(key("short"))).toBe("soon gone");
      await target.advance(1_100);
      expect(await kv.get(key("short"))).toBeNull();
      expect(await kv.get(key("forever"))).toBe("stays");
    });

    it("deletes keys and reports how many existed", async () => {
      await kv.set(key("a"), 1);
      await kv.set(key("b"), 2);
      expect(await kv.del(key("a"), key("b"), key("never"))).toBe(2);
      expect(await kv.get(key("a"))).toBeNull();
      expect(await kv.del()).toBe(0);
    });

    it("increments counters and sets the ttl only when the key is created", async () => {
      expect(await kv.incr(key("n"), { ttlSeconds: 1 })).toBe(1);
      await target.advance(600);
      expect(await kv.incr(key("n"), { ttlSeconds: 1 })).toBe(2);
      expect(await kv.get(key("n"))).toBe(2);
      await target.advance(600); // past the first ttl: the second incr must not have extended it
      expect(await kv.get(key("n"))).toBeNull();
      expect(await kv.incr(key("n"))).toBe(1);
    });

    it("rejects non-positive ttls instead of storing forever", async () => {
      await expect(kv.set(key("x"), 1, { ttlSeconds: 0 })).rejects.toThrow(RangeError);
    });

    it("allows exactly `limit` calls per window, then refuses until the window resets", async () => {
      const before = Date.now();
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await kv.rateLimit(key("rl"), 3, 60));
      expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
      expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
      const refused = results[3]!;
      expect(refused.limit).toBe(3);
      const resetIn = refused.resetAt.getTime() - before;
      expect(resetIn).toBeGreaterThan(55_000);
      expect(resetIn).toBeLessThanOrEqual(61_000);

      await kv.resetRateLimit(key("rl"));
      expect((await kv.rateLimit(key("rl"), 3, 60)).remaining).toBe(2);
    });

    it("starts a fresh window once the previous one expires", async () => {
      expect((await kv.rateLimit(key("win"), 1, 1)).allowed).toBe(true);
      expect((await kv.rateLimit(key("win"), 1, 1)).allowed).toBe(false);
      await target.advance(1_100);
      expect((await kv.rateLimit(key("win"), 1, 1)).allowed).toBe(true);
    });

    it("counts concurrent rate-limit calls exactly", async () => {
      const results = await Promise.all(Array.from({ length: 50 }, () => kv.rateLimit(key("burst"), 10, 60)));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
      expect(Math.min(...results.map((r) => r.remaining))).toBe(0);
    });

    it("answers ping", async () => {
      await expect(kv.ping()).resolves.toBeUndefined();
    });
  });
}
