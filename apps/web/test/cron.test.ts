import { afterEach, describe, expect, it } from "vitest";
import { isAuthorizedCron } from "../src/server/cron";

const call = (authorization?: string) =>
  new Request("http://localhost/api/cron/outbox", { headers: authorization ? { authorization } : {} });

describe("cron guard", () => {
  afterEach(() => {
    delete process.env.CRON_SECRET;
  });

  it("accepts only the exact bearer secret", () => {
    process.env.CRON_SECRET = "s3cret-s3cret-s3cret";
    expect(isAuthorizedCron(call("Bearer s3cret-s3cret-s3cret"))).toBe(true);
    expect(isAuthorizedCron(call("Bearer s3cret-s3cret-s3cre"))).toBe(false);
    expect(isAuthorizedCron(call("s3cret-s3cret-s3cret"))).toBe(false);
    expect(isAuthorizedCron(call())).toBe(false);
  });

  it("refuses everything when no secret is configured", () => {
    expect(isAuthorizedCron(call("Bearer "))).toBe(false);
    expect(isAuthorizedCron(call("Bearer undefined"))).toBe(false);
  });
});
