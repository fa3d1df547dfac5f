import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Latency buckets in seconds: fine below the 200 ms API target, coarse up to the 60 s function limit. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 1, 2, 5, 10, 30, 60];
/** How late a job started after it was due, in seconds: from "on time" to "a day behind". */
const LAG_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "cannasaas_" });
  const metric = { registers: [registry] };
  return {
    registry,
    httpRequests: new Counter({
      ...metric,
      name: "cannasaas_http_requests_total",
      help: "HTTP requests answered, by route pattern, method and status code.",
      labelNames: ["route", "method", "status"] as const,
    }),
    httpDuration: new Histogram({
      ...metric,
      name: "cannasaas_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route pattern and method.",
      labelNames: ["route", "method"] as const,
      buckets: LATENCY_BUCKETS,
    }),
    procedureCalls: new Counter({
      ...metric,
      name: "cannasaas_trpc_calls_total",
      help: "tRPC procedure calls, by procedure, type and outcome (ok or the tRPC error code).",
      labelNames: ["procedure", "type", "outcome"] as const,
    }),
    procedureDuration: new Histogram({
      ...metric,
      name: "cannasaas_trpc_call_duration_seconds",
      help: "Time a tRPC procedure took, by procedure and type.",
      labelNames: ["procedure", "type"] as const,
      buckets: LATENCY_BUCKETS,
    }),
    jobRuns: new Counter({
      ...metric,
      name: "cannasaas_job_runs_total",
      help: "Queued jobs run, by queue and outcome (succeeded, deferred, failed, dead).",
      labelNames: ["queue", "outcome"] as const,
    }),
    jobDuration: new Histogram({
      ...metric,
      name: "cannasaas_job_duration_seconds",
      help: "Time a queued job's handler took, by queue.",
      labelNames: ["queue"] as const,
      buckets: LATENCY_BUCKETS,
    }),
    jobLag: new Histogram({
      ...metric,
      name: "cannasaas_job_lag_seconds",
      help: "How long after its due time a job started, by queue.",
      labelNames: ["queue"] as const,
      buckets: LAG_BUCKETS,
    }),
    queueDepth: new Gauge({
      ...metric,
      name: "cannasaas_queue_jobs",
      help: "Unfinished and dead jobs at the last scrape, by queue and state.",
      labelNames: ["queue", "state"] as const,
    }),
    queueOldestDue: new Gauge({
      ...metric,
      name: "cannasaas_queue_oldest_due_seconds",
      help: "Age of the oldest pending job that is due and not yet run, by queue (0 when none).",
      labelNames: ["queue"] as const,
    }),
    outboxDepth: new Gauge({
      ...metric,
      name: "cannasaas_outbox_messages",
      help: "Outbox messages not yet delivered (pending, failed) or given up on (dead), by channel and status.",
      labelNames: ["channel", "status"] as const,
    }),
    metrcItems: new Gauge({
      ...metric,
      name: "cannasaas_metrc_sync_items",
      help: "METRC reports not yet accepted (pending, in flight, failed) or dead, by status.",
      labelNames: ["status"] as const,
    }),
    metrcLag: new Gauge({
      ...metric,
      name: "cannasaas_metrc_oldest_unsynced_seconds",
      help: "Age of the oldest METRC report not yet accepted by METRC (0 when all are in).",
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { __cannasaasMetrics?: Metrics };

/**
 * The process's metrics. One registry per process, kept on globalThis: Next may load this module once per route
 * bundle, and every copy must count into the same registry.
 */
export function metrics(): Metrics {
  globalForMetrics.__cannasaasMetrics ??= createMetrics();
  return globalForMetrics.__cannasaasMetrics;
}

export function observeHttpRequest(request: {
  route: string;
  method: string;
  status: number;
  seconds: number;
}) {
  const m = metrics();
  m.httpRequests.inc({ route: request.route, method: request.method, status: String(request.status) });
  m.httpDuration.observe({ route: request.route, method: request.method }, request.seconds);
}

export function observeProcedure(call: { path: string; type: string; outcome: string; seconds: number }) {
  const m = metrics();
  m.procedureCalls.inc({ procedure: call.path, type: call.type, outcome: call.outcome });
  m.procedureDuration.observe({ procedure: call.path, type: call.type }, call.seconds);
}

export type JobOutcome = "succeeded" | "deferred" | "failed" | "dead";

export function observeJobRun(run: {
  queue: string;
  outcome: JobOutcome;
  seconds: number;
  lagSeconds: number;
}) {
  const m = metrics();
  m.jobRuns.inc({ queue: run.queue, outcome: run.outcome });
  m.jobDuration.observe({ queue: run.queue }, run.seconds);
  m.jobLag.observe({ queue: run.queue }, Math.max(0, run.lagSeconds));
}

/** What is waiting, read from the database at scrape time (see core's readOperationalBacklog). */
export type Backlog = {
  queues: { queue: string; state: string; jobs: number }[];
  oldestDue: { queue: string; seconds: number }[];
  outbox: { channel: string; status: string; messages: number }[];
  metrc: { status: string; items: number }[];
  metrcOldestUnsyncedSeconds: number;
};

/** Replaces the backlog gauges with a fresh reading, so a queue that emptied drops to zero rather than lingering. */
export function setBacklog(backlog: Backlog) {
  const m = metrics();
  m.queueDepth.reset();
  m.queueOldestDue.reset();
  m.outboxDepth.reset();
  m.metrcItems.reset();
  for (const row of backlog.queues) m.queueDepth.set({ queue: row.queue, state: row.state }, row.jobs);
  for (const row of backlog.oldestDue) m.queueOldestDue.set({ queue: row.queue }, row.seconds);
  for (const row of backlog.outbox)
    m.outboxDepth.set({ channel: row.channel, status: row.status }, row.messages);
  for (const row of backlog.metrc) m.metrcItems.set({ status: row.status }, row.items);
  m.metrcLag.set(backlog.metrcOldestUnsyncedSeconds);
}

/** The Prometheus text exposition of everything above. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const registry = metrics().registry;
  return { contentType: registry.contentType, body: await registry.metrics() };
}
