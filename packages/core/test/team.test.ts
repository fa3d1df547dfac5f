import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { invitations, memberships, outboxMessages, users, type EmailPayload } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  acceptInvitation,
  changeMemberRole,
  createInvitation,
  describeInvitation,
  DomainError,
  listInvitations,
  removeMember,
  resendInvitation,
  revokeInvitation,
  type StaffRole,
} from "../src";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
let A: FixtureTenant;
let B: FixtureTenant;
let now = new Date("2026-03-01T12:00:00Z");
const deps = () => ({ db: handle.db, kv: kv.kv, clock: () => now });
const BASE = "http://localhost:3000";
const inviteLink = (token: string) => `${BASE}/invite/${token}`;

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  A = await createFixtureTenant(handle.db, { tag: "team-a", passwordHash: "x" });
  B = await createFixtureTenant(handle.db, { tag: "team-b", passwordHash: "x" });
});
afterAll(async () => {
  await kv?.close();
  await handle?.close();
});

const actor = (t: FixtureTenant, role: StaffRole) => ({
  organizationId: t.org.id,
  userId: t.staff[role].id,
  role,
});

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => new Error("expected a failure"),
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw error;
  return error;
}

async function tokenOf(outboxId: string) {
  const [row] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, outboxId));
  const payload = row!.payload as EmailPayload;
  const match = /\/invite\/([A-Za-z0-9_-]+)/.exec(payload.text);
  return { token: match![1]!, payload };
}

async function memberRole(t: FixtureTenant, userId: string) {
  const [row] = await handle.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, t.org.id), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

const userCount = async () => (await handle.db.select({ n: count() }).from(users))[0]!.n;

describe("invitations", () => {
  it("emails a single-use link whose hash only is stored, and a new person accepts it as a verified user", async () => {
    const { invitation, outboxIds } = await createInvitation(deps(), actor(A, "admin"), {
      email: "  New.Budtender@Example.test ",
      role: "budtender",
      link: inviteLink,
    });
    expect(invitation).toMatchObject({ email: "new.budtender@example.test", role: "budtender" });
    const { token, payload } = await tokenOf(outboxIds[0]!);
    expect(payload.to).toBe("new.budtender@example.test");
    expect(payload.subject).toContain("Store team-a");
    const [row] = await handle.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row!.tokenHash).not.toContain(token);
    expect(row!.expiresAt.getTime() - now.getTime()).toBe(7 * 24 * 60 * 60_000);

    expect(await describeInvitation(deps(), token)).toMatchObject({
      state: "valid",
      organizationName: "Store team-a",
      role: "budtender",
      hasAccount: false,
    });
    const accepted = await acceptInvitation(deps(), {
      token,
      as: { newUser: { name: "Nia", passwordHash: "hash" } },
    });
    expect(accepted).toMatchObject({ organizationId: A.org.id, role: "budtender" });
    const [user] = await handle.db.select().from(users).where(eq(users.id, accepted.userId));
    expect(user).toMatchObject({ email: "new.budtender@example.test", name: "Nia" });
    expect(user!.emailVerified).toEqual(now);
    expect(await memberRole(A, accepted.userId)).toBe("budtender");
    expect(await memberRole(B, accepted.userId)).toBeNull();

    // Reused: refused with a clear message, nothing more written.
    const before = await userCount();
    const reused = await failure(
      acceptInvitation(deps(), { token, as: { newUser: { name: "Again", passwordHash: "h" } } }),
    );
    expect(reused.message).toContain("already been accepted");
    expect(await userCount()).toBe(before);
    expect((await describeInvitation(deps(), token)).state).toBe("used");
  });

  it("lets an existing user accept with their own account only", async () => {
    const bBudtender = B.staff.budtender;
    const { outboxIds } = await createInvitation(deps(), actor(A, "owner"), {
      email: bBudtender.email,
      role: "driver",
      link: inviteLink,
    });
    const { token } = await tokenOf(outboxIds[0]!);
    expect(await describeInvitation(deps(), token)).toMatchObject({ hasAccount: true });
    const wrong = await failure(acceptInvitation(deps(), { token, as: { userId: B.staff.owner.id } }));
    expect(wrong.code).toBe("FORBIDDEN");
    expect(wrong.message).toContain(bBudtender.email);
    const newAccount = await failure(
      acceptInvitation(deps(), { token, as: { newUser: { name: "x", passwordHash: "h" } } }),
    );
    expect(newAccount.message).toContain("already an account");
    await acceptInvitation(deps(), { token, as: { userId: bBudtender.id } });
    expect(await memberRole(A, bBudtender.id)).toBe("driver");
    expect(await memberRole(B, bBudtender.id)).toBe("budtender");
  });

  it("refuses expired and revoked links, and a resent link replaces the old one", async () => {
    const { invitation, outboxIds } = await createInvitation(deps(), actor(A, "manager"), {
      email: "late@example.test",
      role: "viewer",
      link: inviteLink,
    });
    const { token } = await tokenOf(outboxIds[0]!);
    const saved = now;
    now = new Date(saved.getTime() + 7 * 24 * 60 * 60_000 + 1);
    try {
      const expired = await failure(
        acceptInvitation(deps(), { token, as: { newUser: { name: "L", passwordHash: "h" } } }),
      );
      expect(expired.message).toContain("expired");
      expect((await listInvitations(deps(), A.org.id)).find((i) => i.id === invitation.id)?.expired).toBe(
        true,
      );
      const resent = await resendInvitation(deps(), actor(A, "admin"), {
        invitationId: invitation.id,
        link: inviteLink,
      });
      const fresh = (await tokenOf(resent.outboxIds[0]!)).token;
      expect(fresh).not.toBe(token);
      expect((await describeInvitation(deps(), token)).state).toBe("unknown");
      expect((await describeInvitation(deps(), fresh)).state).toBe("valid");

      await revokeInvitation(deps(), actor(A, "admin"), { invitationId: invitation.id });
      const revoked = await failure(
        acceptInvitation(deps(), { token: fresh, as: { newUser: { name: "L", passwordHash: "h" } } }),
      );
      expect(revoked.message).toContain("withdrawn");
      expect(await handle.db.select().from(users).where(eq(users.email, "late@example.test"))).toEqual([]);
    } finally {
      now = saved;
    }
  });

  it("grants only roles at or below the inviter's and refuses people already on the team", async () => {
    const admin = await failure(
      createInvitation(deps(), actor(A, "admin"), {
        email: "o@example.test",
        role: "owner",
        link: inviteLink,
      }),
    );
    expect(admin.code).toBe("FORBIDDEN");
    const manager = await failure(
      createInvitation(deps(), actor(A, "manager"), {
        email: "a@example.test",
        role: "admin",
        link: inviteLink,
      }),
    );
    expect(manager.message).toContain("at or below");
    const member = await failure(
      createInvitation(deps(), actor(A, "owner"), {
        email: A.staff.viewer.email,
        role: "viewer",
        link: inviteLink,
      }),
    );
    expect(member.code).toBe("CONFLICT");
    const emails = (await listInvitations(deps(), A.org.id)).map((i) => i.email);
    expect(emails).not.toContain("o@example.test");
    expect(emails).not.toContain("a@example.test");
  });

  it("revokes the earlier pending invitation when the same person is invited again", async () => {
    const first = await createInvitation(deps(), actor(A, "owner"), {
      email: "twice@example.test",
      role: "viewer",
      link: inviteLink,
    });
    const second = await createInvitation(deps(), actor(A, "owner"), {
      email: "twice@example.test",
      role: "manager",
      link: inviteLink,
    });
    const pending = (await listInvitations(deps(), A.org.id)).filter((i) => i.email === "twice@example.test");
    expect(pending.map((i) => [i.id, i.role])).toEqual([[second.invitation.id, "manager"]]);
    const old = (await tokenOf(first.outboxIds[0]!)).token;
    expect((await describeInvitation(deps(), old)).state).toBe("revoked");
  });

  it("does not let one tenant revoke or resend another's invitation", async () => {
    const { invitation } = await createInvitation(deps(), actor(B, "owner"), {
      email: "b-only@example.test",
      role: "viewer",
      link: inviteLink,
    });
    expect(
      (await failure(revokeInvitation(deps(), actor(A, "owner"), { invitationId: invitation.id }))).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await failure(
          resendInvitation(deps(), actor(A, "owner"), { invitationId: invitation.id, link: inviteLink }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });
});

describe("role changes and removal", () => {
  it("nobody changes their own role or removes themselves", async () => {
    const self = await failure(
      changeMemberRole(deps(), actor(A, "admin"), { userId: A.staff.admin.id, role: "viewer" }),
    );
    expect(self.message).toContain("your own role");
    expect(await memberRole(A, A.staff.admin.id)).toBe("admin");
    expect((await failure(removeMember(deps(), actor(A, "admin"), { userId: A.staff.admin.id }))).code).toBe(
      "FORBIDDEN",
    );
  });

  it("an admin cannot touch an owner nor make one", async () => {
    expect(
      (
        await failure(
          changeMemberRole(deps(), actor(A, "admin"), { userId: A.staff.owner.id, role: "viewer" }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect((await failure(removeMember(deps(), actor(A, "admin"), { userId: A.staff.owner.id }))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (
        await failure(
          changeMemberRole(deps(), actor(A, "admin"), { userId: A.staff.viewer.id, role: "owner" }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(await memberRole(A, A.staff.owner.id)).toBe("owner");
    expect(await memberRole(A, A.staff.viewer.id)).toBe("viewer");
  });

  it("never leaves an organization without an owner", async () => {
    // B has one owner: they can neither demote nor remove themselves (nobody else may touch an owner).
    const alone = await failure(
      changeMemberRole(deps(), actor(B, "owner"), { userId: B.staff.owner.id, role: "admin" }),
    );
    expect(alone.code).toBe("CONFLICT");
    expect(alone.message).toContain("last owner");
    expect(
      (await failure(removeMember(deps(), actor(B, "owner"), { userId: B.staff.owner.id }))).message,
    ).toContain("last owner");
    expect(await memberRole(B, B.staff.owner.id)).toBe("owner");

    // With a second owner, one may step the other down; the stale "owner" claim of the demoted one is then
    // re-checked inside the transaction, so they cannot demote the remaining owner.
    await changeMemberRole(deps(), actor(B, "owner"), { userId: B.staff.admin.id, role: "owner" });
    const second = { organizationId: B.org.id, userId: B.staff.admin.id, role: "owner" as const };
    await changeMemberRole(deps(), second, { userId: B.staff.owner.id, role: "admin" });
    expect(await memberRole(B, B.staff.owner.id)).toBe("admin");
    const stale = await failure(
      changeMemberRole(deps(), actor(B, "owner"), { userId: second.userId, role: "viewer" }),
    );
    expect(stale.code).toBe("FORBIDDEN");
    expect(await memberRole(B, second.userId)).toBe("owner");
    // The sole owner now is the former admin; demoting themselves is refused too.
    expect(
      (await failure(changeMemberRole(deps(), second, { userId: second.userId, role: "admin" }))).code,
    ).toBe("CONFLICT");
  });

  it("changes and removes within one organization only", async () => {
    const refused = await failure(
      changeMemberRole(deps(), actor(A, "owner"), { userId: B.staff.viewer.id, role: "manager" }),
    );
    expect(refused.code).toBe("NOT_FOUND");
    expect(await memberRole(B, B.staff.viewer.id)).toBe("viewer");
    await changeMemberRole(deps(), actor(A, "admin"), { userId: A.staff.driver.id, role: "budtender" });
    expect(await memberRole(A, A.staff.driver.id)).toBe("budtender");
    await removeMember(deps(), actor(A, "manager"), { userId: A.staff.driver.id });
    expect(await memberRole(A, A.staff.driver.id)).toBeNull();
  });

  it("ends the member's sessions on a role change or removal, and only theirs", async () => {
    const versionOf = async (userId: string) =>
      (await handle.db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)))[0]!.v;
    const [target, bystander] = [B.staff.budtender.id, B.staff.driver.id];
    const start = { target: await versionOf(target), bystander: await versionOf(bystander) };
    await changeMemberRole(deps(), actor(B, "owner"), { userId: target, role: "manager" });
    expect(await versionOf(target)).toBe(start.target + 1);
    // Setting the role it already has changes nothing, so it ends nothing.
    await changeMemberRole(deps(), actor(B, "owner"), { userId: target, role: "manager" });
    expect(await versionOf(target)).toBe(start.target + 1);
    await removeMember(deps(), actor(B, "owner"), { userId: target });
    expect(await versionOf(target)).toBe(start.target + 2);
    expect(await versionOf(bystander)).toBe(start.bystander);
    // A refused change ends nothing either.
    await failure(removeMember(deps(), actor(B, "viewer"), { userId: bystander }));
    expect(await versionOf(bystander)).toBe(start.bystander);
  });
});
