import { createPublicKey, verify } from "node:crypto";
import webpush from "web-push";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSafeHttpClient } from "../src/http";
import {
  createDevPushSender,
  createPushSender,
  createWebPushSender,
  PushDeliveryError,
  PushRejectedError,
} from "../src/push";
import { createTestBrowser, startPushStandIn, type PushStandIn } from "../src/testing";

const browser = createTestBrowser();
const vapid = { subject: "mailto:ops@cannasaas.test", ...webpush.generateVAPIDKeys() };

let service: PushStandIn;
let origin = "";

beforeAll(async () => {
  service = await startPushStandIn();
  origin = service.url;
});
afterAll(async () => service?.close());
beforeEach(() => service.reset());

const received = () => service.received;
const b64url = (b: Buffer) => b.toString("base64url");
const target = () => ({ endpoint: `${origin}/push/abc123`, p256dh: browser.p256dh, auth: browser.auth });
const sender = (timeoutMs = 5_000) =>
  createWebPushSender({ vapid, http: createSafeHttpClient({ allowLoopback: true }), timeoutMs });
const decrypt = (body: Buffer) => browser.decrypt(body);

/** Checks the VAPID JWT's ES256 signature with the sender's public key, and returns its claims. */
function vapidClaims(authorization: string) {
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(authorization);
  expect(match).not.toBeNull();
  const [, jwt, key] = match!;
  expect(key).toBe(vapid.publicKey);
  const [header, claims, signature] = jwt!.split(".");
  const point = Buffer.from(key!, "base64url");
  const publicKey = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) },
    format: "jwk",
  });
  const valid = verify(
    "sha256",
    Buffer.from(`${header}.${claims}`),
    { key: publicKey, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature!, "base64url"),
  );
  expect(valid).toBe(true);
  return JSON.parse(Buffer.from(claims!, "base64url").toString()) as {
    aud: string;
    sub: string;
    exp: number;
  };
}

describe("web push sender against a stand-in push service", () => {
  it("POSTs an encrypted payload with TTL, aes128gcm and a signed VAPID header; 201 is delivered", async () => {
    const result = await sender().send(
      target(),
      { title: "Order #7 is ready", body: "Collect it at Main St.", url: "/account" },
      { ttlSeconds: 3600, topic: "order-7" },
    );
    expect(result).toEqual({ outcome: "delivered" });
    expect(received()).toHaveLength(1);
    const [request] = received();
    expect(request!.path).toBe("/push/abc123");
    expect(request!.headers.ttl).toBe("3600");
    expect(request!.headers["content-encoding"]).toBe("aes128gcm");
    expect(request!.headers.topic).toBe("order-7");
    const claims = vapidClaims(String(request!.headers.authorization));
    expect(claims.aud).toBe(origin);
    expect(claims.sub).toBe(vapid.subject);
    expect(JSON.parse(decrypt(request!.body))).toEqual({
      title: "Order #7 is ready",
      body: "Collect it at Main St.",
      url: "/account",
    });
  });

  it("410 and 404 mean the subscription is gone", async () => {
    service.answer({ status: 410 });
    expect(await sender().send(target(), { title: "t", body: "b" })).toMatchObject({ outcome: "gone" });
    service.answer({ status: 404 });
    expect(await sender().send(target(), { title: "t", body: "b" })).toMatchObject({ outcome: "gone" });
  });

  it("429 is retryable and carries Retry-After", async () => {
    service.answer({ status: 429, headers: { "retry-after": "120" } });
    const error = await sender()
      .send(target(), { title: "t", body: "b" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushDeliveryError);
    expect((error as PushDeliveryError).retryAfterMs).toBe(120_000);
  });

  it("500 is retryable, 413 is a rejection that retrying cannot fix", async () => {
    service.answer({ status: 500 });
    await expect(sender().send(target(), { title: "t", body: "b" })).rejects.toBeInstanceOf(
      PushDeliveryError,
    );
    service.answer({ status: 413 });
    await expect(sender().send(target(), { title: "t", body: "b" })).rejects.toBeInstanceOf(
      PushRejectedError,
    );
  });

  it("a push service that never answers times out as retryable", async () => {
    service.answer("hang");
    await expect(sender(300).send(target(), { title: "t", body: "b" })).rejects.toBeInstanceOf(
      PushDeliveryError,
    );
  });

  it("an endpoint on a private address is never contacted", async () => {
    const strict = createWebPushSender({ vapid, http: createSafeHttpClient() });
    expect(await strict.send(target(), { title: "t", body: "b" })).toEqual({
      outcome: "gone",
      reason: "endpoint refused",
    });
    expect(received()).toHaveLength(0);
  });
});

describe("choosing the push sender", () => {
  it("records pushes in the dev mailbox without VAPID keys, offering a key browsers can subscribe with", async () => {
    const dev = createPushSender({});
    expect(dev.name).toBe("dev-mailbox");
    const point = Buffer.from(dev.publicKey, "base64url");
    expect(point).toHaveLength(65);
    expect(point[0]).toBe(4);
    expect(await createDevPushSender().send(target(), { title: "t", body: "b" })).toEqual({
      outcome: "delivered",
    });
    expect(received()).toHaveLength(0);
  });

  it("uses web push with both keys and refuses half a pair", () => {
    const real = createPushSender({ VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey });
    expect(real.name).toBe("web-push");
    expect(real.publicKey).toBe(vapid.publicKey);
    expect(() => createPushSender({ VAPID_PUBLIC_KEY: vapid.publicKey })).toThrow(/VAPID_PRIVATE_KEY/);
  });
});
