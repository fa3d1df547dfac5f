import { describe, expect, it } from "vitest";
import {
  receiptsOf,
  receiveDefaults,
  receiveFormSchema,
} from "../src/app/(dashboard)/dashboard/(app)/purchasing/orders/[id]/receive-form-values";

const A = "3f0c9a52-5b8e-4d7a-9a61-0b5f8f2c1a01";
const B = "3f0c9a52-5b8e-4d7a-9a61-0b5f8f2c1a02";
const lines = [
  { id: A, label: "Blue Dream 3.5 g", outstanding: 7 },
  { id: B, label: "Gummies", outstanding: 4 },
];
const errorsOf = (v: unknown, forLines = lines) => {
  const result = receiveFormSchema(forLines).safeParse(v);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("receive form values", () => {
  it("sends only the lines with units entered", () => {
    const values = receiveDefaults(lines);
    values.lines[A] = { quantity: "5", packageLabel: " 1A4FF0100000022000000001 ", expiresOn: "2030-06-30" };
    values.lines[B] = { quantity: "0", packageLabel: "", expiresOn: "" };
    expect(errorsOf(values)).toEqual({});
    expect(receiptsOf(lines, values).map((r) => r.receipt)).toEqual([
      { lineId: A, quantity: 5, packageLabel: " 1A4FF0100000022000000001 ", expiresOn: "2030-06-30" },
    ]);
  });

  it("refuses more than is still to come, a missing label and nothing at all, each where it belongs", () => {
    const values = receiveDefaults(lines);
    values.lines[A] = { quantity: "8", packageLabel: "PKG-1", expiresOn: "" };
    values.lines[B] = { quantity: "2.5", packageLabel: " ", expiresOn: "30/06/2030" };
    expect(errorsOf(values)).toEqual({
      [`lines.${A}.quantity`]: "Only 7 of Blue Dream 3.5 g are still to receive.",
      [`lines.${B}.quantity`]: "Enter whole units.",
      [`lines.${B}.packageLabel`]: "Enter the package label.",
      [`lines.${B}.expiresOn`]: "Enter the expiry date as YYYY-MM-DD.",
    });
    const none = receiveDefaults(lines);
    for (const id of [A, B]) none.lines[id] = { quantity: "", packageLabel: "", expiresOn: "" };
    expect(errorsOf(none)).toEqual({ root: "Enter the units received on at least one line." });
  });

  it("checks against the lines still to come, ignoring entries for lines no longer listed", () => {
    const values = receiveDefaults(lines);
    values.lines[B] = { quantity: "4", packageLabel: "PKG-2", expiresOn: "" };
    expect(errorsOf(values, [lines[1]!])).toEqual({});
  });
});
