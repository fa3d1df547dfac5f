import twilio from "twilio";
import { SmsDeliveryError, type SmsMessage, type SmsProvider } from "./types";

export type TwilioSettings = {
  accountSid: string;
  authToken: string;
  /** The platform's sending number (E.164), or a Messaging Service that picks the sender. */
  from: string | null;
  messagingServiceSid: string | null;
  /** Points every call at another origin (a stand-in in tests); Twilio's own host when null. */
  baseUrl: string | null;
  timeoutMs: number;
};

type RequestOpts = Parameters<InstanceType<typeof twilio.RequestClient>["request"]>[0];
type RawResponse = { statusCode: number; body: unknown; headers: Record<string, unknown> };

/** Twilio's error JSON: `{ code, message, more_info, status }`. */
const twilioError = (body: unknown): { code?: number; message?: string } => {
  try {
    const parsed = typeof body === "string" ? (JSON.parse(body) as unknown) : body;
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
};

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
function retryAfterMs(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== "string" || !value.trim()) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The SDK's request client, sending to `baseUrl` when set, and turning every non-2xx answer into an
 * `SmsDeliveryError` with the status, Twilio's error code and Retry-After (the SDK's own exception drops the
 * headers). No automatic retries here: the marketing queue retries with backoff and dead-letters.
 */
class SmsRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: URL | null,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs, autoRetry: false });
  }

  override async request<T>(opts: RequestOpts): Promise<T> {
    let uri = opts.uri;
    if (this.baseUrl && uri) {
      const original = new URL(uri);
      uri = new URL(
        `${this.baseUrl.pathname.replace(/\/$/, "")}${original.pathname}${original.search}`,
        this.baseUrl,
      ).href;
    }
    let response: RawResponse;
    try {
      response = await super.request({ ...opts, uri });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ECONNABORTED" || code === "ETIMEDOUT" || /timeout/i.test(String(error))) {
        throw new SmsDeliveryError("timeout", "Twilio did not answer in time.");
      }
      throw new SmsDeliveryError("network", `Could not reach Twilio (${code ?? "network error"}).`);
    }
    const { statusCode: status } = response;
    if (status >= 200 && status < 300) return response as T;
    const { code, message } = twilioError(response.body);
    const said = message ? `: ${message}` : "";
    const details = { status, ...(code ? { providerCode: code } : {}) };
    if (status === 429) {
      throw new SmsDeliveryError("rate_limited", `Twilio is rate limiting (429)${said}`, {
        ...details,
        retryAfterMs: retryAfterMs(response.headers["retry-after"]),
      });
    }
    if (status === 401 || status === 403) {
      throw new SmsDeliveryError("auth", `Twilio refused the credentials (${status})${said}`, details);
    }
    if (status >= 500) throw new SmsDeliveryError("server", `Twilio failed (${status})${said}`, details);
    throw new SmsDeliveryError(
      "rejected",
      `Twilio refused the message (${status}${code ? `, code ${code}` : ""})${said}`,
      details,
    );
  }
}

/** Sends through Twilio's Messages API with the `twilio` SDK. */
export function createTwilioSms(settings: TwilioSettings): SmsProvider {
  if (!settings.from && !settings.messagingServiceSid) {
    throw new Error("Twilio needs TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID.");
  }
  const client = twilio(settings.accountSid, settings.authToken, {
    httpClient: new SmsRequestClient(settings.baseUrl ? new URL(settings.baseUrl) : null, settings.timeoutMs),
    autoRetry: false,
  });
  return {
    name: "twilio",
    async send(message: SmsMessage) {
      // A 2xx means Twilio accepted the message; an unreadable body must not make the queue send it again.
      let created: { sid?: string } | undefined;
      try {
        created = await client.messages.create({
          to: message.to,
          body: message.body,
          ...(message.from
            ? { from: message.from }
            : settings.messagingServiceSid
              ? { messagingServiceSid: settings.messagingServiceSid }
              : { from: settings.from! }),
        });
      } catch (error) {
        if (error instanceof SmsDeliveryError) throw error;
        if (error instanceof SyntaxError) return { messageId: null };
        throw error;
      }
      return { messageId: typeof created?.sid === "string" ? created.sid : null };
    },
  };
}

/**
 * Whether a webhook request came from Twilio: `X-Twilio-Signature` over `url` (the address Twilio was told to
 * call, from configuration, never from the request's headers) and the posted form fields.
 */
export function verifyTwilioSignature(
  authToken: string,
  signature: string | null,
  url: string,
  params: Record<string, string>,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}
