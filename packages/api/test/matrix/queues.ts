import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { queueJobs } from "@cannasaas/db/schema";
import { FIXTURE_ROLES } from "@cannasaas/core/testing";
import { codeOf } from "../helpers";
import { A, api, B, handle, HOST, multi, NOT_DASHBOARD, shopperOf, staff } from "./world";

type Tenant = typeof A;
/** Roles with audit.read see the queues; roles with integrations.manage may retry a dead letter. */
const READERS = new Set(["owner", "admin", "viewer"]);
const RETRIERS = new Set(["owner", "admin"]);

/** A dead-lettered job of the tenant's, with a reason that names the tenant. */
async function deadJob(t: Tenant, queue = "email") {
  const [row] = await handle.db
    .insert(queueJobs)
    .values({
      organizationId: t.org.id,
      queue,
      payload: { outboxId: crypto.randomUUID() },
      state: "dead",
      attempts: 8,
      lastError: `mailbox of ${t.org.id} does not exist`,
      finishedAt: new Date(),
    })
    .returning();
  return row!;
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

export const queueEntries: Record<string, () => void> = {
  "jobs.queues": () => {
    it.each(FIXTURE_ROLES)(
      "role %s sees its own organization's queues only with audit.read",
      async (role) => {
        const mine = await deadJob(A);
        const theirs = await deadJob(B);
        const call = (await api(HOST.platform, { user: staff(A, role), org: A.org.id })).jobs.queues();
        if (!READERS.has(role)) {
          expect(await codeOf(call)).toBe("FORBIDDEN");
          return;
        }
        const { queues, deadLetters } = await call;
        expect(queues.map((q) => q.queue)).toEqual(
          expect.arrayContaining(["email", "webhooks", "webhook-events", "metrc"]),
        );
        expect(queues.find((q) => q.queue === "email")!.dead).toBeGreaterThan(0);
        expect(deadLetters.map((d) => d.id)).toContain(mine.id);
        expect(deadLetters.map((d) => d.id)).not.toContain(theirs.id);
        expect(JSON.stringify(deadLetters)).not.toContain(B.org.id);
      },
    );
    refusesOutsiders(async (host, as) => (await api(host, as)).jobs.queues());
  },

  "jobs.retryDeadLetter": () => {
    it.each(FIXTURE_ROLES)(
      "role %s retries its own dead letters only with integrations.manage",
      async (role) => {
        const mine = await deadJob(A);
        const call = (await api(HOST.platform, { user: staff(A, role), org: A.org.id })).jobs.retryDeadLetter(
          {
            jobId: mine.id,
          },
        );
        if (!RETRIERS.has(role)) {
          expect(await codeOf(call)).toBe("FORBIDDEN");
          return;
        }
        expect(await call).toMatchObject({ id: mine.id, queue: "email" });
        const [row] = await handle.db.select().from(queueJobs).where(eq(queueJobs.id, mine.id));
        expect(row).toMatchObject({ state: "pending", attempts: 0, lastError: null });
      },
    );
    it("cannot reach another organization's job, and sends METRC retries to the METRC page", async () => {
      const theirs = await deadJob(B);
      const owner = await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id });
      expect(await codeOf(owner.jobs.retryDeadLetter({ jobId: theirs.id }))).toBe("NOT_FOUND");
      const [row] = await handle.db.select().from(queueJobs).where(eq(queueJobs.id, theirs.id));
      expect(row!.state).toBe("dead");
      const metrc = await deadJob(A, "metrc");
      expect(await codeOf(owner.jobs.retryDeadLetter({ jobId: metrc.id }))).toBe("CONFLICT");
      expect(await codeOf(owner.jobs.retryDeadLetter({ jobId: "nope" }))).toBe("BAD_REQUEST");
    });
    refusesOutsiders(async (host, as) =>
      (await api(host, as)).jobs.retryDeadLetter({ jobId: crypto.randomUUID() }),
    );
  },
};
