import { describe, expect, it } from "vitest";
import {
  mobilePhoneSchema,
  normalizePhone,
  smsLength,
  smsMarketingText,
  smsTooLong,
  SMS_OPT_OUT_LINE,
} from "../src";

describe("normalizePhone", () => {
  it.each([
    ["(415) 555-0100", "+14155550100"],
    ["415.555.0100", "+14155550100"],
    ["1 415 555 0100", "+14155550100"],
    ["+1 415-555-0100", "+14155550100"],
    ["+44 20 7946 0958", "+442079460958"],
  ])("%s -> %s", (raw, e164) => expect(normalizePhone(raw)).toBe(e164));

  it.each([
    "",
    "555-0100",
    "call me",
    "+0 123 456 789",
    "(015) 555-0100",
    "415 055 0100",
    "+1 415 555 010",
    "4155550100x12",
  ])("refuses %j", (raw) => expect(normalizePhone(raw)).toBeNull());

  it("the profile schema stores E.164, clears on empty and explains a bad number", () => {
    expect(mobilePhoneSchema.parse(" (415) 555-0100 ")).toBe("+14155550100");
    expect(mobilePhoneSchema.parse("")).toBeNull();
    expect(mobilePhoneSchema.safeParse("12345").error?.issues[0]?.message).toMatch(/mobile number/);
  });
});

describe("smsLength", () => {
  it("counts GSM-7 text in 160, then 153-unit parts", () => {
    expect(smsLength("a".repeat(160))).toMatchObject({ encoding: "GSM-7", segments: 1 });
    expect(smsLength("a".repeat(161))).toMatchObject({ encoding: "GSM-7", segments: 2 });
    expect(smsLength("a".repeat(306)).segments).toBe(2);
    expect(smsLength("a".repeat(307)).segments).toBe(3);
  });

  it("counts extension characters twice", () => {
    expect(smsLength("€".repeat(80))).toMatchObject({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(smsLength("€".repeat(81)).segments).toBe(2);
  });

  it("switches to UCS-2 for other characters: 70, then 67 per part, emoji as two units", () => {
    expect(smsLength("ł".repeat(70))).toMatchObject({ encoding: "UCS-2", segments: 1 });
    expect(smsLength("ł".repeat(71)).segments).toBe(2);
    expect(smsLength("🌿".repeat(35))).toMatchObject({ units: 70, segments: 1 });
  });
});

describe("smsTooLong", () => {
  it("accepts a short message with the store name and opt-out line", () => {
    const text = smsMarketingText("Greenleaf", "20% off today");
    expect(text).toBe(`Greenleaf: 20% off today\n${SMS_OPT_OUT_LINE}`);
    expect(smsTooLong(text)).toBeNull();
  });

  it("refuses more than 1600 characters and more than 10 parts, saying which", () => {
    expect(smsTooLong("a".repeat(1601))).toMatch(/1601 characters.*limit is 1600/);
    expect(smsTooLong("🌿".repeat(400))).toMatch(/parts \(UCS-2\); the limit is 10/);
  });
});
