import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level: "info", destination }) };
}

describe("logger", () => {
  it("writes JSON and redacts secrets at the top level and nested", () => {
    const { lines, logger } = capture();
    logger.info(
      {
        password: "hunter2",
        user: { email: "a@example.com", passwordHash: "$argon2id$abc" },
        req: {
          headers: { authorization: "Bearer abc", cookie: "sid=1", "set-cookie": "sid=2", accept: "*/*" },
        },
        upstash: { token: "upstash-tok-123" },
        stripe: { apiKey: "sk_live", secret: "whsec" },
      },
      "signed in",
    );

    const serialized = JSON.stringify(lines);
    for (const secret of [
      "hunter2",
      "$argon2id$abc",
      "Bearer abc",
      "sid=1",
      "sid=2",
      "upstash-tok-123",
      "sk_live",
      "whsec",
    ]) {
      expect(serialized).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      msg: "signed in",
      level: 30,
      password: "[Redacted]",
      user: { email: "a@example.com", passwordHash: "[Redacted]" },
      req: { headers: { accept: "*/*", authorization: "[Redacted]" } },
    });
  });

  it("keeps bindings on child loggers and honours the level", () => {
    const { lines, logger } = capture();
    const child = logger.child({ tenantId: "t_1" });
    child.debug("hidden");
    child.warn({ secret: "x" }, "shown");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ tenantId: "t_1", msg: "shown", secret: "[Redacted]" });
  });

  it("rejects an unknown level", () => {
    expect(() => createLogger({ level: "loud" })).toThrow();
  });
});
