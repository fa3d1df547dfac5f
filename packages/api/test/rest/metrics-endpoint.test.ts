import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { outboxMessages } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createFixtureTenant } from "@cannasaas/core/testing";
import { metrics } from "@cannasaas/integrations/observability";
import { handleMetricsRequest, observeRoute } from "../../src/rest";

let handle: DatabaseHandle;
const TOKEN = "scrape-token-0123456789";
const deps = async () => ({ db: handle.db, clock: () => new Date() });
const scrape = (authorization?: string, token: string | null = TOKEN) =>
  handleMetricsRequest(
    new Request("http://localhost:3000/api/metrics", {
      headers: authorization ? { authorization } : {},
    }),
    { token: token ?? undefined, deps },
  );

beforeAll(async () => {
  handle = await createTestDatabase();
  const t = await createFixtureTenant(handle.db, { tag: "metrics", passwordHash: "x" });
  await handle.db
    .insert(outboxMessages)
    .values({ organizationId: t.org.id, channel: "sms", topic: "t", payload: {}, status: "failed" });
});
afterAll(async () => handle?.close());

describe("GET /api/metrics", () => {
  it("is absent when no token is configured", async () => {
    expect((await scrape(`Bearer ${TOKEN}`, null)).status).toBe(404);
  });

  it("refuses a missing or wrong bearer token", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(TOKEN)).status).toBe(401);
  });

  it("answers the Prometheus text format with the backlog read at scrape time", async () => {
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain("# TYPE cannasaas_http_request_duration_seconds histogram");
    expect(text).toContain('cannasaas_outbox_messages{channel="sms",status="failed"} 1');
    expect(text).toContain("cannasaas_metrc_oldest_unsynced_seconds 0");
    expect(text).toContain("cannasaas_process_resident_memory_bytes");
  });
});

describe("observeRoute", () => {
  const count = async (route: string, status: string) =>
    (await metrics().httpRequests.get()).values.find(
      (v) => v.labels.route === route && v.labels.status === status,
    )?.value ?? 0;

  it("counts requests under the route pattern by status, a throwing handler as 500", async () => {
    const handler = observeRoute("/api/v1/[...path]", async (request: Request) =>
      request.url.endsWith("/missing") ? new Response(null, { status: 404 }) : new Response("ok"),
    );
    await handler(new Request("http://x/api/v1/products/1"));
    await handler(new Request("http://x/api/v1/products/2"));
    await handler(new Request("http://x/api/v1/missing"));
    expect(await count("/api/v1/[...path]", "200")).toBe(2);
    expect(await count("/api/v1/[...path]", "404")).toBe(1);

    const crashing = observeRoute("/api/crash", async () => {
      throw new Error("boom");
    });
    await expect(crashing(new Request("http://x/api/crash"))).rejects.toThrow("boom");
    expect(await count("/api/crash", "500")).toBe(1);
  });
});
