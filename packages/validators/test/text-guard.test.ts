import { describe, expect, it } from "vitest";
import { findUnsafeText } from "../src";

describe("findUnsafeText", () => {
  it("accepts ordinary text, emoji (surrogate pairs) and non-strings", () => {
    expect(findUnsafeText({ name: "Blue Dream 🌿", tags: ["indica"], n: 3, at: new Date() })).toBeNull();
  });
  it("finds a NUL byte in a nested value and names where", () => {
    expect(findUnsafeText({ items: [{ note: "a\u0000b" }] })).toEqual({
      path: "input.items[0].note",
      message: "input.items[0].note contains a NUL character, which is not allowed in text.",
    });
  });
  it("finds a lone surrogate in an unknown key (the audit-skipping repro)", () => {
    expect(findUnsafeText({ name: "ok", ["x\ud800"]: 1 })?.message).toMatch(
      /field name .* lone UTF-16 surrogate/,
    );
    expect(findUnsafeText("\udc00")).not.toBeNull();
  });
  it("looks inside form data", () => {
    const form = new FormData();
    form.set("q", "x\u0000");
    expect(findUnsafeText(form)?.path).toBe("input.q");
  });
});
