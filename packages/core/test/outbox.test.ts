import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@cannasaas/db/testing";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { outboxMessages, queueJobs } from "@cannasaas/db/schema";
import { createSmtpTransport } from "@cannasaas/integrations/mail";
import { startSmtpSink, type SmtpSink } from "@cannasaas/integrations/testing";
import { drainEmailOutbox, enqueueEmail, listMailbox, MAX_EMAIL_ATTEMPTS, retryDelayMs } from "../src";

let handle: DatabaseHandle;
let sink: SmtpSink;

beforeAll(async () => {
  handle = await createTestDatabase();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
  await handle?.close();
});

const mail = () => createSmtpTransport({ url: sink.url, from: "Test <test@cannasaas.test>" });

describe("email outbox", () => {
  it("delivers a queued email over SMTP exactly once, even with two drains racing", async () => {
    const id = await enqueueEmail(handle.db, {
      organizationId: null,
      topic: "test.hello",
      to: "shopper@example.com",
      subject: "Hello once",
      text: "Body",
    });
    const before = sink.messages.length;
    const deps = { db: handle.db, mail: mail(), clock: () => new Date() };
    const [a, b] = await Promise.all([
      drainEmailOutbox(deps, { ids: [id] }),
      drainEmailOutbox(deps, { ids: [id] }),
    ]);
    expect(a.sent + b.sent).toBe(1);
    expect(sink.messages.length - before).toBe(1);
    expect(sink.messages.at(-1)?.raw).toContain("Subject: Hello once");
    const [row] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    expect(row).toMatchObject({ status: "sent", deliveredVia: "smtp", attempts: 1 });
  });

  it("keeps a failed email for retry with backoff, then delivers it", async () => {
    const id = await enqueueEmail(handle.db, {
      organizationId: null,
      topic: "test.retry",
      to: "shopper@example.com",
      subject: "Retry me",
      text: "Body",
    });
    sink.failNext(451);
    let now = new Date(Date.now() + 1_000);
    const deps = { db: handle.db, mail: mail(), clock: () => now };
    expect(await drainEmailOutbox(deps, { ids: [id] })).toMatchObject({ sent: 0, failed: 1 });
    const [failed] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    expect(failed?.status).toBe("failed");
    expect(failed?.lastError).toMatch(/451/);
    expect(failed!.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());

    // Not due yet: nothing happens.
    expect(await drainEmailOutbox(deps, { ids: [id] })).toMatchObject({ examined: 0 });
    now = new Date(failed!.nextAttemptAt.getTime() + 1);
    expect(await drainEmailOutbox(deps, { ids: [id] })).toMatchObject({ sent: 1 });
  });

  it("dead-letters after the maximum number of attempts", async () => {
    const id = await enqueueEmail(handle.db, {
      organizationId: null,
      topic: "test.dead",
      to: "x@example.com",
      subject: "Never",
      text: "Body",
    });
    await handle.db
      .update(queueJobs)
      .set({ attempts: MAX_EMAIL_ATTEMPTS - 1 })
      .where(and(eq(queueJobs.queue, "email"), eq(queueJobs.dedupeKey, id)));
    sink.failNext(550);
    await drainEmailOutbox({ db: handle.db, mail: mail(), clock: () => new Date() }, { ids: [id] });
    const [row] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    expect(row?.status).toBe("dead");
  });

  it("lists the mailbox newest first, filtered by recipient", async () => {
    const mails = await listMailbox(handle.db, { to: "shopper@example.com" });
    expect(mails.map((m) => m.payload.subject)).toEqual(["Retry me", "Hello once"]);
  });

  it("backs off exponentially with jitter and a cap", () => {
    expect(retryDelayMs(1, () => 0)).toBe(15_000);
    expect(retryDelayMs(1, () => 1)).toBe(30_000);
    expect(retryDelayMs(3, () => 1)).toBe(120_000);
    expect(retryDelayMs(30, () => 1)).toBe(3_600_000);
  });
});
