import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { jobRuns, outboxMessages } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import type { MailTransport } from "@cannasaas/integrations/mail";
import { enqueueEmail, JOBS, PLANNED_JOBS, type JobDeps } from "@cannasaas/core";
import { checkCronAuthorization, handleCronRequest } from "../../src/rest";

let handle: DatabaseHandle;
let deps: JobDeps;
const sentTo: string[] = [];
/** Records what it was asked to send (the drain itself is tested against an SMTP sink in core's outbox tests). */
const mail: MailTransport = {
  name: "dev-mailbox",
  send: async (message) => {
    sentTo.push(message.to);
    return { messageId: `test-${sentTo.length}` };
  },
};

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => new Date(), mail };
});
afterAll(async () => handle?.close());

const SECRET = "cron-secret-cron-secret";
const cronRequest = (authorization?: string) =>
  new Request("http://localhost/api/cron/outbox", { headers: authorization ? { authorization } : {} });
const noDeps = async (): Promise<JobDeps> => {
  throw new Error("an unauthorized call must not reach the database");
};

describe("cron guard", () => {
  it("accepts only the exact bearer secret, compared whole", () => {
    expect(checkCronAuthorization(`Bearer ${SECRET}`, SECRET)).toEqual({ ok: true });
    for (const wrong of [`Bearer ${SECRET.slice(0, -1)}`, SECRET, `Bearer ${SECRET} `, `bearer ${SECRET}`]) {
      expect(checkCronAuthorization(wrong, SECRET)).toEqual({ ok: false, message: "Wrong cron secret." });
    }
    expect(checkCronAuthorization(null, SECRET).ok).toBe(false);
  });

  it("refuses everything when no secret is configured", () => {
    for (const header of [null, "Bearer ", "Bearer undefined"]) {
      const refusal = checkCronAuthorization(header, undefined);
      expect(refusal.ok).toBe(false);
      expect(!refusal.ok && refusal.message).toContain("CRON_SECRET is not set");
      expect(checkCronAuthorization(header, "").ok).toBe(false);
    }
  });

  it("answers 401 with a clear JSON message for a missing or wrong secret, before touching the database", async () => {
    const missing = await handleCronRequest(cronRequest(), "outbox", { secret: SECRET, deps: noDeps });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: "Missing cron secret: send the header Authorization: Bearer <CRON_SECRET>.",
    });
    const wrong = await handleCronRequest(cronRequest("Bearer nope"), "outbox", {
      secret: SECRET,
      deps: noDeps,
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: "Wrong cron secret." });
    const unset = await handleCronRequest(cronRequest(`Bearer ${SECRET}`), "outbox", {
      secret: undefined,
      deps: noDeps,
    });
    expect(unset.status).toBe(401);
    // Unknown jobs are only revealed to an authorized caller.
    const probe = await handleCronRequest(cronRequest(), "nope", { secret: SECRET, deps: noDeps });
    expect(probe.status).toBe(401);
  });

  it("answers 404 for an unknown job; marketing, once only declared (501), is now a registered job", async () => {
    const auth = `Bearer ${SECRET}`;
    const unknown = await handleCronRequest(cronRequest(auth), "nope", { secret: SECRET, deps: noDeps });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'Unknown job "nope".' });
    expect(JOBS.has("marketing")).toBe(true);
    expect(PLANNED_JOBS).not.toContain("marketing");
  });

  it("runs the job for the right secret and logs the run", async () => {
    const id = await enqueueEmail(handle.db, {
      organizationId: null,
      topic: "test.cron",
      to: "cron@example.test",
      subject: "Hi",
      text: "Body",
    });
    const response = await handleCronRequest(cronRequest(`Bearer ${SECRET}`), "outbox", {
      secret: SECRET,
      deps: async () => ({ ...deps, clock: () => new Date() }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      runId: string;
      outcome: string;
      counts: Record<string, number>;
    };
    expect(body).toMatchObject({ outcome: "succeeded", counts: { sent: 1, failed: 0 } });
    expect(sentTo).toContain("cron@example.test");
    const [message] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    expect(message!.status).toBe("sent");
    const [run] = await handle.db.select().from(jobRuns).where(eq(jobRuns.id, body.runId));
    expect(run).toMatchObject({
      job: "outbox",
      trigger: "cron",
      outcome: "succeeded",
      counts: { sent: 1, failed: 0 },
      error: null,
    });
    expect(run!.finishedAt).toBeInstanceOf(Date);
  });
});
