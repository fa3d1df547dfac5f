import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-CannaSaaS-Signature";
export const EVENT_HEADER = "X-CannaSaaS-Event";
export const DELIVERY_HEADER = "X-CannaSaaS-Delivery";
/** Receivers should refuse signatures older than this, so a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` */
export function signWebhook(secret: string, body: string, timestamp: number) {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/**
 * What a receiver does (and what the docs page shows): recompute the HMAC over the timestamp and the raw body,
 * compare in constant time, and refuse stale timestamps.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null,
  body: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): { ok: true } | { ok: false; reason: string } {
  if (!header) return { ok: false, reason: "missing signature header" };
  const parts = Object.fromEntries(
    header.split(",").map((p) => {
      const at = p.indexOf("=");
      return [p.slice(0, at).trim(), p.slice(at + 1).trim()];
    }),
  );
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1) return { ok: false, reason: "malformed signature header" };
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS))
    return { ok: false, reason: "timestamp outside the tolerance" };
  const expected = Buffer.from(hmac(secret, timestamp, body), "hex");
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(parts.v1) ? parts.v1 : "", "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "signature does not match" };
  return { ok: true };
}
