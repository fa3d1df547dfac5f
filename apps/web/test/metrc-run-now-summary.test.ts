import { describe, expect, it } from "vitest";
import {
  describeReconcileRun,
  describeSyncRun,
} from "../src/app/(dashboard)/dashboard/(app)/compliance/metrc/run-now-summary";

const ORG = "0b6f0a5e-1d1b-4c53-9a38-0f0f1f3c2a10";
const sync = { facilities: [], sent: 2, failed: 1, dead: 0, notConfigured: [] as string[], aborted: false };
const facility = (
  location: string,
  status: "completed" | "failed" | "skipped" | "stopped",
  message: string | null = null,
) => ({
  organizationId: ORG,
  locationId: `${location}-id`,
  location,
  reconciliationId: null,
  status,
  discrepancies: status === "completed" ? 2 : 0,
  message,
});

describe("describeSyncRun", () => {
  it("reports a finished sync's counts", () => {
    expect(describeSyncRun(sync)).toBe("Sync finished: 2 sent, 1 will retry, 0 need attention.");
  });

  it("says a stopped sync hit its time limit, what it did and that the scheduled sync sends the rest", () => {
    const text = describeSyncRun({
      ...sync,
      aborted: true,
      notConfigured: ["METRC not configured for south."],
    });
    expect(text).toBe(
      "Sync stopped at its time limit. So far: 2 sent, 1 will retry, 0 need attention. " +
        "The reports not sent yet stay queued; the scheduled sync sends them (it runs every 15 minutes). " +
        "METRC not configured for south.",
    );
  });
});

/** A store in New York on a summer and a winter day: 09:30 UTC is 5:30 AM EDT, then 4:30 AM EST. */
const summer = { timeZone: "America/New_York", now: new Date("2026-07-01T15:00:00Z") };
const winter = { timeZone: "America/New_York", now: new Date("2026-12-07T15:00:00Z") };

describe("describeReconcileRun", () => {
  it("names each location's outcome", () => {
    expect(
      describeReconcileRun(
        [
          facility("North", "completed"),
          facility("South", "failed", "METRC failed on GET /packages/v2/active (500)."),
          facility("East", "skipped", "METRC not configured for East: no METRC user key has been set."),
        ],
        summer,
      ),
    ).toBe(
      "North: 2 difference(s) found. South: METRC failed on GET /packages/v2/active (500). " +
        "METRC not configured for East: no METRC user key has been set.",
    );
  });

  it("names the locations a stopped run did not compare, together", () => {
    expect(
      describeReconcileRun(
        [
          facility("North", "completed"),
          facility("South", "stopped", "Stopped at the time limit while METRC's packages were being read."),
          facility("East", "stopped", "Not reached before the time limit."),
          facility("West", "stopped", "Not reached before the time limit."),
        ],
        summer,
      ),
    ).toBe(
      "North: 2 difference(s) found. Stopped at its time limit before comparing South, East and West. " +
        "Reconcile now again to continue (the locations it did not reach go first); " +
        "the scheduled reconciliation runs daily at 5:30 AM EDT.",
    );
  });

  it("says when no location is set up", () => {
    expect(describeReconcileRun([], summer)).toBe("No location has METRC credentials yet.");
  });

  it("gives the scheduled run's time on the store's clock, daylight saving included", () => {
    const stopped = [facility("North", "stopped", "Not reached before the time limit.")];
    expect(describeReconcileRun(stopped, winter)).toContain("runs daily at 4:30 AM EST.");
    expect(describeReconcileRun(stopped, { ...winter, timeZone: "America/Los_Angeles" })).toContain(
      "runs daily at 1:30 AM PST.",
    );
  });
});
