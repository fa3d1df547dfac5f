import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { users, userTokens } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { consumeUserToken, issueUserToken, TOKEN_TTL_MS } from "../src/tokens";
import { domainError } from "./helpers";

let handle: DatabaseHandle;
let userId: string;
const now = new Date("2026-03-01T12:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  const [user] = await handle.db
    .insert(users)
    .values({ email: "tokens@example.test" })
    .returning({ id: users.id });
  userId = user!.id;
});
afterAll(async () => handle?.close());

const issue = (kind: "verify_email" | "reset_password" = "verify_email", at = now) =>
  issueUserToken(handle.db, { userId, kind, organizationId: null, now: at });

describe("single-use tokens", () => {
  it("stores only a hash of the token, with the kind's expiry", async () => {
    const raw = await issue("reset_password");
    expect(raw.length).toBeGreaterThanOrEqual(40);
    const hash = createHash("sha256").update(raw).digest("hex");
    const [row] = await handle.db.select().from(userTokens).where(eq(userTokens.tokenHash, hash));
    expect(row).toMatchObject({ userId, kind: "reset_password", usedAt: null });
    expect(row!.expiresAt.getTime()).toBe(now.getTime() + TOKEN_TTL_MS.reset_password);
    expect(JSON.stringify(row)).not.toContain(raw);
  });

  it("works once; a second use is refused as used", async () => {
    const raw = await issue();
    await expect(consumeUserToken(handle.db, raw, "verify_email", now)).resolves.toEqual({
      userId,
      organizationId: null,
    });
    const error = await domainError(consumeUserToken(handle.db, raw, "verify_email", now));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.details).toEqual({ reason: "used" });
    expect(error.message).toMatch(/already been used/);
  });

  it("refuses an expired token as expired, and it stays unused", async () => {
    const raw = await issue("reset_password");
    const later = new Date(now.getTime() + TOKEN_TTL_MS.reset_password + 1);
    const error = await domainError(consumeUserToken(handle.db, raw, "reset_password", later));
    expect(error.details).toEqual({ reason: "expired" });
    expect(error.message).toMatch(/expired/);
    // Exactly at the expiry instant it no longer works either.
    const atExpiry = new Date(now.getTime() + TOKEN_TTL_MS.reset_password);
    expect((await domainError(consumeUserToken(handle.db, raw, "reset_password", atExpiry))).details).toEqual(
      {
        reason: "expired",
      },
    );
    // Just before expiry it still works.
    const justBefore = new Date(atExpiry.getTime() - 1);
    await expect(consumeUserToken(handle.db, raw, "reset_password", justBefore)).resolves.toMatchObject({
      userId,
    });
  });

  it("refuses an unknown token as unknown", async () => {
    const error = await domainError(
      consumeUserToken(handle.db, "not-a-token-we-ever-issued", "verify_email", now),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.details).toEqual({ reason: "unknown" });
  });

  it("refuses a token of another kind as unknown, and leaves it usable for its own kind", async () => {
    const raw = await issue("verify_email");
    const error = await domainError(consumeUserToken(handle.db, raw, "reset_password", now));
    expect(error.details).toEqual({ reason: "unknown" });
    await expect(consumeUserToken(handle.db, raw, "verify_email", now)).resolves.toMatchObject({ userId });
  });

  it("lets exactly one of two concurrent uses succeed", async () => {
    for (let round = 0; round < 5; round++) {
      const raw = await issue("reset_password");
      const results = await Promise.allSettled([
        handle.db.transaction((tx) => consumeUserToken(tx, raw, "reset_password", now)),
        handle.db.transaction((tx) => consumeUserToken(tx, raw, "reset_password", now)),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      expect(rejected?.reason).toMatchObject({ code: "BAD_REQUEST", details: { reason: "used" } });
    }
  });
});
