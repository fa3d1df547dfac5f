import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { customers, users } from "@cannasaas/db/schema";
import { verifyPassword } from "@cannasaas/auth";
import { codeOf, outboxPayload, rowCounts, tokenFrom, trpcError } from "../helpers";
import { ZodError } from "zod";
import {
  A,
  api,
  B,
  C,
  customerCount,
  delivered,
  handle,
  HOST,
  NO_STOREFRONT,
  PASSWORD,
  shopperOf,
  signUpInput,
  staff,
} from "./world";

const versionOf = async (userId: string) =>
  (await handle.db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)))[0]!.v;
const versionsOf = (userIds: string[]) => Promise.all(userIds.map(versionOf));

export const accountEntries: Record<string, () => void> = {
  "account.signUp": () => {
    it("creates a customer of the host store only and queues the verification email", async () => {
      const before = {
        a: await customerCount(A.org.id),
        b: await customerCount(B.org.id),
        c: await customerCount(C.org.id),
      };
      const deliveredBefore = delivered.length;
      const result = await (await api(HOST.a)).account.signUp(signUpInput("New.Person@Example.test"));
      expect(result.message).toMatch(/check your email/i);

      const [user] = await handle.db.select().from(users).where(eq(users.email, "new.person@example.test"));
      const rows = await handle.db.select().from(customers).where(eq(customers.userId, user!.id));
      expect(rows.map((r) => r.organizationId)).toEqual([A.org.id]);
      expect({
        a: await customerCount(A.org.id),
        b: await customerCount(B.org.id),
        c: await customerCount(C.org.id),
      }).toEqual({
        ...before,
        a: before.a + 1,
      });

      const sent = delivered.slice(deliveredBefore);
      expect(sent).toHaveLength(1);
      const { row, payload } = await outboxPayload(handle.db, sent[0]!);
      expect(row.organizationId).toBe(A.org.id);
      expect(payload.to).toBe("new.person@example.test");
      expect(payload.text).toContain(`http://${HOST.a}/verify-email?token=`);
    });
    it("creates a customer of B when signing up on B's host", async () => {
      await (await api(HOST.b)).account.signUp(signUpInput("b-only@example.test"));
      const [user] = await handle.db.select().from(users).where(eq(users.email, "b-only@example.test"));
      const rows = await handle.db.select().from(customers).where(eq(customers.userId, user!.id));
      expect(rows.map((r) => r.organizationId)).toEqual([B.org.id]);
    });
    it.each(NO_STOREFRONT)("is NOT_FOUND on %s and writes nothing", async (host) => {
      const before = await rowCounts(handle.db);
      expect(
        await codeOf(
          (await api(host)).account.signUp(
            signUpInput(`off-${crypto.randomUUID().slice(0, 8)}@example.test`),
          ),
        ),
      ).toBe("NOT_FOUND");
      expect(await rowCounts(handle.db)).toEqual(before);
    });
    it("refuses under-21s at an adult-use store, writing nothing", async () => {
      const before = await rowCounts(handle.db);
      const young = await trpcError(
        (await api(HOST.a)).account.signUp(signUpInput("young@example.test", { dateOfBirth: "2010-01-01" })),
      );
      expect(young.code).toBe("FORBIDDEN");
      expect(young.message).toContain("21");
      expect(await rowCounts(handle.db)).toEqual(before);
    });
    it("answers an existing email exactly like a new one, and only emails that account's owner", async () => {
      const fresh = await (await api(HOST.b)).account.signUp(signUpInput("dup-probe-new@example.test"));
      const before = await rowCounts(handle.db);
      const deliveredBefore = delivered.length;
      const dup = await (await api(HOST.b)).account.signUp(signUpInput(A.shopper.email.toUpperCase()));
      expect(dup).toEqual(fresh);
      // No account, customer or token is written for it: only the note to the existing owner.
      expect(await rowCounts(handle.db)).toEqual({ ...before, outbox: before.outbox + 1 });
      const sent = delivered.slice(deliveredBefore);
      expect(sent).toHaveLength(1);
      const { row, payload } = await outboxPayload(handle.db, sent[0]!);
      expect(row).toMatchObject({ organizationId: B.org.id, topic: "auth.account_exists" });
      expect(payload.to).toBe(A.shopper.email);
      expect(payload.subject).toMatch(/already have an account/);
      expect(payload.text).toContain(`http://${HOST.b}/sign-in`);
      expect(payload.text).not.toMatch(/token=/);
    });
    it("answers invalid input with BAD_REQUEST and the first problem in plain words", async () => {
      const before = await rowCounts(handle.db);
      const error = await trpcError(
        (await api(HOST.a)).account.signUp(
          signUpInput("not-an-email", { password: "short", dateOfBirth: "2001-02-30" }),
        ),
      );
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toBe("Enter a valid email address, like name@example.com.");
      expect(error.message).not.toMatch(/[[{"]/);
      expect(error.cause).toBeInstanceOf(ZodError);
      const dateOnly = await trpcError(
        (await api(HOST.a)).account.signUp(signUpInput("date@example.test", { dateOfBirth: "2001-02-30" })),
      );
      expect(dateOnly.message).toBe("That date of birth is not a real date.");
      expect(await rowCounts(handle.db)).toEqual(before);
    });
  },

  "account.verifyEmail": () => {
    it("works from any host, once", async () => {
      const before = delivered.length;
      await (await api(HOST.a)).account.signUp(signUpInput("verify-any-host@example.test"));
      const token = tokenFrom((await outboxPayload(handle.db, delivered[before]!)).payload, "/verify-email");
      // Opened on another store's host: the link still verifies the account.
      expect(await (await api(HOST.b)).account.verifyEmail({ token })).toEqual({ verified: true });
      const [user] = await handle.db
        .select()
        .from(users)
        .where(eq(users.email, "verify-any-host@example.test"));
      expect(user?.emailVerified).toBeInstanceOf(Date);
      const again = await trpcError((await api(HOST.platform)).account.verifyEmail({ token }));
      expect(again.code).toBe("BAD_REQUEST");
      expect(again.message).toMatch(/already been used/);
    });
    it.each([HOST.platform, HOST.reserved, HOST.c])("verifies from %s too", async (host) => {
      const before = delivered.length;
      const email = `verify-${host.split(".")[0]}@example.test`.replace(":", "-");
      await (await api(HOST.b)).account.signUp(signUpInput(email));
      const token = tokenFrom((await outboxPayload(handle.db, delivered[before]!)).payload, "/verify-email");
      expect(await (await api(host)).account.verifyEmail({ token })).toEqual({ verified: true });
    });
    it("refuses unknown and empty tokens with a readable BAD_REQUEST", async () => {
      const unknown = await trpcError((await api(HOST.a)).account.verifyEmail({ token: "x".repeat(43) }));
      expect(unknown.code).toBe("BAD_REQUEST");
      expect(unknown.message).toMatch(/not valid/);
      const empty = await trpcError((await api(HOST.a)).account.verifyEmail({ token: "" }));
      expect(empty).toMatchObject({ code: "BAD_REQUEST", message: "This verification link is incomplete." });
    });
  },

  "account.requestPasswordReset": () => {
    it.each([HOST.a, HOST.b, HOST.c, HOST.platform, HOST.reserved])(
      "on %s, answers the same for known and unknown emails; only a known one gets an email",
      async (host) => {
        const outboxBefore = (await rowCounts(handle.db)).outbox;
        const known = await (await api(host)).account.requestPasswordReset({ email: A.staff.viewer.email });
        expect((await rowCounts(handle.db)).outbox).toBe(outboxBefore + 1);
        const unknown = await (
          await api(host)
        ).account.requestPasswordReset({ email: "nobody-at-all@example.test" });
        expect((await rowCounts(handle.db)).outbox).toBe(outboxBefore + 1);
        expect(unknown).toEqual(known);
        expect(known.message).toBe("If an account exists for that email, a reset link is on its way.");
      },
    );
    it("links back to the store on a storefront and to the dashboard on the platform", async () => {
      const before = delivered.length;
      await (await api(HOST.a)).account.requestPasswordReset({ email: B.staff.driver.email });
      await (await api(HOST.platform)).account.requestPasswordReset({ email: B.staff.driver.email });
      const [store, platform] = await Promise.all(
        delivered.slice(before).map((id) => outboxPayload(handle.db, id)),
      );
      expect(store!.row.organizationId).toBe(A.org.id);
      expect(store!.payload.text).toContain(`http://${HOST.a}/reset-password?token=`);
      expect(platform!.row.organizationId).toBeNull();
      expect(platform!.payload.text).toContain(`http://${HOST.platform}/dashboard/reset-password?token=`);
    });
    it("limits requests per client address without revealing anything", async () => {
      const ip = "203.0.113.200";
      for (let i = 0; i < 10; i++) {
        await (await api(HOST.a, { ip })).account.requestPasswordReset({ email: `nobody-${i}@example.test` });
      }
      const outboxBefore = (await rowCounts(handle.db)).outbox;
      const limited = await (
        await api(HOST.a, { ip })
      ).account.requestPasswordReset({ email: A.staff.owner.email });
      expect(limited.message).toMatch(/too many requests/i);
      expect((await rowCounts(handle.db)).outbox).toBe(outboxBefore);
    });
    it("rejects a malformed email with a readable BAD_REQUEST", async () => {
      const error = await trpcError((await api(HOST.a)).account.requestPasswordReset({ email: "nope" }));
      expect(error).toMatchObject({
        code: "BAD_REQUEST",
        message: "Enter a valid email address, like name@example.com.",
      });
    });
  },

  "account.resetPassword": () => {
    it("resets from any host, once, and the new password is the one that works", async () => {
      const before = delivered.length;
      await (await api(HOST.a)).account.requestPasswordReset({ email: A.staff.budtender.email });
      const token = tokenFrom(
        (await outboxPayload(handle.db, delivered[before]!)).payload,
        "/reset-password",
      );
      expect(
        await (await api(HOST.b)).account.resetPassword({ token, password: "budtender-new-pass" }),
      ).toEqual({ reset: true });
      const [user] = await handle.db.select().from(users).where(eq(users.id, A.staff.budtender.id));
      expect(await verifyPassword(user!.passwordHash, "budtender-new-pass")).toBe(true);
      expect(await verifyPassword(user!.passwordHash, PASSWORD)).toBe(false);
      const again = await trpcError(
        (await api(HOST.platform)).account.resetPassword({ token, password: "yet-another-pass" }),
      );
      expect(again.code).toBe("BAD_REQUEST");
      expect(again.message).toMatch(/already been used/);
    });
    it("refuses an unknown token and a short password with readable messages", async () => {
      const unknown = await trpcError(
        (await api(HOST.a)).account.resetPassword({ token: "y".repeat(43), password: "long-enough-pass" }),
      );
      expect(unknown.code).toBe("BAD_REQUEST");
      expect(unknown.message).toMatch(/not valid/);
      const short = await trpcError(
        (await api(HOST.a)).account.resetPassword({ token: "y".repeat(43), password: "short" }),
      );
      expect(short).toMatchObject({
        code: "BAD_REQUEST",
        message: "Use at least 10 characters for your password.",
      });
    });
  },

  "account.signOutEverywhere": () => {
    it.each(Object.values(HOST))(
      "refuses a signed-out caller on %s and ends nobody's sessions",
      async (host) => {
        const everyone = [A.shopper.userId, B.shopper.userId, A.staff.owner.id];
        const before = await versionsOf(everyone);
        expect(await codeOf((await api(host)).account.signOutEverywhere())).toBe("UNAUTHORIZED");
        expect(await versionsOf(everyone)).toEqual(before);
      },
    );
    it("ends the caller's own sessions only, from a storefront or the dashboard", async () => {
      const others = [B.shopper.userId, A.staff.owner.id, B.staff.viewer.id];
      const othersBefore = await versionsOf(others);
      const shopperBefore = await versionOf(A.shopper.userId);
      expect(await (await api(HOST.a, { user: shopperOf(A) })).account.signOutEverywhere()).toEqual({
        signedOut: true,
      });
      expect(await versionOf(A.shopper.userId)).toBe(shopperBefore + 1);

      const viewerBefore = await versionOf(A.staff.viewer.id);
      await (
        await api(HOST.platform, { user: staff(A, "viewer"), org: B.org.id })
      ).account.signOutEverywhere();
      expect(await versionOf(A.staff.viewer.id)).toBe(viewerBefore + 1);
      expect(await versionsOf(others)).toEqual(othersBefore);
    });
  },
};
