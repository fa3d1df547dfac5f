export type SmsMessage = {
  /** The recipient in E.164 (+14155550101). */
  to: string;
  body: string;
  /** The sending number in E.164; the provider's configured sender when absent. */
  from?: string;
};

export interface SmsProvider {
  readonly name: "twilio" | "dev-mailbox";
  /** Resolves once the provider accepted the message; rejects with an `SmsDeliveryError` otherwise. */
  send(message: SmsMessage): Promise<{ messageId: string | null }>;
}

/**
 * Every failed send is one of these kinds, so the queue decides without parsing messages:
 * - rate_limited: 429, wait `retryAfterMs`; server, timeout, network: retry with backoff.
 * - rejected: another 4xx (an invalid or unreachable number, a blocked recipient): retrying will not help.
 * - auth: 401/403, the credentials are wrong.
 */
export type SmsErrorKind = "rate_limited" | "server" | "timeout" | "network" | "rejected" | "auth";

export class SmsDeliveryError extends Error {
  override name = "SmsDeliveryError";
  constructor(
    readonly kind: SmsErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; providerCode?: number } = {},
  ) {
    super(message);
  }

  get retryable(): boolean {
    return !["rejected", "auth"].includes(this.kind);
  }
}

export const isSmsDeliveryError = (error: unknown): error is SmsDeliveryError =>
  error instanceof SmsDeliveryError;
