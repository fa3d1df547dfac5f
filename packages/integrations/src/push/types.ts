/** Where and how to reach one browser: the push service endpoint and the browser's keys (base64url). */
export type PushTarget = { endpoint: string; p256dh: string; auth: string };

/** What the service worker shows: a notification's title and body, and the page a tap opens. */
/**
 * What a notification shows and opens. `url` is a page of the site; `orderId` names an order whose page the
 * service worker opens, so the domain never writes page paths.
 */
export type PushMessage = { title: string; body: string; url?: string; orderId?: string; tag?: string };

export type PushOptions = {
  /** Seconds the push service keeps the message for an offline browser. */
  ttlSeconds?: number;
  urgency?: "very-low" | "low" | "normal" | "high";
  /** Replaces an undelivered earlier message with the same topic (the push service's collapse key). */
  topic?: string;
};

/**
 * "delivered": the push service accepted it. "gone": the subscription no longer exists (404/410) or its
 * endpoint may not be used; the caller deletes it and does not retry.
 */
export type PushResult = { outcome: "delivered" } | { outcome: "gone"; reason: string };

/** The push service could not take the message now (429, 5xx, time-out, network): try again later. */
export class PushDeliveryError extends Error {
  override name = "PushDeliveryError";
  constructor(
    message: string,
    /** When the service asked to wait (Retry-After), in milliseconds. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** The service refused the message itself (400, 403, 413): sending it again would fail the same way. */
export class PushRejectedError extends Error {
  override name = "PushRejectedError";
}

export interface PushSender {
  readonly name: "web-push" | "dev-mailbox";
  /** The VAPID public key browsers subscribe with (base64url, an uncompressed P-256 point). */
  readonly publicKey: string;
  send(target: PushTarget, message: PushMessage, options?: PushOptions): Promise<PushResult>;
}
