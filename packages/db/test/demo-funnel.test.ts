import { describe, expect, it } from "vitest";
import { demoFunnelRows } from "../src/seed/funnel";

const placed = new Map([
  ["2026-04-19", 40],
  ["2026-04-20", 95],
  ["2026-04-21", 0],
]);

describe("the demo funnel", () => {
  it("narrows at every step down to the orders placed that day, and skips days without orders", () => {
    const rows = demoFunnelRows("org", "greenleaf", placed);
    expect(new Set(rows.map((r) => r.day))).toEqual(new Set(["2026-04-19", "2026-04-20"]));
    for (const day of ["2026-04-19", "2026-04-20"]) {
      const mine = rows.filter((r) => r.day === day);
      expect(mine.map((r) => r.type)).toEqual([
        "page_view",
        "product_view",
        "add_to_cart",
        "checkout_started",
        "order_placed",
      ]);
      const sessions = mine.map((r) => r.sessions);
      for (let i = 1; i < sessions.length; i++) expect(sessions[i]!).toBeLessThan(sessions[i - 1]!);
      expect(mine.at(-1)).toMatchObject({ sessions: placed.get(day), events: placed.get(day) });
      for (const r of mine) expect(r.events).toBeGreaterThanOrEqual(r.sessions);
      // About 8 in 10 checkouts and about 1 in 10 visits end in an order.
      expect(placed.get(day)! / sessions[3]!).toBeGreaterThan(0.7);
      expect(placed.get(day)! / sessions[0]!).toBeGreaterThan(0.05);
      expect(placed.get(day)! / sessions[0]!).toBeLessThan(0.2);
    }
  });

  it("is the same on every run", () => {
    expect(demoFunnelRows("org", "greenleaf", placed)).toEqual(demoFunnelRows("org", "greenleaf", placed));
    expect(demoFunnelRows("org", "other", placed)).not.toEqual(demoFunnelRows("org", "greenleaf", placed));
  });
});
