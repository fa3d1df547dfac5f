import { createDecipheriv, createECDH, hkdfSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedPush = { headers: IncomingMessage["headers"]; body: Buffer; path: string };
/** What the stand-in answers: a status (with headers), or "hang" to never answer. */
export type PushAnswer = { status: number; headers?: Record<string, string> } | "hang";

export type PushStandIn = {
  /** The origin; a subscription's endpoint is any path under it. */
  url: string;
  received: ReceivedPush[];
  /** What every request answers from now on (201 at the start); `path` sets it for one endpoint path only. */
  answer(answer: PushAnswer, path?: string): void;
  /** Forgets requests and answers. */
  reset(): void;
  close(): Promise<void>;
};

/** A push service (RFC 8030) on a loopback port: records each POST and answers as told. */
export async function startPushStandIn(): Promise<PushStandIn> {
  const received: ReceivedPush[] = [];
  let fallback: PushAnswer = { status: 201 };
  const byPath = new Map<string, PushAnswer>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "";
      received.push({ headers: req.headers, body: Buffer.concat(chunks), path });
      const answer = byPath.get(path) ?? fallback;
      if (answer === "hang") return;
      res.writeHead(answer.status, answer.headers ?? {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answer(answer, path) {
      if (path === undefined) fallback = answer;
      else byPath.set(path, answer);
    },
    reset() {
      received.length = 0;
      fallback = { status: 201 };
      byPath.clear();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A browser's subscription keys (the P-256 pair payloads are encrypted to, and the auth secret), base64url as
 * `PushSubscription.toJSON()` gives them, and the browser's side of RFC 8291 to read what was sent.
 */
export function createTestBrowser() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    p256dh: ecdh.getPublicKey().toString("base64url"),
    auth: authSecret.toString("base64url"),
    publicKey: ecdh.getPublicKey(),
    /** Decrypts an aes128gcm body the way the browser does, with its private key. */
    decrypt(body: Buffer): string {
      const salt = body.subarray(0, 16);
      const idLength = body[20]!;
      const serverPublic = body.subarray(21, 21 + idLength);
      const cipherText = body.subarray(21 + idLength);
      const shared = ecdh.computeSecret(serverPublic);
      const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), ecdh.getPublicKey(), serverPublic]);
      const ikm = Buffer.from(hkdfSync("sha256", shared, authSecret, keyInfo, 32));
      const cek = Buffer.from(
        hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16),
      );
      const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
      const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
      decipher.setAuthTag(cipherText.subarray(cipherText.length - 16));
      const padded = Buffer.concat([
        decipher.update(cipherText.subarray(0, cipherText.length - 16)),
        decipher.final(),
      ]);
      return padded.subarray(0, padded.lastIndexOf(2)).toString("utf8");
    },
  };
}

/** A VAPID key pair (P-256, base64url as web push takes them) for a sender under test. */
export function createTestVapidKeys() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return {
    subject: "mailto:ops@cannasaas.test",
    publicKey: ecdh.getPublicKey().toString("base64url"),
    privateKey: ecdh.getPrivateKey().toString("base64url"),
  };
}
