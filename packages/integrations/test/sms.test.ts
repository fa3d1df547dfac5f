import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSmsSettings } from "../src/env";
import {
  createDevMailboxSms,
  createSmsProvider,
  createTwilioSms,
  isSmsDeliveryError,
  verifyTwilioSignature,
  type SmsDeliveryError,
} from "../src/sms";
import { startTwilioStandIn, type TwilioStandIn } from "../src/testing";
import twilio from "twilio";

const SID = `AC${"a1".repeat(16)}`;
const TOKEN = "stand-in-auth-token-0123456789";
const FROM = "+14155550100";

let standIn: TwilioStandIn;
beforeAll(async () => {
  standIn = await startTwilioStandIn({
    accountSid: SID,
    authToken: TOKEN,
    retryAfterSeconds: 9,
    hangMs: 2_000,
  });
});
afterAll(async () => standIn?.close());

const provider = (overrides: Partial<Parameters<typeof createTwilioSms>[0]> = {}) =>
  createTwilioSms({
    accountSid: SID,
    authToken: TOKEN,
    from: FROM,
    messagingServiceSid: null,
    baseUrl: standIn.url,
    timeoutMs: 500,
    ...overrides,
  });

async function failure(promise: Promise<unknown>): Promise<SmsDeliveryError> {
  try {
    await promise;
  } catch (error) {
    if (isSmsDeliveryError(error)) return error;
    throw error;
  }
  throw new Error("expected the send to fail");
}

describe("Twilio SMS adapter against a stand-in of the Messages API", () => {
  it("posts a form-encoded message with basic auth and returns Twilio's sid", async () => {
    const sent = await provider().send({ to: "+14155550123", body: "Hello from Greenleaf" });
    const last = standIn.messages.at(-1)!;
    expect(sent.messageId).toBe(last.sid);
    expect(last).toMatchObject({ to: "+14155550123", from: FROM, body: "Hello from Greenleaf" });
    const request = standIn.requests.at(-1)!;
    expect(request.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(request.authorized).toBe(true);
    expect(request.contentType).toMatch(/application\/x-www-form-urlencoded/);
  });

  it("uses the message's own sender, else the Messaging Service", async () => {
    await provider().send({ to: "+14155550124", body: "a", from: "+14155550199" });
    expect(standIn.messages.at(-1)!.from).toBe("+14155550199");
    const service = `MG${"b2".repeat(16)}`;
    await provider({ from: null, messagingServiceSid: service }).send({ to: "+14155550125", body: "b" });
    expect(standIn.messages.at(-1)).toMatchObject({ from: null, messagingServiceSid: service });
  });

  it("reports 429 as rate limited with Retry-After, and sends nothing", async () => {
    const before = standIn.messages.length;
    standIn.fail("rate_limit");
    const error = await failure(provider().send({ to: "+14155550126", body: "x" }));
    expect(error.kind).toBe("rate_limited");
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ status: 429, retryAfterMs: 9_000, providerCode: 20429 });
    expect(standIn.messages.length).toBe(before);
  });

  it("reports 500 as a retryable server failure", async () => {
    standIn.fail("server_error");
    const error = await failure(provider().send({ to: "+14155550127", body: "x" }));
    expect(error.kind).toBe("server");
    expect(error.retryable).toBe(true);
    expect(error.details.status).toBe(500);
  });

  it("refuses an invalid number with Twilio's 400 and code 21211, not retryable", async () => {
    const error = await failure(provider().send({ to: "+15005550001", body: "x" }));
    expect(error.kind).toBe("rejected");
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({ status: 400, providerCode: 21211 });
    expect(error.message).toMatch(/not a valid phone number/);
  });

  it("treats a 201 with an empty body as accepted (the message exists; sending again would duplicate it)", async () => {
    const before = standIn.messages.length;
    standIn.fail("empty");
    const sent = await provider().send({ to: "+14155550128", body: "x" });
    expect(sent.messageId).toBeNull();
    expect(standIn.messages.length).toBe(before + 1);
  });

  it("gives up on a silent server with a retryable time-out", async () => {
    standIn.fail("hang");
    const error = await failure(provider().send({ to: "+14155550129", body: "x" }));
    expect(error.kind).toBe("timeout");
    expect(error.retryable).toBe(true);
  });

  it("reports wrong credentials as auth, not retryable", async () => {
    const error = await failure(
      provider({ authToken: "wrong-token-0123456789" }).send({ to: "+14155550130", body: "x" }),
    );
    expect(error.kind).toBe("auth");
    expect(error.retryable).toBe(false);
  });
});

describe("SMS settings and the local default", () => {
  it("uses the dev mailbox without credentials and Twilio with them", () => {
    expect(createSmsProvider({}).name).toBe("dev-mailbox");
    expect(
      createSmsProvider({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: FROM }).name,
    ).toBe("twilio");
  });

  it("refuses half a configuration, naming the variable and never its value", () => {
    expect(() => readSmsSettings({ TWILIO_ACCOUNT_SID: SID })).toThrow(/TWILIO_AUTH_TOKEN/);
    expect(() => readSmsSettings({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN })).toThrow(
      /TWILIO_FROM/,
    );
    expect(() =>
      readSmsSettings({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: "415-555-0100" }),
    ).toThrow(/E\.164/);
    try {
      readSmsSettings({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: "short" });
    } catch (error) {
      expect(String(error)).not.toContain("short");
    }
  });

  it("the dev mailbox accepts every message with an id", async () => {
    const sent = await createDevMailboxSms().send({ to: "+14155550131", body: "x" });
    expect(sent.messageId).toMatch(/^SMdev/);
  });
});

describe("Twilio webhook signatures", () => {
  const url = "https://cannasaas.app/api/webhooks/twilio/sms";
  const params = { From: "+14155550123", To: FROM, Body: "STOP", MessageSid: "SM1" };

  it("accepts Twilio's signature over the configured URL and the form fields", () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, params);
    expect(verifyTwilioSignature(TOKEN, signature, url, params)).toBe(true);
  });

  it("refuses a missing signature, another token, another URL or altered fields", () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, params);
    expect(verifyTwilioSignature(TOKEN, null, url, params)).toBe(false);
    expect(verifyTwilioSignature("another-token-0123456789", signature, url, params)).toBe(false);
    expect(
      verifyTwilioSignature(TOKEN, signature, "https://evil.example/api/webhooks/twilio/sms", params),
    ).toBe(false);
    expect(verifyTwilioSignature(TOKEN, signature, url, { ...params, Body: "START" })).toBe(false);
  });
});
