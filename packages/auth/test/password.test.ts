import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../src/password";

describe("password hashing", () => {
  const plain = "correct horse battery staple";

  it("hashes with argon2id and verifies the same password", async () => {
    const stored = await hashPassword(plain);
    expect(stored.startsWith("$argon2id$")).toBe(true);
    expect(stored).not.toContain(plain);
    expect(await verifyPassword(stored, plain)).toBe(true);
  });

  it("salts every hash, so equal passwords give different hashes that both verify", async () => {
    const [one, two] = await Promise.all([hashPassword(plain), hashPassword(plain)]);
    expect(one).not.toBe(two);
    expect(await verifyPassword(one, plain)).toBe(true);
    expect(await verifyPassword(two, plain)).toBe(true);
  });

  it("rejects a wrong password, including one differing only in case or whitespace", async () => {
    const stored = await hashPassword(plain);
    expect(await verifyPassword(stored, "correct horse battery stapler")).toBe(false);
    expect(await verifyPassword(stored, plain.toUpperCase())).toBe(false);
    expect(await verifyPassword(stored, `${plain} `)).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("returns false (never throws) for accounts without a password", async () => {
    expect(await verifyPassword(null, plain)).toBe(false);
    expect(await verifyPassword(undefined, plain)).toBe(false);
    expect(await verifyPassword("", plain)).toBe(false);
  });

  it("returns false (never throws) for a garbage or truncated stored hash", async () => {
    const stored = await hashPassword(plain);
    for (const garbage of [
      "not-a-hash",
      "$argon2id$",
      "$2b$10$abcdefghijklmnopqrstuv",
      stored.slice(0, 30),
    ]) {
      await expect(verifyPassword(garbage, plain)).resolves.toBe(false);
    }
  });
});
