import { expect, it, vi } from "vitest";
import { FIXTURE_ROLES } from "@cannasaas/core/testing";
import { codeOf, trpcError } from "../helpers";
import { A, api, B, HOST, multi, C, NOT_DASHBOARD, shopperOf, staff } from "./world";

/** Roles with audit.read: they see the trail and the job runs. */
const READERS = new Set(["owner", "admin", "viewer"]);

/** Puts a marker in A's trail (an admin's profile change) and returns the marker. */
async function markA() {
  const tagline = `audit-${crypto.randomUUID().slice(0, 8)}`;
  await (
    await api(HOST.platform, { user: staff(A, "admin"), org: A.org.id })
  ).organization.updateProfile({ tagline });
  return tagline;
}

function refusesOutsiders(call: (host: string, as: Parameters<typeof api>[1]) => Promise<unknown>) {
  it("refuses other organizations, shoppers, anonymous callers and tenant hosts", async () => {
    expect(await codeOf(call(HOST.platform, { user: staff(A, "owner"), org: B.org.id }))).toBe("FORBIDDEN");
    expect(await codeOf(call(HOST.platform, { user: multi, org: B.org.id }))).toBe("FORBIDDEN");
    expect(await codeOf(call(HOST.platform, { user: shopperOf(A), org: A.org.id }))).toBe("FORBIDDEN");
    expect(await codeOf(call(HOST.platform, { org: A.org.id }))).toBe("UNAUTHORIZED");
    for (const host of NOT_DASHBOARD) {
      expect(await codeOf(call(host, { user: staff(A, "owner"), org: A.org.id }))).toBe("FORBIDDEN");
    }
  });
}

export const auditEntries: Record<string, () => void> = {
  "audit.list": () => {
    it.each(FIXTURE_ROLES)("role %s sees A's trail only with audit.read, and never B's", async (role) => {
      const marker = await markA();
      const call = (await api(HOST.platform, { user: staff(A, role), org: A.org.id })).audit.list({});
      if (!READERS.has(role)) {
        expect(await codeOf(call)).toBe("FORBIDDEN");
        return;
      }
      const { events } = await call;
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.organizationId === A.org.id)).toBe(true);
      expect(JSON.stringify(events)).toContain(marker);
    });
    it("shows B's owner nothing of A's changes", async () => {
      const marker = await markA();
      const { events } = await (
        await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })
      ).audit.list({ action: "organization" });
      expect(events.every((e) => e.organizationId === B.org.id)).toBe(true);
      expect(JSON.stringify(events)).not.toContain(marker);
    });
    it("follows the switcher: multi's viewer role at A, admin at C", async () => {
      const atC = await (await api(HOST.platform, { user: multi, org: C.org.id })).audit.list({});
      expect(atC.events.every((e) => e.organizationId === C.org.id)).toBe(true);
    });
    it("rejects a reversed date range with a readable message", async () => {
      const error = await trpcError(
        (await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id })).audit.list({
          from: "2026-02-01",
          to: "2026-01-01",
        }),
      );
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toBe("The start date must be on or before the end date.");
    });
    refusesOutsiders(async (host, as) => (await api(host, as)).audit.list({}));
  },

  "audit.verify": () => {
    it("verifies the caller's own organization's chain", async () => {
      await markA();
      const report = await (
        await api(HOST.platform, { user: staff(A, "viewer"), org: A.org.id })
      ).audit.verify();
      expect(report).toMatchObject({ organizationId: A.org.id, intact: true });
      expect(report.checked).toBeGreaterThan(0);
      const forB = await (
        await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })
      ).audit.verify();
      expect(forB.organizationId).toBe(B.org.id);
    });
    it("refuses roles without audit.read", async () => {
      expect(
        await codeOf((await api(HOST.platform, { user: staff(A, "manager"), org: A.org.id })).audit.verify()),
      ).toBe("FORBIDDEN");
    });
    refusesOutsiders(async (host, as) => (await api(host, as)).audit.verify());
  },

  "audit.startExport": () => {
    it("approves an export of the caller's own organization, and records that it was taken", async () => {
      const caller = await api(HOST.platform, { user: staff(A, "viewer"), org: A.org.id });
      const approved = await caller.audit.startExport({ from: "2026-01-01", to: "2026-01-31" });
      expect(approved).toEqual({
        organizationId: A.org.id,
        from: new Date("2026-01-01T00:00:00Z"),
        to: new Date("2026-02-01T00:00:00Z"),
      });
      const { events } = await caller.audit.list({ action: "audit.startExport" });
      expect(events[0]).toMatchObject({ actorId: staff(A, "viewer").id, input: { from: "2026-01-01" } });
    });
    it("refuses a budtender and a reversed range", async () => {
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(A, "budtender"), org: A.org.id })).audit.startExport({
            from: "2026-01-01",
            to: "2026-01-31",
          }),
        ),
      ).toBe("FORBIDDEN");
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id })).audit.startExport({
            from: "2026-03-01",
            to: "2026-01-31",
          }),
        ),
      ).toBe("BAD_REQUEST");
    });
    refusesOutsiders(async (host, as) =>
      (await api(host, as)).audit.startExport({ from: "2026-01-01", to: "2026-01-02" }),
    );
  },

  "jobs.runs": () => {
    it.each(FIXTURE_ROLES)("role %s sees job runs only with audit.read", async (role) => {
      const call = (await api(HOST.platform, { user: staff(A, role), org: A.org.id })).jobs.runs();
      if (!READERS.has(role)) {
        expect(await codeOf(call)).toBe("FORBIDDEN");
        return;
      }
      const { jobs, canRunNow } = await call;
      expect(jobs.map((j) => j.name)).toEqual(expect.arrayContaining(["outbox", "reservations"]));
      expect(canRunNow).toBe(role === "owner");
    });
    refusesOutsiders(async (host, as) => (await api(host, as)).jobs.runs());
  },

  "jobs.runNow": () => {
    it("lets the owner run a job locally, with only the owner's organization's counts", async () => {
      const run = await (
        await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id })
      ).jobs.runNow({ job: "reservations" });
      expect(run).toMatchObject({ job: "reservations", outcome: "succeeded" });
      const { jobs } = await (
        await api(HOST.platform, { user: staff(A, "viewer"), org: A.org.id })
      ).jobs.runs();
      expect(jobs.find((j) => j.name === "reservations")!.runs.map((r) => r.id)).toContain(run.id);
    });
    it("refuses everyone but the owner, and unknown jobs", async () => {
      for (const role of FIXTURE_ROLES.filter((r) => r !== "owner")) {
        expect(
          await codeOf(
            (await api(HOST.platform, { user: staff(A, role), org: A.org.id })).jobs.runNow({
              job: "outbox",
            }),
          ),
        ).toBe("FORBIDDEN");
      }
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id })).jobs.runNow({ job: "nope" }),
        ),
      ).toBe("NOT_FOUND");
    });
    it("refuses on the hosted production build, even for the owner", async () => {
      vi.stubEnv("NODE_ENV", "production");
      vi.stubEnv("CANNASAAS_LOCAL", "");
      try {
        const error = await trpcError(
          (await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id })).jobs.runNow({
            job: "outbox",
          }),
        );
        expect(error.code).toBe("FORBIDDEN");
        expect(error.message).toContain("only available when the app runs locally");
        const { canRunNow } = await (
          await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id })
        ).jobs.runs();
        expect(canRunNow).toBe(false);
      } finally {
        vi.unstubAllEnvs();
      }
    });
    refusesOutsiders(async (host, as) => (await api(host, as)).jobs.runNow({ job: "outbox" }));
  },
};
