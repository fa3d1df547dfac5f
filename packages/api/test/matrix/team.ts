import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@cannasaas/db/schema";
import { codeOf, trpcError } from "../helpers";
import { refusesOffPlatform, refusesOutsideOwnDashboard } from "./dashboard-guard";
import {
  asOwner,
  dispensaryD,
  invitationsOf,
  invitationToken,
  membersOf,
  openDispensary,
} from "./dispensary";
import { A, api, B, handle, HOST, staff } from "./world";

const inviteAtB = async (email: string) =>
  (await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })).team.invite({
    email,
    role: "viewer",
  });

export const teamEntries: Record<string, () => void> = {
  "team.members": () => {
    it("lists the active organization's members only, to any staff role", async () => {
      const members = await (
        await api(HOST.platform, { user: staff(A, "driver"), org: A.org.id })
      ).team.members();
      expect(members.map((m) => m.email)).toContain(staff(A, "owner").email);
      expect(members.some((m) => m.email.endsWith("@mx-b.test"))).toBe(false);
    });
    refusesOutsideOwnDashboard((c) => c.team.members());
  },

  "team.invitations": () => {
    it("lists only the organization's own pending invitations, to those who manage the team", async () => {
      await inviteAtB("only-at-b@example.test");
      const atA = await (
        await api(HOST.platform, { user: staff(A, "admin"), org: A.org.id })
      ).team.invitations();
      expect(atA.some((i) => i.email === "only-at-b@example.test")).toBe(false);
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(A, "budtender"), org: A.org.id })).team.invitations(),
        ),
      ).toBe("FORBIDDEN");
    });
    refusesOutsideOwnDashboard((c) => c.team.invitations());
  },

  "team.invite": () => {
    it("invites into the active organization, with a link on the platform domain", async () => {
      const d = await dispensaryD();
      const invitation = await (
        await asOwner(d)
      ).team.invite({ email: "Invited@Example.test", role: "manager" });
      expect(invitation).toMatchObject({ email: "invited@example.test", role: "manager" });
      const { payload, organizationId } = await invitationToken("invited@example.test");
      expect(organizationId).toBe(d.orgId);
      expect(payload.text).toContain("http://localhost:3000/invite/");
      expect((await invitationsOf(A.org.id)).some((i) => i.email === "invited@example.test")).toBe(false);
    });
    it("refuses a budtender and an admin inviting an owner", async () => {
      const budtender = await api(HOST.platform, { user: staff(A, "budtender"), org: A.org.id });
      expect(await codeOf(budtender.team.invite({ email: "x@example.test", role: "viewer" }))).toBe(
        "FORBIDDEN",
      );
      const admin = await api(HOST.platform, { user: staff(A, "admin"), org: A.org.id });
      const error = await trpcError(admin.team.invite({ email: "boss@example.test", role: "owner" }));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toContain("at or below");
    });
    refusesOutsideOwnDashboard(
      (c) => c.team.invite({ email: "guard@example.test", role: "viewer" }),
      async () => [await invitationsOf(A.org.id), await invitationsOf(B.org.id)],
    );
  },

  "team.resendInvitation": () => {
    it("cannot reach another organization's invitation", async () => {
      const atB = await inviteAtB("resend-b@example.test");
      const before = await invitationsOf(B.org.id);
      const owner = await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id });
      expect(await codeOf(owner.team.resendInvitation({ invitationId: atB.id }))).toBe("NOT_FOUND");
      expect(await invitationsOf(B.org.id)).toEqual(before);
    });
    refusesOutsideOwnDashboard((c) =>
      c.team.resendInvitation({ invitationId: "00000000-0000-4000-8000-000000000000" }),
    );
  },

  "team.revokeInvitation": () => {
    it("revokes its own and cannot reach another organization's", async () => {
      const atB = await inviteAtB("revoke-b@example.test");
      const owner = await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id });
      expect(await codeOf(owner.team.revokeInvitation({ invitationId: atB.id }))).toBe("NOT_FOUND");
      const bOwner = await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id });
      expect((await bOwner.team.revokeInvitation({ invitationId: atB.id })).revokedAt).toBeInstanceOf(Date);
    });
    refusesOutsideOwnDashboard((c) =>
      c.team.revokeInvitation({ invitationId: "00000000-0000-4000-8000-000000000000" }),
    );
  },

  "team.changeRole": () => {
    it("changes roles within the organization only", async () => {
      const bBefore = await membersOf(B.org.id);
      const owner = await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id });
      expect(await codeOf(owner.team.changeRole({ userId: staff(B, "viewer").id, role: "admin" }))).toBe(
        "NOT_FOUND",
      );
      expect(await membersOf(B.org.id)).toEqual(bBefore);
      const self = await trpcError(owner.team.changeRole({ userId: staff(A, "owner").id, role: "viewer" }));
      expect(self.message).toContain("last owner");
    });
    refusesOutsideOwnDashboard(
      (c) => c.team.changeRole({ userId: staff(B, "viewer").id, role: "admin" }),
      async () => [await membersOf(A.org.id), await membersOf(B.org.id)],
    );
  },

  "team.removeMember": () => {
    it("removes within the organization only; an admin cannot remove the owner", async () => {
      const bBefore = await membersOf(B.org.id);
      const admin = await api(HOST.platform, { user: staff(A, "admin"), org: A.org.id });
      expect(await codeOf(admin.team.removeMember({ userId: staff(B, "viewer").id }))).toBe("NOT_FOUND");
      expect(await codeOf(admin.team.removeMember({ userId: staff(A, "owner").id }))).toBe("FORBIDDEN");
      expect(await membersOf(B.org.id)).toEqual(bBefore);
    });
    refusesOutsideOwnDashboard(
      (c) => c.team.removeMember({ userId: staff(B, "viewer").id }),
      async () => [await membersOf(A.org.id), await membersOf(B.org.id)],
    );
  },

  "team.describeInvitation": () => {
    it("describes a link on the platform domain and says why a bad one does not work", async () => {
      const d = await dispensaryD();
      await (await asOwner(d)).team.invite({ email: "describe@example.test", role: "viewer" });
      const { token } = await invitationToken("describe@example.test");
      const platform = await api(HOST.platform);
      expect(await platform.team.describeInvitation({ token })).toMatchObject({
        state: "valid",
        organizationName: "Store mx-d",
        hasAccount: false,
      });
      expect((await platform.team.describeInvitation({ token: "x".repeat(43) })).state).toBe("unknown");
    });
    refusesOffPlatform((c) => c.team.describeInvitation({ token: "x".repeat(43) }));
  },

  "team.acceptInvitation": () => {
    it("adds a signed-in user to the inviting organization only, once", async () => {
      const d = await openDispensary();
      await (await asOwner(d)).team.invite({ email: B.staff.driver.email, role: "driver" });
      const { token } = await invitationToken(B.staff.driver.email);
      const driver = await api(HOST.platform, { user: staff(B, "driver") });
      expect(await driver.team.acceptInvitation({ token })).toMatchObject({
        organizationId: d.orgId,
        role: "driver",
      });
      expect((await membersOf(d.orgId)).map((m) => m.userId)).toContain(staff(B, "driver").id);
      expect((await membersOf(B.org.id)).find((m) => m.userId === staff(B, "driver").id)?.role).toBe(
        "driver",
      );
      const again = await trpcError(driver.team.acceptInvitation({ token }));
      expect(again.message).toContain("already been accepted");
    });
    it("refuses someone signed in with another email", async () => {
      const d = await openDispensary();
      await (await asOwner(d)).team.invite({ email: "someone-else@example.test", role: "viewer" });
      const { token } = await invitationToken("someone-else@example.test");
      const wrong = await api(HOST.platform, { user: staff(A, "viewer") });
      expect(await codeOf(wrong.team.acceptInvitation({ token }))).toBe("FORBIDDEN");
      expect((await membersOf(d.orgId)).map((m) => m.userId)).not.toContain(staff(A, "viewer").id);
    });
    it("needs sign-in", async () => {
      expect(await codeOf((await api(HOST.platform)).team.acceptInvitation({ token: "x".repeat(43) }))).toBe(
        "UNAUTHORIZED",
      );
    });
    refusesOffPlatform(
      (c) => c.team.acceptInvitation({ token: "x".repeat(43) }),
      undefined,
      () => ({
        user: staff(A, "viewer"),
      }),
    );
  },

  "team.acceptInvitationAsNewUser": () => {
    it("creates a verified account with the invited email and a membership of that organization only", async () => {
      const d = await dispensaryD();
      await (await asOwner(d)).team.invite({ email: "brand-new@example.test", role: "budtender" });
      const { token } = await invitationToken("brand-new@example.test");
      const accepted = await (
        await api(HOST.platform)
      ).team.acceptInvitationAsNewUser({ token, name: "Brand New", password: "a-long-enough-password" });
      expect(accepted).toMatchObject({
        organizationId: d.orgId,
        role: "budtender",
        email: "brand-new@example.test",
      });
      const [user] = await handleUsers("brand-new@example.test");
      expect(user?.emailVerified).toBeInstanceOf(Date);
      expect((await membersOf(A.org.id)).map((m) => m.userId)).not.toContain(accepted.userId);
      const reused = await trpcError(
        (await api(HOST.platform)).team.acceptInvitationAsNewUser({
          token,
          name: "Again",
          password: "a-long-enough-password",
        }),
      );
      expect(reused.code).toBe("CONFLICT");
    });
    refusesOffPlatform(
      (c) =>
        c.team.acceptInvitationAsNewUser({
          token: "x".repeat(43),
          name: "N",
          password: "a-long-enough-password",
        }),
      () => handleUsers("nobody@example.test"),
    );
  },
};

async function handleUsers(email: string) {
  return handle.db.select().from(users).where(eq(users.email, email));
}
