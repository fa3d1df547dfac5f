import { describe, expect, it } from "vitest";
import { csvField, csvLines, escapeCsvFormula, unescapeCsvFormula } from "../src/csv/escape";

describe("CSV formula escaping", () => {
  it("prefixes an apostrophe to text a spreadsheet would run as a formula", () => {
    for (const text of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
      expect(escapeCsvFormula(text)).toBe(`'${text}`);
    for (const text of ["Blue Dream", "1-2", "a=b", "", "'plain"]) expect(escapeCsvFormula(text)).toBe(text);
  });

  it("undoes exactly what it did, including text that already started with an apostrophe", () => {
    for (const text of ['=HYPERLINK("http://evil")', "-5", "'=x", "''@y", "'plain", "plain", ""]) {
      expect(unescapeCsvFormula(escapeCsvFormula(text))).toBe(text);
    }
    expect(escapeCsvFormula("'=x")).toBe("''=x");
    expect(unescapeCsvFormula("'plain")).toBe("'plain");
  });

  it("writes RFC 4180 fields: quoted when needed, formulas escaped, numbers and dates as such", () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField(-5)).toBe("-5");
    expect(csvField(null)).toBe("");
    expect(csvField(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvField({ a: 1 })).toBe(`"{""a"":1}"`);
    expect(
      csvLines([
        ["a", "b,c"],
        [1, "=x"],
      ]),
    ).toBe(`a,"b,c"\r\n1,'=x\r\n`);
  });
});
