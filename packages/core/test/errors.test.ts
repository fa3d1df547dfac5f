import { describe, expect, it } from "vitest";
import { DomainError, isDomainError } from "../src";

describe("isDomainError", () => {
  it("recognises a DomainError from another copy of the module by its name and code", () => {
    // What a second bundle's class produces: same name and shape, a different constructor.
    class DomainErrorCopy extends Error {
      override name = "DomainError";
      constructor(readonly code: string) {
        super("copy");
      }
    }
    expect(isDomainError(new DomainError("CONFLICT", "x"))).toBe(true);
    expect(isDomainError(new DomainErrorCopy("NOT_FOUND"))).toBe(true);
    expect(isDomainError(new DomainErrorCopy("TEAPOT"))).toBe(false);
    expect(isDomainError(new Error("DomainError"))).toBe(false);
    expect(isDomainError({ name: "DomainError", code: "CONFLICT" })).toBe(false);
  });
});
