import { describe, expect, it } from "vitest";
import { readIntegrationsEnv } from "../src/env";
import { createKv } from "../src/kv";
import { createMailTransport } from "../src/mail";

describe("readIntegrationsEnv", () => {
  it("applies defaults when nothing is set, treating blank values as unset", () => {
    expect(readIntegrationsEnv({ SMTP_URL: "", MAIL_FROM: " " })).toEqual({
      UPSTASH_REDIS_REST_URL: undefined,
      UPSTASH_REDIS_REST_TOKEN: undefined,
      SMTP_URL: undefined,
      MAIL_FROM: "CannaSaaS <no-reply@cannasaas.localhost>",
      LOG_LEVEL: "info",
      VAPID_SUBJECT: "mailto:no-reply@cannasaas.localhost",
    });
  });

  it("requires the Upstash token together with the URL", () => {
    expect(() => readIntegrationsEnv({ UPSTASH_REDIS_REST_URL: "https://eu1-x.upstash.io" })).toThrow(
      "UPSTASH_REDIS_REST_TOKEN is required when UPSTASH_REDIS_REST_URL is set",
    );
    expect(() => readIntegrationsEnv({ UPSTASH_REDIS_REST_TOKEN: "tok" })).toThrow(
      /UPSTASH_REDIS_REST_URL is required/,
    );
  });

  it("rejects non-SMTP mail URLs and unknown log levels without echoing values", () => {
    const read = () =>
      readIntegrationsEnv({ SMTP_URL: "https://user:hunter2@mail.example", LOG_LEVEL: "loud" });
    expect(read).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(read).toThrow(/LOG_LEVEL/);
    expect(read).not.toThrow(/hunter2/);
  });

  it("accepts a complete configuration", () => {
    const env = readIntegrationsEnv({
      UPSTASH_REDIS_REST_URL: "https://eu1-x.upstash.io",
      UPSTASH_REDIS_REST_TOKEN: "tok",
      SMTP_URL: "smtps://user:pw@mail.example:465",
      MAIL_FROM: "Shop <shop@example.com>",
      LOG_LEVEL: "debug",
    });
    expect(env).toMatchObject({ SMTP_URL: "smtps://user:pw@mail.example:465", LOG_LEVEL: "debug" });
  });
});

describe("factories pick the implementation from env", () => {
  it("createKv uses Upstash only when its URL is set", () => {
    expect(createKv({}).kind).toBe("memory");
    expect(
      createKv({ UPSTASH_REDIS_REST_URL: "https://eu1-x.upstash.io", UPSTASH_REDIS_REST_TOKEN: "tok" }).kind,
    ).toBe("upstash");
    expect(() => createKv({ UPSTASH_REDIS_REST_URL: "https://eu1-x.upstash.io" })).toThrow(
      /UPSTASH_REDIS_REST_TOKEN/,
    );
  });

  it("createMailTransport uses SMTP only when SMTP_URL is set", () => {
    expect(createMailTransport({}).name).toBe("dev-mailbox");
    expect(createMailTransport({ SMTP_URL: "smtp://127.0.0.1:2525" }).name).toBe("smtp");
  });
});
