import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";

/**
 * What the next Messages request answers instead of creating a message:
 * - "rate_limit": 429 with Retry-After and Twilio's error JSON (code 20429);
 * - "server_error": 500 with an error JSON; "empty": 201 with an empty body (the message IS created);
 * - "hang": no answer until the client gives up (not created).
 * Invalid numbers (not E.164, or Twilio's magic invalid number +15005550001) are refused with 400 and code
 * 21211 as Twilio does, without any fault queued.
 */
export type TwilioFault = "rate_limit" | "server_error" | "empty" | "hang";

export type StandInSms = {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
};

export type TwilioStandIn = Awaited<ReturnType<typeof startTwilioStandIn>>;

const E164 = /^\+[1-9]\d{6,14}$/;

export async function startTwilioStandIn(options: {
  accountSid: string;
  authToken: string;
  retryAfterSeconds?: number;
  hangMs?: number;
}) {
  const faults: TwilioFault[] = [];
  const messages: StandInSms[] = [];
  const requests: Array<{ path: string; authorized: boolean; contentType: string | undefined }> = [];
  const expectedAuth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: number, message: string, headers = {}) =>
    json(
      res,
      status,
      { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
      headers,
    );

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    const authorized = req.headers.authorization === expectedAuth;
    requests.push({ path, authorized, contentType: req.headers["content-type"] });
    const route = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (!route || req.method !== "POST")
      return error(res, 404, 20404, "The requested resource was not found");
    if (!authorized || route[1] !== options.accountSid) return error(res, 401, 20003, "Authenticate");
    if (!req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) {
      return error(res, 400, 21000, "Expected a form-encoded body");
    }
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const fault = faults.shift();
    if (fault === "hang") {
      setTimeout(() => res.destroy(), options.hangMs ?? 2_000).unref();
      return;
    }
    if (fault === "rate_limit") {
      return error(res, 429, 20429, "Too Many Requests", {
        "retry-after": String(options.retryAfterSeconds ?? 7),
      });
    }
    if (fault === "server_error") return error(res, 500, 20500, "Internal Server Error");
    const to = form.get("To") ?? "";
    const from = form.get("From");
    const messagingServiceSid = form.get("MessagingServiceSid");
    const body = form.get("Body") ?? "";
    if (!E164.test(to) || to === "+15005550001") {
      return error(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    }
    if (!from && !messagingServiceSid) return error(res, 400, 21603, "A 'From' phone number is required.");
    if (!body) return error(res, 400, 21602, "Message body is required.");
    if (body.length > 1600)
      return error(res, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");
    const sms: StandInSms = {
      sid: `SM${randomBytes(16).toString("hex")}`,
      to,
      from,
      messagingServiceSid,
      body,
    };
    messages.push(sms);
    if (fault === "empty") {
      res.writeHead(201, { "content-type": "application/json" });
      return res.end();
    }
    const now = new Date().toUTCString();
    json(res, 201, {
      sid: sms.sid,
      account_sid: options.accountSid,
      to,
      from: from ?? null,
      messaging_service_sid: messagingServiceSid ?? null,
      body,
      status: "queued",
      num_segments: "1",
      direction: "outbound-api",
      date_created: now,
      date_updated: now,
      date_sent: null,
      error_code: null,
      error_message: null,
      price: null,
      price_unit: "USD",
      api_version: "2010-04-01",
      uri: `/2010-04-01/Accounts/${options.accountSid}/Messages/${sms.sid}.json`,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    requests,
    /** Queues faults answered by the next requests, in order. */
    fail: (...next: TwilioFault[]) => faults.push(...next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The X-Twilio-Signature Twilio would send for a webhook to `url` with these form fields. */
export const signTwilioWebhook = (authToken: string, url: string, params: Record<string, string>) =>
  twilio.getExpectedTwilioSignature(authToken, url, params);
