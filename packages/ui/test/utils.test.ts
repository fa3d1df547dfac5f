import { describe, expect, it } from "vitest";
import { cn } from "../src/utils";

describe("cn", () => {
  it("lets a later padding replace the default one", () => {
    expect(cn("rounded-xl border p-4 shadow-sm", "p-5")).toBe("rounded-xl border shadow-sm p-5");
  });

  it("keeps classes of different kinds that share a prefix", () => {
    expect(cn("text-sm", "text-brand")).toBe("text-sm text-brand");
    expect(cn("outline-brand", "outline-2")).toBe("outline-brand outline-2");
  });

  it("replaces a colour by a later colour, including the theme's brand colour", () => {
    expect(cn("bg-white", "bg-brand")).toBe("bg-brand");
  });

  it("drops falsy values and flattens conditionals", () => {
    expect(cn("px-3", false, null, undefined, { "font-bold": true, italic: false }, ["py-1"])).toBe(
      "px-3 font-bold py-1",
    );
  });
});
