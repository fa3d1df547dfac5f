import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretBox, parseSecretKeys } from "./secret-box";

const k1 = { id: "k1", key: randomBytes(32) };
const k2 = { id: "k2", key: randomBytes(32) };

describe("secret box", () => {
  it("round-trips and never repeats a ciphertext", () => {
    const box = createSecretBox([k1]);
    const a = box.seal("D1234567");
    expect(a).not.toContain("D1234567");
    expect(box.seal("D1234567")).not.toBe(a);
    expect(box.open(a)).toBe("D1234567");
    expect(box.isSealed(a)).toBe(true);
    expect(box.isSealed("D1234567")).toBe(false);
  });

  it("refuses a tampered value", () => {
    const box = createSecretBox([k1]);
    const parts = box.seal("1990-01-01").split(".");
    const body = Buffer.from(parts[4]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString("base64url");
    expect(() => box.open(parts.join("."))).toThrow();
  });

  it("opens values sealed with an older key after rotation", () => {
    const old = createSecretBox([k1]).seal("secret");
    const rotated = createSecretBox([k2, k1]);
    expect(rotated.open(old)).toBe("secret");
    expect(rotated.seal("x").split(".")[1]).toBe("k2");
    expect(() => createSecretBox([k2]).open(old)).toThrow(/No key/);
  });

  it("parses the key ring from the environment format", () => {
    const keys = parseSecretKeys(`a:${k1.key.toString("base64")}, b:${k2.key.toString("base64")}`);
    expect(keys.map((k) => k.id)).toEqual(["a", "b"]);
    expect(keys[0]!.key.equals(k1.key)).toBe(true);
    expect(() => createSecretBox(parseSecretKeys("a:c2hvcnQ="))).toThrow(/32 bytes/);
  });
});
