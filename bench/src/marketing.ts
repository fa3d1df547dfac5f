/**
 * One marketing job run to BENCH_CUSTOMERS (default 100,000) generated customers in a scratch database: the
 * campaign's messages are written in keyset batches and sent through the outbox queue to the dev mailbox
 * transport (no network), then the run prints messages per second for writing and for sending, and the heap
 * sampled through the run (it must stay flat: recipients are never all in memory). Baseline from the same run:
 * one set-based insert of as many outbox rows, the floor of the database work per message.
 * Needs PostgreSQL (BENCH_DATABASE_URL, default the local server).
 */
import postgres from "postgres";
import { eq, sql } from "drizzle-orm";
import { createCampaign, runMarketing, saveSegment, scheduleCampaign } from "@cannasaas/core";
import { createFixtureTenant } from "@cannasaas/core/testing";
import { createDatabase } from "@cannasaas/db/client";
import { migrateDatabase } from "@cannasaas/db/migrate";
import { marketingMessages, organizations } from "@cannasaas/db/schema";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const DB = "cannasaas_bench_marketing";
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DB} with (force)`);
  await admin.unsafe(`create database ${DB}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB}`;
  const handle = await createDatabase({ url: url.toString(), maxConnections: 8 });
  const db = handle.db;
  await migrateDatabase(handle);
  const t = await createFixtureTenant(db, { tag: "bench-mk", passwordHash: "x" });
  await db.update(organizations).set({ plan: "enterprise" }).where(eq(organizations.id, t.org.id));
  // Birth dates stored unsealed here: the sender opens sealed and plain values alike.
  await db.execute(sql`
    with u as (
      insert into users (id, email, name, date_of_birth)
      select 'bench-' || g, 'shopper' || g || '@bench.test', 'Shopper ' || g, '1980-01-01'
      from generate_series(1, ${CUSTOMERS}) g returning id)
    insert into customers (organization_id, user_id, marketing_email_consent) select ${t.org.id}, id, true from u`);
  console.log(`${CUSTOMERS.toLocaleString("en-US")} customers generated`);

  // Baseline: as many outbox rows in one statement (then removed).
  let t0 = performance.now();
  await db.execute(sql`
    insert into outbox_messages (organization_id, channel, topic, payload)
    select ${t.org.id}, 'email', 'bench.baseline', jsonb_build_object('to', 'x' || g || '@bench.test', 'subject', 's', 'text', 't')
    from generate_series(1, ${CUSTOMERS}) g`);
  const baselineS = (performance.now() - t0) / 1000;
  await db.execute(sql`delete from outbox_messages where topic = 'bench.baseline'`);

  const now = new Date();
  const segment = (await saveSegment(db, t.org.id, { name: "All", rules: { match: "all", groups: [] } }))
    .after;
  const campaign = await createCampaign(
    db,
    t.org.id,
    {
      name: "Bench",
      segmentId: segment.id,
      subject: "Hi {{first_name}}",
      body: "Deals at {{store}} for you, {{first_name}}.\n\nSee https://bench-mk.localhost:3000/menu",
      windowStartMinute: 0,
      windowEndMinute: 1440,
    },
    null,
  );
  await scheduleCampaign(db, t.org.id, campaign.id, {
    sendAt: null,
    now,
    storefrontOrigin: "http://bench-mk.localhost:3000",
    trackingBaseUrl: "http://localhost:3000/api/marketing",
  });

  const heap: number[] = [];
  const sampler = setInterval(() => heap.push(process.memoryUsage().heapUsed), 250);
  const deps = {
    db,
    clock: () => new Date(),
    mail: createDevMailboxTransport(),
    linkKey: "bench-link-key-0123456789",
  };
  t0 = performance.now();
  // Writing only (sendLimit 0), then sending, so each rate is measured on its own.
  const written = await runMarketing(deps, {
    batchSize: BATCH,
    sendLimit: 0,
    deadline: new Date(Date.now() + 3_600_000),
  });
  const writeS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const sent = await runMarketing(deps, { sendLimit: CUSTOMERS, deadline: new Date(Date.now() + 3_600_000) });
  const sendS = (performance.now() - t0) / 1000;
  clearInterval(sampler);

  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(marketingMessages);
  const queued = written.counts.queued ?? 0;
  console.log(
    `messages written: ${queued.toLocaleString("en-US")} (rows ${n}) in ${writeS.toFixed(1)} s = ${Math.round(queued / writeS)}/s`,
  );
  console.log(
    `messages sent:    ${(sent.counts.sent ?? 0).toLocaleString("en-US")} in ${sendS.toFixed(1)} s = ${Math.round((sent.counts.sent ?? 0) / sendS)}/s`,
  );
  console.log(
    `baseline: ${CUSTOMERS.toLocaleString("en-US")} outbox rows in one insert: ${baselineS.toFixed(2)} s = ${Math.round(CUSTOMERS / baselineS)}/s`,
  );
  console.log(`ratio write+send vs baseline: ${((writeS + sendS) / baselineS).toFixed(1)}x`);
  const third = Math.max(1, Math.floor(heap.length / 3));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  console.log(
    `heap: first third avg ${mb(avg(heap.slice(0, third)))}, last third avg ${mb(avg(heap.slice(-third)))}, max ${mb(Math.max(...heap))} (${heap.length} samples)`,
  );
  await handle.close();
  await admin.unsafe(`drop database if exists ${DB} with (force)`);
  await admin.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
