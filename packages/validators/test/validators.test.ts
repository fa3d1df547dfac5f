import { describe, expect, it } from "vitest";
import { dateOfBirthSchema, emailSchema, fieldErrors, firstIssue, shopperSignUpSchema } from "../src";

describe("emailSchema", () => {
  it("trims and lower-cases so one person has one account", () => {
    expect(emailSchema.parse("  Pat@Example.COM ")).toBe("pat@example.com");
  });
  it("explains what is wrong with a bad address", () => {
    const result = emailSchema.safeParse("not-an-email");
    expect(result.success).toBe(false);
    expect(firstIssue(result.error!)).toBe("Enter a valid email address, like name@example.com.");
  });
});

describe("dateOfBirthSchema", () => {
  it.each(["1990-05-01", "2000-02-29"])("accepts the real date %s", (d) => {
    expect(dateOfBirthSchema.parse(d)).toBe(d);
  });
  it.each([
    ["2001-02-29", "That date of birth is not a real date."],
    ["2001-13-01", "That date of birth is not a real date."],
    ["1850-01-01", "That date of birth is not a real date."],
    ["01/05/1990", "Enter your date of birth as YYYY-MM-DD."],
  ])("refuses %s with a clear message", (d, message) => {
    const result = dateOfBirthSchema.safeParse(d);
    expect(result.success).toBe(false);
    expect(firstIssue(result.error!)).toBe(message);
  });
});

describe("shopperSignUpSchema", () => {
  it("reports the first problem of each field", () => {
    const result = shopperSignUpSchema.safeParse({
      name: "",
      email: "x",
      password: "short",
      dateOfBirth: "abc",
    });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({
      name: "Enter your name.",
      email: "Enter a valid email address, like name@example.com.",
      password: "Use at least 10 characters for your password.",
      dateOfBirth: "Enter your date of birth as YYYY-MM-DD.",
    });
  });
  it("defaults marketing consent to off", () => {
    const parsed = shopperSignUpSchema.parse({
      name: "Pat",
      email: "pat@example.com",
      password: "long-enough-pass",
      dateOfBirth: "1990-01-01",
    });
    expect(parsed.marketingEmailConsent).toBe(false);
  });
});
