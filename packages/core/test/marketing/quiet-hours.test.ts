import { describe, expect, it } from "vitest";
import { nextSmsSendTime, recipientTimeZone, smsAllowedAt } from "../../src/marketing/quiet-hours";

const at = (iso: string) => new Date(iso);

describe("SMS quiet hours (08:00 to 21:00 on the shopper's clock)", () => {
  it.each([
    // [instant, zone, allowed]
    ["2026-06-10T14:59:00Z", "America/Los_Angeles", false], // 07:59 PDT
    ["2026-06-10T15:00:00Z", "America/Los_Angeles", true], // 08:00 PDT
    ["2026-06-11T03:59:00Z", "America/Los_Angeles", true], // 20:59 PDT
    ["2026-06-11T04:00:00Z", "America/Los_Angeles", false], // 21:00 PDT
    ["2026-06-10T12:30:00Z", "America/New_York", true], // 08:30 EDT
    ["2026-06-10T12:30:00Z", "America/Denver", false], // 06:30 MDT
    ["2026-06-10T18:00:00Z", "Pacific/Honolulu", true], // 08:00 HST (no DST)
  ])("%s in %s: allowed %s", (instant, zone, allowed) => {
    expect(smsAllowedAt(at(instant), zone)).toBe(allowed);
  });

  it("inside the hours, now is the time", () => {
    const now = at("2026-06-10T18:00:00Z");
    expect(nextSmsSendTime(now, "America/Los_Angeles")).toEqual(now);
  });

  it("before 08:00 waits for 08:00 the same day; from 21:00 for 08:00 the next day", () => {
    expect(nextSmsSendTime(at("2026-06-10T12:00:00Z"), "America/Los_Angeles").toISOString()).toBe(
      "2026-06-10T15:00:00.000Z",
    );
    expect(nextSmsSendTime(at("2026-06-11T05:30:00Z"), "America/Los_Angeles").toISOString()).toBe(
      "2026-06-11T15:00:00.000Z",
    );
    expect(nextSmsSendTime(at("2026-06-11T04:00:00Z"), "America/New_York").toISOString()).toBe(
      "2026-06-11T12:00:00.000Z",
    );
  });

  it("across spring forward (2026-03-08 in the US) 08:00 is PDT, an hour earlier in UTC than the night before", () => {
    // 22:00 PST on Saturday 7 March = 06:00Z on the 8th; clocks jump 02:00 -> 03:00 that night.
    const deferred = nextSmsSendTime(at("2026-03-08T06:00:00Z"), "America/Los_Angeles");
    expect(deferred.toISOString()).toBe("2026-03-08T15:00:00.000Z"); // 08:00 PDT (UTC-7), not 16:00Z
    expect(smsAllowedAt(deferred, "America/Los_Angeles")).toBe(true);
    expect(smsAllowedAt(new Date(deferred.getTime() - 60_000), "America/Los_Angeles")).toBe(false);
  });

  it("across fall back (2026-11-01 in the US) 08:00 is PST", () => {
    // 21:30 PDT on Saturday 31 October = 04:30Z on 1 November; clocks fall back 02:00 -> 01:00 that night.
    const deferred = nextSmsSendTime(at("2026-11-01T04:30:00Z"), "America/Los_Angeles");
    expect(deferred.toISOString()).toBe("2026-11-01T16:00:00.000Z"); // 08:00 PST (UTC-8)
  });

  it("the same instant is quiet for one shopper and allowed for another", () => {
    const instant = at("2026-06-10T12:30:00Z"); // 08:30 in New York, 05:30 in Los Angeles
    expect(smsAllowedAt(instant, recipientTimeZone("America/New_York", "America/Los_Angeles"))).toBe(true);
    expect(smsAllowedAt(instant, recipientTimeZone(null, "America/Los_Angeles"))).toBe(false);
  });

  it("falls back to the store's zone when the shopper's is not a real zone", () => {
    expect(recipientTimeZone("Mars/Olympus", "America/Denver")).toBe("America/Denver");
    expect(recipientTimeZone("Europe/Berlin", "America/Denver")).toBe("Europe/Berlin");
  });
});
