/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- response bodies and documents are untyped JSON; the assertions check their shape */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import {
  outboxMessages,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
} from "@cannasaas/db/schema";
import {
  advanceOrder,
  createSecretBox,
  createWebhookEndpoint,
  deliverDueWebhooks,
  listWebhookDeliveries,
  MAX_WEBHOOK_ATTEMPTS,
  recordDomainEvent,
  redeliverWebhook,
  revealWebhookSecret,
  runWebhookDeliveries,
  sendTestWebhook,
  signWebhook,
  updateWebhookEndpoint,
  validateWebhookUrl,
  verifyWebhookSignature,
  WEBHOOK_REFUSED_PRIVATE,
  WEBHOOK_UNREACHABLE,
  type WebhookDeps,
} from "@cannasaas/core";
import { createSafeHttpClient, type Resolver } from "@cannasaas/integrations/http";
import { call, createWorld, orderBody, type World } from "./world";

type Received = { path: string; headers: Record<string, string>; body: string; verified: string };

/** A webhook receiver on loopback: answers each path with the statuses queued for it (then 200). */
function startReceiver() {
  const received: Received[] = [];
  const queued = new Map<string, number[]>();
  const secrets = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "/";
      const secret = secrets.get(path);
      const header = req.headers["x-cannasaas-signature"] as string | undefined;
      const t = Number(/t=(\d+)/.exec(header ?? "")?.[1]) * 1000;
      const check = secret
        ? verifyWebhookSignature(secret, header ?? null, body, { now: new Date(t) })
        : { ok: false as const, reason: "no secret" };
      received.push({
        path,
        headers: req.headers as Record<string, string>,
        body,
        verified: check.ok ? "ok" : check.reason,
      });
      const status = queued.get(path)?.shift() ?? 200;
      res
        .writeHead(status, { "content-type": "text/plain" })
        .end(status === 200 ? "thanks" : "receiver broke");
    });
  });
  return new Promise<{
    url: (path: string) => string;
    received: Received[];
    queue: (path: string, ...statuses: number[]) => void;
    trust: (path: string, secret: string) => void;
    close: () => Promise<void>;
  }>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: (path) => `http://127.0.0.1:${port}${path}`,
        received,
        queue: (path, ...statuses) => queued.set(path, statuses),
        trust: (path, secret) => secrets.set(path, secret),
        close: () => new Promise((r) => server.close(() => r())),
      });
    }),
  );
}

let w: World;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let now = new Date();
let deps: WebhookDeps;
const box = createSecretBox([{ id: "test", key: Buffer.alloc(32, 7) }]);

beforeAll(async () => {
  w = await createWorld("hooks");
  receiver = await startReceiver();
  deps = { ...w.deps, clock: () => now, secrets: box, allowInsecureWebhookUrls: true };
});
afterAll(async () => {
  await receiver?.close();
  await w?.close();
});

const received = (path: string) => receiver.received.filter((r) => r.path === path);

async function endpoint(org: World["A"], path: string, events: string[]) {
  const created = await createWebhookEndpoint(deps, org.org.id, {
    url: receiver.url(path),
    events,
    createdBy: null,
  });
  receiver.trust(path, created.secret);
  return created;
}

describe("outbound webhooks", () => {
  it("delivers a signed order.created to subscribed endpoints of the same store only, retrying after a 500", async () => {
    const orders = await endpoint(w.A, "/a-orders", ["order.created", "order.status_changed"]);
    await endpoint(w.A, "/a-products", ["product.updated"]);
    await endpoint(w.B, "/b-orders", ["order.created"]);
    expect(orders.secret).toMatch(/^whsec_/);
    const [stored] = await w.handle.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, orders.endpoint.id));
    expect(stored!.secretSealed).not.toContain(orders.secret);
    expect((await revealWebhookSecret(deps, w.A.org.id, orders.endpoint.id)).secret).toBe(orders.secret);

    receiver.queue("/a-orders", 500);
    const placed = await call(w, w.keyA, "POST", "/orders", orderBody(w.A));
    expect(placed.status).toBe(201);
    now = new Date(Date.now() + 1000);

    const first = await runWebhookDeliveries(deps);
    expect(first.fannedOut).toEqual({ events: 1, deliveries: 1 });
    expect(first).toMatchObject({ succeeded: 0, failed: 1 });
    expect(received("/a-orders")).toHaveLength(1);
    expect(received("/a-products")).toHaveLength(0);
    expect(received("/b-orders")).toHaveLength(0);

    const attempt1 = received("/a-orders")[0]!;
    expect(attempt1.verified).toBe("ok");
    expect(attempt1.headers["x-cannasaas-event"]).toBe("order.created");
    const body = JSON.parse(attempt1.body);
    expect(body).toMatchObject({
      type: "order.created",
      organizationId: w.A.org.id,
      data: { id: placed.body.id },
    });
    expect(body.data.totalCents).toBe(placed.body.totalCents);

    // Not due again until the backoff has passed.
    expect((await runWebhookDeliveries(deps)).examined).toBe(0);
    now = new Date(now.getTime() + 2 * 60 * 60_000);
    expect(await runWebhookDeliveries(deps)).toMatchObject({ succeeded: 1, failed: 0 });
    const attempt2 = received("/a-orders")[1]!;
    expect(attempt2.verified).toBe("ok");
    expect(attempt2.headers["x-cannasaas-delivery"]).toBe(attempt1.headers["x-cannasaas-delivery"]);
    expect(JSON.parse(attempt2.body).id).toBe(body.id);

    const [log] = await listWebhookDeliveries(deps, w.A.org.id, { endpointId: orders.endpoint.id });
    expect(log).toMatchObject({
      status: "succeeded",
      attempts: 2,
      lastResponseCode: 200,
      eventType: "order.created",
    });
    expect(log!.attemptLog.map((a) => a.responseCode)).toEqual([200, 500]);
    expect(log!.attemptLog[1]!.responseBody).toBe("receiver broke");
    expect(await listWebhookDeliveries(deps, w.B.org.id)).toEqual([]);

    // The outbox event is done: running again fans out nothing.
    const [event] = await w.handle.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.topic, "order.created"));
    expect(event?.status).toBe("sent");
    expect((await runWebhookDeliveries(deps)).fannedOut).toEqual({ events: 0, deliveries: 0 });
  });

  it("emits order.status_changed from the order lifecycle", async () => {
    const placed = await call(w, w.keyA, "POST", "/orders", orderBody(w.A, 1));
    await advanceOrder(deps, w.A.org.id, { orderId: placed.body.id, to: "confirmed", actorUserId: null });
    const before = received("/a-orders").length;
    await runWebhookDeliveries(deps);
    const types = received("/a-orders")
      .slice(before)
      .map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    expect(types.map((t) => t.type).sort()).toEqual(["order.created", "order.status_changed"]);
    expect(types.find((t) => t.type === "order.status_changed")!.data).toMatchObject({
      id: placed.body.id,
      from: "pending",
      to: "confirmed",
    });
  });

  it("redelivers on request with the same delivery id, logged as manual", async () => {
    const [delivery] = await listWebhookDeliveries(deps, w.A.org.id);
    const before = received("/a-orders").length;
    const redone = await redeliverWebhook(deps, w.A.org.id, delivery!.id);
    expect(redone.status).toBe("succeeded");
    const again = received("/a-orders").slice(before);
    expect(again).toHaveLength(1);
    expect(again[0]!.headers["x-cannasaas-delivery"]).toBe(delivery!.id);
    expect(again[0]!.verified).toBe("ok");
    const [log] = (await listWebhookDeliveries(deps, w.A.org.id)).filter((d) => d.id === delivery!.id);
    expect(log!.attemptLog[0]!.manual).toBe(true);
    await expect(redeliverWebhook(deps, w.B.org.id, delivery!.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("gives up after the last attempt and marks the delivery dead", async () => {
    const dying = await endpoint(w.A, "/always-500", ["inventory.low_stock"]);
    receiver.queue("/always-500", ...Array<number>(MAX_WEBHOOK_ATTEMPTS).fill(500));
    await w.handle.db.transaction((tx) =>
      recordDomainEvent(tx, {
        organizationId: w.A.org.id,
        type: "inventory.low_stock",
        data: { available: 1 },
      }),
    );
    for (let i = 0; i < MAX_WEBHOOK_ATTEMPTS + 2; i++) {
      await runWebhookDeliveries(deps);
      now = new Date(now.getTime() + 2 * 60 * 60_000);
    }
    const [log] = await listWebhookDeliveries(deps, w.A.org.id, { endpointId: dying.endpoint.id });
    expect(log).toMatchObject({ status: "dead", attempts: MAX_WEBHOOK_ATTEMPTS, lastResponseCode: 500 });
    expect(log!.attemptLog).toHaveLength(MAX_WEBHOOK_ATTEMPTS);
    expect(received("/always-500")).toHaveLength(MAX_WEBHOOK_ATTEMPTS);
  });

  it("sends a test event through the same path, and sends nothing to a disabled endpoint", async () => {
    const test = await endpoint(w.B, "/b-test", ["product.updated"]);
    const delivery = await sendTestWebhook(deps, w.B.org.id, test.endpoint.id);
    expect(delivery).toMatchObject({ status: "succeeded", eventType: "webhook.test", lastResponseCode: 200 });
    expect(received("/b-test")[0]!.verified).toBe("ok");
    await expect(sendTestWebhook(deps, w.A.org.id, test.endpoint.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    await updateWebhookEndpoint(deps, w.B.org.id, test.endpoint.id, { enabled: false });
    await w.handle.db.transaction((tx) =>
      recordDomainEvent(tx, { organizationId: w.B.org.id, type: "product.updated", data: { id: "p" } }),
    );
    await runWebhookDeliveries(deps);
    expect(received("/b-test")).toHaveLength(1);
    await expect(sendTestWebhook(deps, w.B.org.id, test.endpoint.id)).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("logs a receiver that does not answer in time as a failed attempt without a response code", async () => {
    const silent = await endpoint(w.B, "/slow", ["order.created"]);
    const hang = createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(0, "127.0.0.1", () => r()));
    const port = (hang.address() as AddressInfo).port;
    await w.handle.db
      .update(webhookEndpoints)
      .set({ url: `http://127.0.0.1:${port}/hang` })
      .where(eq(webhookEndpoints.id, silent.endpoint.id));
    try {
      const delivery = await sendTestWebhook({ ...deps, timeoutMs: 300 }, w.B.org.id, silent.endpoint.id);
      expect(delivery).toMatchObject({ status: "failed", lastResponseCode: null });
      expect(delivery.lastError).toBe(WEBHOOK_UNREACHABLE);
    } finally {
      hang.closeAllConnections();
      await new Promise((r) => hang.close(r));
    }
  });
});

describe("server-side request forgery", () => {
  const strict = (): WebhookDeps => ({ ...deps, allowInsecureWebhookUrls: false });
  const resolvesTo =
    (address: string): Resolver =>
    () =>
      Promise.resolve([{ address, family: address.includes(":") ? 6 : 4 }]);
  /** Endpoints made here are disabled afterwards, so later tests' events do not fan out to them. */
  const mine: string[] = [];
  afterAll(async () => {
    if (mine.length)
      await w.handle.db
        .update(webhookEndpoints)
        .set({ enabled: false })
        .where(inArray(webhookEndpoints.id, mine));
  });
  const attempts = (deliveryId: string) =>
    w.handle.db
      .select()
      .from(webhookDeliveryAttempts)
      .where(eq(webhookDeliveryAttempts.deliveryId, deliveryId));

  it("refuses to save loopback, metadata and internal addresses in any spelling", async () => {
    for (const url of [
      "https://[::ffff:127.0.0.1]/x",
      "https://[::ffff:169.254.169.254]/",
      "https://localhost./",
      "https://metadata.google.internal/",
      "https://169.254.169.254/latest/meta-data/",
      "https://[64:ff9b::a9fe:a9fe]/",
      "https://198.18.0.1/",
      "https://100.64.0.1/",
      "https://[fd00::1]/",
      "https://0x7f.1/",
      "https://2130706433/",
      "https://metadata/",
    ]) {
      await expect(
        createWebhookEndpoint(strict(), w.A.org.id, { url, events: ["order.created"], createdBy: null }),
        url,
      ).rejects.toThrow(/public host/);
    }
    const saved = await createWebhookEndpoint(strict(), w.A.org.id, {
      url: "https://hooks.example.com/ok",
      events: ["order.created"],
      createdBy: null,
    });
    mine.push(saved.endpoint.id);
    await expect(
      updateWebhookEndpoint(strict(), w.A.org.id, saved.endpoint.id, { url: "https://[::ffff:127.0.0.1]/x" }),
    ).rejects.toThrow(/public host/);
  });

  it("refuses at delivery a name that resolves to loopback: nothing reaches the local listener", async () => {
    let connections = 0;
    const listener = createServer((req, res) => res.end("should not be reached"));
    listener.on("connection", () => connections++);
    await new Promise<void>((r) => listener.listen(0, "127.0.0.1", () => r()));
    const port = (listener.address() as AddressInfo).port;
    try {
      const saved = await createWebhookEndpoint(strict(), w.A.org.id, {
        url: `https://rebinding.example.com:${port}/ssrf`,
        events: ["order.created"],
        createdBy: null,
      });
      mine.push(saved.endpoint.id);
      for (const address of ["127.0.0.1", "::ffff:127.0.0.1", "::1"]) {
        const rebinding = { ...strict(), http: createSafeHttpClient({ resolve: resolvesTo(address) }) };
        const refused = await sendTestWebhook(rebinding, w.A.org.id, saved.endpoint.id);
        expect(refused, address).toMatchObject({
          status: "failed",
          lastResponseCode: null,
          lastError: WEBHOOK_REFUSED_PRIVATE,
        });
      }
      // Plain http to the listener's literal address, allowed by configuration, but not by a strict client.
      await w.handle.db
        .update(webhookEndpoints)
        .set({ url: `http://127.0.0.1:${port}/ssrf` })
        .where(eq(webhookEndpoints.id, saved.endpoint.id));
      const direct = await sendTestWebhook(
        { ...deps, http: createSafeHttpClient() },
        w.A.org.id,
        saved.endpoint.id,
      );
      expect(direct.lastError).toBe(WEBHOOK_REFUSED_PRIVATE);
      expect(connections).toBe(0);
    } finally {
      await new Promise((r) => listener.close(r));
    }
  });

  it("does not follow a redirect: a 302 is a failed attempt and the target gets nothing", async () => {
    const redirector = createServer((req, res) => {
      req.resume();
      res.writeHead(302, { location: receiver.url("/redirect-target") }).end();
    });
    await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", () => r()));
    try {
      const hook = await endpoint(w.A, "/redirect-source", ["order.created"]);
      mine.push(hook.endpoint.id);
      const port = (redirector.address() as AddressInfo).port;
      await w.handle.db
        .update(webhookEndpoints)
        .set({ url: `http://127.0.0.1:${port}/redirect-source` })
        .where(eq(webhookEndpoints.id, hook.endpoint.id));
      const delivery = await sendTestWebhook(deps, w.A.org.id, hook.endpoint.id);
      expect(delivery).toMatchObject({ status: "failed", lastResponseCode: 302, lastError: "HTTP 302" });
      expect(received("/redirect-target")).toHaveLength(0);
    } finally {
      await new Promise((r) => redirector.close(r));
    }
  });

  it("stores a generic error for a closed port, with no socket detail or timing", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const hook = await endpoint(w.A, "/closed", ["order.created"]);
    mine.push(hook.endpoint.id);
    await w.handle.db
      .update(webhookEndpoints)
      .set({ url: `http://127.0.0.1:${port}/closed` })
      .where(eq(webhookEndpoints.id, hook.endpoint.id));
    const delivery = await sendTestWebhook(deps, w.A.org.id, hook.endpoint.id);
    expect(delivery.lastError).toBe(WEBHOOK_UNREACHABLE);
    const [logged] = await attempts(delivery.id);
    expect(logged).toMatchObject({ error: WEBHOOK_UNREACHABLE, durationMs: 0, responseCode: null });
  });

  it("refuses at delivery a stored URL that today's rules refuse", async () => {
    const hook = await endpoint(w.A, "/legacy", ["order.created"]);
    mine.push(hook.endpoint.id);
    await w.handle.db
      .update(webhookEndpoints)
      .set({ url: "https://[::ffff:169.254.169.254]/latest/meta-data/" })
      .where(eq(webhookEndpoints.id, hook.endpoint.id));
    const delivery = await sendTestWebhook(strict(), w.A.org.id, hook.endpoint.id);
    expect(delivery).toMatchObject({ status: "failed", lastResponseCode: null });
    expect(delivery.lastError).toMatch(/^Refused: /);
  });
});

describe("bad webhook input", () => {
  it("refuses unsafe or malformed URLs and unknown events with clear messages", async () => {
    const make = (
      url: string,
      events = ["order.created"],
      d: WebhookDeps = { ...deps, allowInsecureWebhookUrls: false },
    ) => createWebhookEndpoint(d, w.A.org.id, { url, events, createdBy: null });
    await expect(make("not a url")).rejects.toThrow(/full URL/);
    await expect(make("http://example.com/hook")).rejects.toThrow(/https/);
    await expect(make("http://127.0.0.1:9/hook")).rejects.toThrow(/https/);
    await expect(make("https://10.1.2.3/hook")).rejects.toThrow(/public host/);
    await expect(make("https://localhost/hook")).rejects.toThrow(/public host/);
    await expect(make("https://user:pw@example.com/hook")).rejects.toThrow(/password/);
    await expect(make("https://example.com/hook", ["order.deleted"])).rejects.toThrow(
      /Unknown event "order.deleted"/,
    );
    await expect(make("https://example.com/hook", [])).rejects.toThrow(/at least one event/);
    expect(validateWebhookUrl("https://hooks.example.com/x")).toBe("https://hooks.example.com/x");
    expect(validateWebhookUrl("http://127.0.0.1:8080/x", { allowInsecureLoopback: true })).toBe(
      "http://127.0.0.1:8080/x",
    );
  });

  it("a receiver's verification refuses tampered bodies, wrong secrets, stale and malformed signatures", () => {
    const body = JSON.stringify({ id: "e1", type: "order.created" });
    const t = 1_800_000_000;
    const header = signWebhook("whsec_a", body, t);
    const at = new Date(t * 1000);
    expect(verifyWebhookSignature("whsec_a", header, body, { now: at })).toEqual({ ok: true });
    expect(verifyWebhookSignature("whsec_a", header, body + " ", { now: at })).toMatchObject({ ok: false });
    expect(verifyWebhookSignature("whsec_b", header, body, { now: at })).toMatchObject({ ok: false });
    expect(
      verifyWebhookSignature("whsec_a", header, body, { now: new Date(at.getTime() + 301_000) }),
    ).toEqual({
      ok: false,
      reason: "timestamp outside the tolerance",
    });
    expect(verifyWebhookSignature("whsec_a", "v1=abc", body, { now: at })).toEqual({
      ok: false,
      reason: "malformed signature header",
    });
    expect(verifyWebhookSignature("whsec_a", null, body)).toEqual({
      ok: false,
      reason: "missing signature header",
    });
  });

  it("fans one event out once even when two drains race", async () => {
    const before = (await w.handle.db.select().from(webhookDeliveries)).length;
    await w.handle.db.transaction((tx) =>
      recordDomainEvent(tx, { organizationId: w.A.org.id, type: "order.created", data: { id: "race" } }),
    );
    await Promise.all([runWebhookDeliveries(deps), runWebhookDeliveries(deps), deliverDueWebhooks(deps)]);
    expect((await w.handle.db.select().from(webhookDeliveries)).length).toBe(before + 1);
  });
});
