import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { abAssignment, abBucket, chooseAbWinner, explainAbDecision } from "../../src/marketing/ab-test";

const campaign = "0b6c3c52-7f43-4a43-9a4e-0c4a3b1c2d3e";
const customers = Array.from({ length: 20_000 }, () => randomUUID());
const tally = (sent: number, opened: number, clicked: number, orders: number) => ({
  sent,
  opened,
  clicked,
  orders,
});

describe("A/B assignment", () => {
  it("gives a customer the same variant every time, and differs between campaigns", () => {
    for (const id of customers.slice(0, 200)) {
      expect(abAssignment(campaign, id, 20)).toBe(abAssignment(campaign, id, 20));
      expect(abBucket(campaign, id)).toBe(abBucket(campaign, id));
    }
    const other = randomUUID();
    const moved = customers
      .slice(0, 1000)
      .filter((id) => abAssignment(campaign, id, 100) !== abAssignment(other, id, 100));
    expect(moved.length).toBeGreaterThan(300); // independent hashes disagree about half the time
  });

  it("splits a 50/50 test close to half and half over many customers", () => {
    const a = customers.filter((id) => abAssignment(campaign, id, 100) === "a").length;
    const b = customers.filter((id) => abAssignment(campaign, id, 100) === "b").length;
    expect(a + b).toBe(customers.length); // nobody is left for later
    expect(Math.abs(a / customers.length - 0.5)).toBeLessThan(0.02);
  });

  it("puts about the test share in the test, split evenly, and the rest aside", () => {
    const assigned = customers.map((id) => abAssignment(campaign, id, 20));
    const a = assigned.filter((v) => v === "a").length / customers.length;
    const b = assigned.filter((v) => v === "b").length / customers.length;
    const rest = assigned.filter((v) => v === null).length / customers.length;
    expect(Math.abs(a - 0.1)).toBeLessThan(0.015);
    expect(Math.abs(b - 0.1)).toBeLessThan(0.015);
    expect(Math.abs(rest - 0.8)).toBeLessThan(0.02);
  });
});

describe("choosing the winner", () => {
  it("picks by open rate, not by raw counts", () => {
    // B has fewer opens but a higher rate: 30/100 against 40/200.
    const decision = { a: tally(200, 40, 5, 0), b: tally(100, 30, 1, 0) };
    expect(chooseAbWinner(decision, "open_rate")).toEqual({ winner: "b", tie: false });
    expect(chooseAbWinner(decision, "click_rate")).toEqual({ winner: "a", tie: false });
  });

  it("picks by click rate", () => {
    const decision = { a: tally(100, 50, 4, 9), b: tally(100, 10, 6, 0) };
    expect(chooseAbWinner(decision, "click_rate").winner).toBe("b");
    expect(chooseAbWinner(decision, "open_rate").winner).toBe("a");
  });

  it("picks by attributed orders per message", () => {
    const decision = { a: tally(300, 90, 30, 6), b: tally(100, 10, 5, 3) };
    expect(chooseAbWinner(decision, "orders_per_message")).toEqual({ winner: "b", tie: false });
  });

  it("gives a tie to A, including equal rates from different counts and a test with nothing sent", () => {
    expect(chooseAbWinner({ a: tally(100, 10, 0, 0), b: tally(200, 20, 0, 0) }, "open_rate")).toEqual({
      winner: "a",
      tie: true,
    });
    expect(chooseAbWinner({ a: tally(0, 0, 0, 0), b: tally(0, 0, 0, 0) }, "click_rate")).toEqual({
      winner: "a",
      tie: true,
    });
    // B with responses beats A with nothing sent.
    expect(chooseAbWinner({ a: tally(0, 0, 0, 0), b: tally(10, 1, 0, 0) }, "open_rate").winner).toBe("b");
  });

  it("explains the decision in words", () => {
    expect(explainAbDecision({ a: tally(200, 40, 16, 0), b: tally(200, 50, 24, 0) }, "click_rate", 20)).toBe(
      "B won on click rate: 12.0% (24 of 200 sent) against A's 8.0% (16 of 200 sent). The rest of the segment got B.",
    );
    expect(
      explainAbDecision({ a: tally(10, 0, 0, 1), b: tally(20, 0, 0, 2) }, "orders_per_message", 100),
    ).toBe(
      "A and B tied on attributed orders per message: A 0.10 (1 order from 10 sent), B 0.10 (2 orders from 20 sent). A tie goes to A, the original.",
    );
  });
});
