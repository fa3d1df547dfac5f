import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSafeHttpClient, type Resolver } from "../src/http";

/** A listener on 127.0.0.1 that counts what reaches it; /redirect answers 302, /hang never answers. */
let server: Server;
let port = 0;
const hits: { path: string; host: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push({ path: req.url ?? "", host: req.headers.host ?? "" });
    req.resume();
    if (req.url === "/hang") return;
    if (req.url === "/redirect") return void res.writeHead(302, { location: "/elsewhere" }).end();
    res.writeHead(200, { "retry-after": "5" }).end("x".repeat(100));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const init = { headers: { "content-type": "application/json" }, body: "{}", timeoutMs: 2_000 };
const resolvesTo =
  (...addresses: string[]): Resolver =>
  () =>
    Promise.resolve(addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));

describe("safe outbound HTTP", () => {
  it("refuses a name that resolves to loopback, and nothing reaches the local listener", async () => {
    hits.length = 0;
    const client = createSafeHttpClient({ resolve: resolvesTo("127.0.0.1") });
    expect(await client.post(`http://hooks.example.com:${port}/x`, init)).toEqual({
      ok: false,
      reason: "refused",
    });
    expect(await client.post(`http://127.0.0.1:${port}/x`, init)).toMatchObject({ reason: "refused" });
    expect(await client.post(`http://[::ffff:127.0.0.1]:${port}/x`, init)).toMatchObject({
      reason: "refused",
    });
    expect(await client.post(`http://localhost.:${port}/x`, init)).toMatchObject({ reason: "refused" });
    expect(hits).toHaveLength(0);
  });

  it("refuses a name when any one of its addresses is not public", async () => {
    hits.length = 0;
    const client = createSafeHttpClient({ resolve: resolvesTo("93.184.216.34", "::ffff:169.254.169.254") });
    expect(await client.post(`http://hooks.example.com:${port}/x`, init)).toMatchObject({
      reason: "refused",
    });
    const internal = createSafeHttpClient({ resolve: resolvesTo("93.184.216.34") });
    expect(await internal.post("https://metadata.google.internal/", init)).toMatchObject({
      reason: "refused",
    });
    expect(hits).toHaveLength(0);
  });

  it("connects to the address it checked, keeping the name in the Host header", async () => {
    hits.length = 0;
    const client = createSafeHttpClient({ resolve: resolvesTo("127.0.0.1"), allowLoopback: true });
    const result = await client.post(`http://hooks.example.com:${port}/pinned?a=1`, init);
    expect(result).toMatchObject({ ok: true, status: 200, headers: { "retry-after": "5" } });
    expect(hits).toEqual([{ path: "/pinned?a=1", host: `hooks.example.com:${port}` }]);
  });

  it("does not follow redirects", async () => {
    hits.length = 0;
    const client = createSafeHttpClient({ allowLoopback: true });
    expect(await client.post(`http://127.0.0.1:${port}/redirect`, init)).toMatchObject({
      ok: true,
      status: 302,
    });
    expect(hits.map((h) => h.path)).toEqual(["/redirect"]);
  });

  it("keeps at most maxBodyBytes of the answer", async () => {
    const client = createSafeHttpClient({ allowLoopback: true, maxBodyBytes: 10 });
    const result = await client.post(`http://127.0.0.1:${port}/`, init);
    expect(result.ok && result.body).toBe("x".repeat(10));
  });

  it("reports closed ports, timeouts and failed lookups alike, with no detail", async () => {
    const client = createSafeHttpClient({ allowLoopback: true });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await client.post(`http://127.0.0.1:${closedPort}/`, init)).toEqual({
      ok: false,
      reason: "unreachable",
    });
    expect(await client.post(`http://127.0.0.1:${port}/hang`, { ...init, timeoutMs: 200 })).toEqual({
      ok: false,
      reason: "unreachable",
    });
    const failing = createSafeHttpClient({ resolve: () => Promise.reject(new Error("ENOTFOUND")) });
    expect(await failing.post("https://nowhere.example.com/", init)).toEqual({
      ok: false,
      reason: "unreachable",
    });
  });
});
