import { describe, expect, it } from "vitest";
import { brandIconSvg, iconInitial, iconInk } from "../src/lib/brand-icon";
import { formatDateTime } from "../src/lib/format";
import { expectedTimeText, formatSlot, formatSlotDay } from "../src/lib/slots";

/** Times read on the store's clock whatever the server's or browser's zone; icons from the store's branding. */
describe("times on the store's clock", () => {
  it("shows the same instant as each store's local time, across daylight saving", () => {
    const at = new Date("2026-03-08T10:30:00Z"); // 03:30 PDT in Los Angeles (just after spring forward)
    expect(formatDateTime(at, "America/Los_Angeles")).toBe("Mar 8, 2026, 3:30 AM");
    expect(formatDateTime(at, "America/Denver")).toBe("Mar 8, 2026, 4:30 AM");
    expect(formatDateTime(new Date("2026-03-08T09:30:00Z"), "America/Los_Angeles")).toBe(
      "Mar 8, 2026, 1:30 AM",
    );
  });

  it("labels pickup times, delivery windows and days", () => {
    const slot = { startsAt: "2026-06-13T21:30:00Z", endsAt: "2026-06-13T23:30:00Z" };
    expect(formatSlot(slot, "pickup", "America/Los_Angeles")).toBe("2:30 PM");
    expect(formatSlot(slot, "delivery", "America/Los_Angeles")).toBe("2:30 PM – 4:30 PM");
    expect(formatSlotDay("2026-06-13", "2026-06-13")).toBe("Today, Sat, Jun 13");
    expect(formatSlotDay("2026-07-01", "2026-06-30")).toBe("Tomorrow, Wed, Jul 1");
    expect(formatSlotDay("2026-06-15", "2026-06-13")).toBe("Mon, Jun 15");
  });

  it("says when an order is expected, or nothing for orders from before times were chosen", () => {
    const order = { fulfillment: "pickup", slotStartsAt: "2026-06-13T21:30:00Z", slotEndsAt: null };
    expect(expectedTimeText(order, "America/Denver")).toBe("Expected ready for pickup: Sat, Jun 13, 3:30 PM");
    expect(expectedTimeText({ ...order, slotStartsAt: null }, "America/Denver")).toBeNull();
    expect(
      expectedTimeText(
        { fulfillment: "delivery", slotStartsAt: "2026-06-13T21:00:00Z", slotEndsAt: "2026-06-13T23:00:00Z" },
        "America/Los_Angeles",
      ),
    ).toBe("Delivery window: Sat, Jun 13, 2:00 PM – 4:00 PM");
  });
});

describe("storefront icon", () => {
  it("draws the store's initial on its brand colour with legible ink", () => {
    const svg = brandIconSvg("Greenleaf Dispensary", "#1f7a4d");
    expect(svg).toContain('fill="#1f7a4d"');
    expect(svg).toContain(">G</text>");
    expect(iconInk("#1f7a4d")).toBe("#ffffff");
    expect(iconInk("#f2e205")).toBe("#111111");
  });

  it("escapes the name and falls back on a safe colour when the branding is not a hex colour", () => {
    const svg = brandIconSvg('<Mile "High">', "red;background:url(x)");
    expect(svg).toContain('fill="#1f7a4d"');
    expect(svg).toContain("&#60;Mile &#34;High&#34;&#62;");
    expect(iconInitial("420 Club")).toBe("4");
    expect(iconInitial("élan")).toBe("É");
  });
});
