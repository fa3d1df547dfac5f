import webpush from "web-push";
import { createSafeHttpClient, type SafeHttpClient } from "../http";
import {
  PushDeliveryError,
  PushRejectedError,
  type PushMessage,
  type PushOptions,
  type PushResult,
  type PushSender,
  type PushTarget,
} from "./types";

export type VapidKeys = {
  /** A mailto: or https: address push services may contact about this sender. */
  subject: string;
  publicKey: string;
  privateKey: string;
};

export type WebPushSenderOptions = {
  vapid: VapidKeys;
  /** Endpoints come from browsers, so requests go through the public-addresses-only client. */
  http?: SafeHttpClient;
  timeoutMs?: number;
};

const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

function retryAfterMs(header: string | undefined): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/**
 * Web push (RFC 8030) with VAPID (RFC 8292) and the aes128gcm payload encryption (RFC 8291). The `web-push`
 * package encrypts the payload and signs the VAPID header; the request itself goes through the safe HTTP client,
 * because the endpoint is an address a browser handed us and must not reach private networks.
 */
export function createWebPushSender(options: WebPushSenderOptions): PushSender {
  const http = options.http ?? createSafeHttpClient();
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    name: "web-push",
    publicKey: options.vapid.publicKey,
    async send(target: PushTarget, message: PushMessage, sendOptions: PushOptions = {}): Promise<PushResult> {
      const details = webpush.generateRequestDetails(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        JSON.stringify(message),
        {
          vapidDetails: options.vapid,
          TTL: sendOptions.ttlSeconds ?? DEFAULT_TTL_SECONDS,
          urgency: sendOptions.urgency ?? "normal",
          contentEncoding: "aes128gcm",
          ...(sendOptions.topic ? { topic: sendOptions.topic } : {}),
        },
      );
      const headers = Object.fromEntries(
        Object.entries(details.headers).map(([name, value]) => [name, String(value)]),
      );
      const answer = await http.post(details.endpoint, {
        headers,
        body: details.body ?? Buffer.alloc(0),
        timeoutMs,
      });
      if (!answer.ok) {
        if (answer.reason === "refused") return { outcome: "gone", reason: "endpoint refused" };
        throw new PushDeliveryError("Push service unreachable");
      }
      const { status } = answer;
      if (status >= 200 && status < 300) return { outcome: "delivered" };
      if (status === 404 || status === 410)
        return { outcome: "gone", reason: `push service answered ${status}` };
      if (status === 429 || status >= 500) {
        throw new PushDeliveryError(
          `Push service answered ${status}`,
          retryAfterMs(answer.headers["retry-after"]),
        );
      }
      throw new PushRejectedError(`Push service refused the message (${status})`);
    },
  };
}
