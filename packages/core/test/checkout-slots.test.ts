import { describe, expect, it } from "vitest";
import type { OpeningHours } from "@cannasaas/db/schema";
import { availableSlots, chooseSlot, isDomainError, type SlotLocation } from "../src";

/**
 * Pickup times and delivery windows from a location's hours and lead time, on its wall clock. Daylight saving in
 * 2026 (US rule, 02:00 local): America/Los_Angeles PST -8 -> PDT -7 on 2026-03-08 at 10:00Z and PDT -7 -> PST -8
 * on 2026-11-01 at 09:00Z. Expected instants are written from that rule, not computed by the code under test.
 */
const LA = "America/Los_Angeles";
const day = (open: string, close: string) => ({ open, close });
const week = (d: { open: string; close: string } | null, sunday = d): OpeningHours => ({
  mon: d,
  tue: d,
  wed: d,
  thu: d,
  fri: d,
  sat: d,
  sun: sunday,
});
const store = (
  hours: OpeningHours,
  lead = { pickup: 15, delivery: 60 },
): SlotLocation & { name: string } => ({
  name: "Mission",
  hours,
  timeZone: LA,
  pickupLeadMinutes: lead.pickup,
  deliveryLeadMinutes: lead.delivery,
});
const iso = (slots: Array<{ startsAt: Date; endsAt: Date }>) =>
  slots.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString()]);
const wall = (d: Date) =>
  new Intl.DateTimeFormat("en-US", {
    timeZone: LA,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(d);

describe("pickup slots", () => {
  it("offers half hours inside the day's hours, the first one after the lead time, the last ending at closing", () => {
    // Tuesday 2026-06-16 10:05 PDT (17:05Z); open 09:00-21:00; lead 15 min -> first slot 10:30.
    const slots = availableSlots(
      store(week(day("09:00", "21:00"))),
      "pickup",
      new Date("2026-06-16T17:05:00Z"),
    );
    const today = slots.filter((s) => s.day === "2026-06-16");
    expect(today[0]!.startsAt.toISOString()).toBe("2026-06-16T17:30:00.000Z");
    expect(today.at(-1)!.startsAt.toISOString()).toBe("2026-06-17T03:30:00.000Z"); // 20:30
    expect(today.at(-1)!.endsAt.toISOString()).toBe("2026-06-17T04:00:00.000Z"); // 21:00 closing
    expect(today).toHaveLength(21); // 10:30 ... 20:30
    // The next day starts at opening, and the list covers 7 store days.
    const tomorrow = slots.filter((s) => s.day === "2026-06-17");
    expect(tomorrow[0]!.startsAt.toISOString()).toBe("2026-06-17T16:00:00.000Z");
    expect(tomorrow).toHaveLength(24);
    expect(new Set(slots.map((s) => s.day)).size).toBe(7);
  });

  it("skips closed days and follows hours that run past midnight", () => {
    // Sunday closed; Saturday 20:00-02:00. Saturday 2026-06-20 23:50 PDT (06:50Z Sunday).
    const hours = { ...week(null), sat: day("20:00", "02:00") };
    const slots = availableSlots(store(hours), "pickup", new Date("2026-06-21T06:50:00Z"));
    // 00:30, 01:00 and 01:30 on Sunday morning are still Saturday's session; the next Saturday is past the
    // seven store days that start today (Saturday the 20th on the store's clock).
    expect(slots.slice(0, 3).map((s) => wall(s.startsAt))).toEqual(["00:30", "01:00", "01:30"]);
    expect(slots[2]!.endsAt.toISOString()).toBe("2026-06-21T09:00:00.000Z"); // 02:00 closing
    expect(slots).toHaveLength(3);
  });

  it("across the spring-forward night: 23 hours, no 02:00 or 02:30, every slot on the half-hour grid", () => {
    const slots = availableSlots(
      store(week(day("00:00", "00:00"))),
      "pickup",
      new Date("2026-03-08T07:00:00Z"),
    );
    const sunday = slots.filter((s) => s.day === "2026-03-08");
    expect(sunday).toHaveLength(46); // 23 hours of half hours
    const walls = sunday.map((s) => wall(s.startsAt));
    expect(walls).not.toContain("02:00");
    expect(walls).not.toContain("02:30");
    expect(walls.slice(0, 5)).toEqual(["00:00", "00:30", "01:00", "01:30", "03:00"]);
    expect(sunday[3]!.startsAt.toISOString()).toBe("2026-03-08T09:30:00.000Z"); // 01:30 PST
    expect(sunday[4]!.startsAt.toISOString()).toBe("2026-03-08T10:00:00.000Z"); // 03:00 PDT
    for (const [i, s] of slots.entries()) {
      expect(wall(s.startsAt)).toMatch(/:(00|30)$/);
      if (i > 0) expect(s.startsAt.getTime()).toBeGreaterThan(slots[i - 1]!.startsAt.getTime());
    }
  });

  it("across the fall-back night: 01:00 and 01:30 are offered once, and slots leave no gap", () => {
    const slots = availableSlots(
      store(week(day("00:00", "00:00"))),
      "pickup",
      new Date("2026-11-01T06:00:00Z"),
    );
    const sunday = slots.filter((s) => s.day === "2026-11-01");
    const walls = sunday.map((s) => wall(s.startsAt));
    expect(walls.filter((w) => w === "01:00")).toHaveLength(1);
    expect(walls.filter((w) => w === "01:30")).toHaveLength(1);
    expect(sunday).toHaveLength(48);
    for (let i = 1; i < sunday.length; i++) {
      expect(sunday[i]!.startsAt.getTime()).toBe(sunday[i - 1]!.endsAt.getTime());
    }
    // 01:30 PDT (08:30Z) runs to 02:00 PST (10:00Z): the repeated hour belongs to it.
    expect(iso(sunday.slice(3, 4))).toEqual([["2026-11-01T08:30:00.000Z", "2026-11-01T10:00:00.000Z"]]);
  });

  it("a store open 09:00-21:00 opens at 16:00Z after spring forward and 17:00Z the day before", () => {
    const slots = availableSlots(
      store(week(day("09:00", "21:00"))),
      "pickup",
      new Date("2026-03-07T08:00:00Z"),
    );
    const first = (d: string) => slots.find((s) => s.day === d)!.startsAt.toISOString();
    expect(first("2026-03-07")).toBe("2026-03-07T17:00:00.000Z");
    expect(first("2026-03-08")).toBe("2026-03-08T16:00:00.000Z");
    expect(slots.filter((s) => s.day === "2026-03-08")).toHaveLength(24);
  });
});

describe("delivery windows", () => {
  it("are two hours on the hour after the delivery lead time, cut at closing", () => {
    // 2026-06-16 10:05 PDT, lead 60 -> 11:05, first window 12:00-14:00; the last 20:00-21:00.
    const slots = availableSlots(
      store(week(day("09:00", "21:00"))),
      "delivery",
      new Date("2026-06-16T17:05:00Z"),
    );
    const today = slots.filter((s) => s.day === "2026-06-16");
    expect(iso(today.slice(0, 1))).toEqual([["2026-06-16T19:00:00.000Z", "2026-06-16T21:00:00.000Z"]]);
    expect(iso(today.slice(-1))).toEqual([["2026-06-17T03:00:00.000Z", "2026-06-17T04:00:00.000Z"]]);
  });
});

describe("choosing the order's slot", () => {
  const open9to9 = store(week(day("09:00", "21:00")));
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (isDomainError(error)) return error;
      throw error;
    }
    throw new Error("expected a refusal");
  };

  it("takes the earliest slot while the store is open and no time is chosen", () => {
    const slot = chooseSlot(open9to9, "pickup", new Date("2026-06-16T17:05:00Z"), null);
    expect(slot.startsAt.toISOString()).toBe("2026-06-16T17:30:00.000Z");
  });

  it("refuses an order without a time while the store is closed, naming the earliest time", () => {
    // 06:00 PDT: closed until 09:00.
    const error = refusal(() => chooseSlot(open9to9, "pickup", new Date("2026-06-16T13:00:00Z"), undefined));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      "Mission is closed now. Choose a pickup time: the earliest is Tue Jun 16, 9:00 AM.",
    );
  });

  it("refuses an order without a time when the store cannot have it ready before closing", () => {
    // 20:50 PDT: open, but the lead time runs past 21:00.
    const error = refusal(() => chooseSlot(open9to9, "pickup", new Date("2026-06-17T03:50:00Z"), undefined));
    expect(error.message).toMatch(/closing too soon.*earliest is Wed Jun 17, 9:00 AM/);
  });

  it("takes the slot just past midnight for a store open around the clock, late in the evening", () => {
    // 23:50 PDT on Tuesday, open all day every day: the lead time runs into Wednesday, the store stays open.
    const allDay = store(week(day("00:00", "00:00")));
    const pickup = chooseSlot(allDay, "pickup", new Date("2026-06-17T06:50:00Z"), null);
    expect(pickup.startsAt.toISOString()).toBe("2026-06-17T07:30:00.000Z"); // 00:30 Wednesday
    expect(pickup.day).toBe("2026-06-17");
    const delivery = chooseSlot(allDay, "delivery", new Date("2026-06-17T06:50:00Z"), null);
    expect(delivery.startsAt.toISOString()).toBe("2026-06-17T08:00:00.000Z"); // 01:00 Wednesday
  });

  it("still refuses as soon as possible when the store closes before its next slot, even for an hour", () => {
    // Open 00:00-23:00: at 22:50 PDT the lead time runs past closing, and the next slot is 00:00, 70 min away.
    const lateClose = store(week(day("00:00", "23:00")));
    const error = refusal(() => chooseSlot(lateClose, "pickup", new Date("2026-06-17T05:50:00Z"), null));
    expect(error.message).toMatch(/closing too soon.*earliest is Wed Jun 17, 12:00 AM/);
  });

  it("accepts a chosen slot that is still offered, and refuses one that is not", () => {
    const now = new Date("2026-06-16T13:00:00Z");
    const slot = chooseSlot(open9to9, "pickup", now, new Date("2026-06-17T01:00:00Z"));
    expect(slot.endsAt.toISOString()).toBe("2026-06-17T01:30:00.000Z");
    const error = refusal(() => chooseSlot(open9to9, "pickup", now, new Date("2026-06-17T01:10:00Z")));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/no longer available/);
  });

  it("says so when a location has no hours at all", () => {
    const error = refusal(() =>
      chooseSlot(store(week(null)), "delivery", new Date("2026-06-16T17:00:00Z"), null),
    );
    expect(error.message).toBe(
      "Mission has no delivery windows in the next 7 days. Choose another location.",
    );
  });
});

describe("closed days (holidays)", () => {
  const thanksgiving = { date: "2026-11-26", name: "Thanksgiving" };

  it("offers no slot on a closed day, and the day after it as usual", () => {
    // Wednesday 2026-11-25 20:00 PST (04:00Z on the 26th); open 09:00-21:00.
    const slots = availableSlots(
      { ...store(week(day("09:00", "21:00"))), closedDays: [thanksgiving] },
      "pickup",
      new Date("2026-11-26T04:00:00Z"),
    );
    expect(slots.filter((s) => s.day === "2026-11-26")).toEqual([]);
    // The first slot of Friday the 27th is 09:00 PST = 17:00Z.
    expect(slots.find((s) => s.day !== "2026-11-25")!.startsAt.toISOString()).toBe(
      "2026-11-27T17:00:00.000Z",
    );
  });

  it("takes away the hours a closed day would run past midnight", () => {
    // Open 20:00-02:00 every day; Thanksgiving closed: nothing from 20:00 on the 26th to 02:00 on the 27th.
    const slots = availableSlots(
      { ...store(week(day("20:00", "02:00")), { pickup: 0, delivery: 0 }), closedDays: [thanksgiving] },
      "pickup",
      new Date("2026-11-26T12:00:00Z"), // 04:00 PST on the 26th
    );
    const starts = slots.map((s) => s.startsAt.toISOString());
    expect(starts).not.toContain("2026-11-27T04:00:00.000Z"); // 20:00 on the 26th
    expect(starts).not.toContain("2026-11-27T09:30:00.000Z"); // 01:30 on the 27th
    expect(starts[0]).toBe("2026-11-28T04:00:00.000Z"); // 20:00 on the 27th
  });

  it("refuses an as-soon-as-possible order on a closed day with the reason and the earliest time", () => {
    const location = { ...store(week(day("09:00", "21:00"))), closedDays: [thanksgiving] };
    const now = new Date("2026-11-26T19:00:00Z"); // 11:00 PST, inside the usual hours
    let error: unknown;
    try {
      chooseSlot(location, "pickup", now, null);
    } catch (e) {
      error = e;
    }
    expect(isDomainError(error)).toBe(true);
    expect((error as Error).message).toBe(
      "Mission is closed today (Thanksgiving). Choose a pickup time: the earliest is Fri Nov 27, 9:00 AM.",
    );
  });
});

describe("the week's slots, asked for again", () => {
  // Tuesday 2026-06-16: the week is worked out once that store day and reused; each answer must still follow
  // the hours, closed days, lead time and clock it was asked with.
  const tuesday = new Date("2026-06-16T17:05:00Z"); // 10:05 PDT

  it("moves the first slot on as the day goes on, and a returned time changed by a caller changes nothing", () => {
    const location = store(week(day("09:00", "21:00")));
    const morning = availableSlots(location, "pickup", tuesday);
    morning[0]!.startsAt.setTime(0);
    const later = availableSlots(location, "pickup", new Date("2026-06-16T22:50:00Z")); // 15:50 PDT
    expect(later[0]!.startsAt.toISOString()).toBe("2026-06-16T23:30:00.000Z"); // 16:30
    const again = availableSlots(location, "pickup", tuesday);
    expect(again[0]!.startsAt.toISOString()).toBe("2026-06-16T17:30:00.000Z"); // 10:30
    expect(again).toHaveLength(morning.length);
  });

  it("follows new hours, a new closed day and another lead time on the same day at once", () => {
    const before = availableSlots(store(week(day("09:00", "21:00"))), "pickup", tuesday);
    const shorter = availableSlots(store(week(day("09:00", "18:00"))), "pickup", tuesday);
    expect(shorter.filter((s) => s.day === "2026-06-17")).toHaveLength(18);
    expect(before.filter((s) => s.day === "2026-06-17")).toHaveLength(24);
    const closed = availableSlots(
      { ...store(week(day("09:00", "21:00"))), closedDays: [{ date: "2026-06-17", name: "Inventory day" }] },
      "pickup",
      tuesday,
    );
    expect(closed.some((s) => s.day === "2026-06-17")).toBe(false);
    const slowKitchen = availableSlots(
      store(week(day("09:00", "21:00")), { pickup: 120, delivery: 60 }),
      "pickup",
      tuesday,
    );
    expect(slowKitchen[0]!.startsAt.toISOString()).toBe("2026-06-16T19:30:00.000Z"); // 12:30 after 12:05
  });
});
