import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { invitations, memberships, organizations, users } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { enqueueEmail } from "../outbox/email";
import type { StaffRole } from "../tenancy/staff";
import { INVITATION_TTL_DAYS, invitationEmail } from "./emails";
import { assertMayGrant, assertMayManage } from "./roles";

const DAY_MS = 24 * 60 * 60_000;
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");
const normalizeEmail = (email: string) => email.trim().toLowerCase();

const ROLE_LABEL: Record<StaffRole, string> = {
  owner: "Owner",
  admin: "Admin",
  manager: "Manager",
  budtender: "Budtender",
  driver: "Driver",
  viewer: "Viewer",
};

export type Actor = { organizationId: string; userId: string; role: StaffRole };

/** Builds the absolute link of the accept page for a token; the app decides where that page lives. */
export type InvitationLink = (token: string) => string;

async function organizationName(db: DbOrTx, organizationId: string) {
  const [org] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError("NOT_FOUND", "That organization does not exist.");
  return org.name;
}

async function inviterName(db: DbOrTx, userId: string) {
  const [user] = await db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return user?.name ?? user?.email ?? "A colleague";
}

/** Pending invitations of one organization, newest first, with whether each has expired. */
export async function listInvitations(deps: Pick<CoreDeps, "db" | "clock">, organizationId: string) {
  const now = deps.clock();
  const rows = await deps.db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, organizationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(asc(invitations.email));
  return rows.map((r) => ({ ...r, expired: r.expiresAt <= now }));
}

/**
 * Invites someone by email. Only roles at or below the inviter's; someone already on the team is refused; an
 * earlier pending invitation to the same address is revoked so only the newest link works. The email goes to
 * the outbox in the same transaction.
 */
export async function createInvitation(
  deps: Pick<CoreDeps, "db" | "clock">,
  actor: Actor,
  input: { email: string; role: StaffRole; link: InvitationLink },
) {
  assertMayGrant(actor.role, input.role);
  const email = normalizeEmail(input.email);
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, actor.organizationId), eq(users.email, email)))
      .limit(1);
    if (member) {
      throw new DomainError("CONFLICT", `${email} is already on the team. Change their role instead.`, {
        field: "email",
      });
    }
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.organizationId, actor.organizationId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const token = newToken();
    const [invitation] = await tx
      .insert(invitations)
      .values({
        organizationId: actor.organizationId,
        email,
        role: input.role,
        tokenHash: sha256(token),
        invitedByUserId: actor.userId,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS),
      })
      .returning();
    const outboxId = await enqueueEmail(tx, {
      organizationId: actor.organizationId,
      topic: "team.invitation",
      ...invitationEmail({
        to: email,
        organizationName: await organizationName(tx, actor.organizationId),
        inviterName: await inviterName(tx, actor.userId),
        roleLabel: ROLE_LABEL[input.role],
        url: input.link(token),
      }),
    });
    return { invitation: publicInvitation(invitation!), outboxIds: [outboxId] };
  });
}

const publicInvitation = (row: typeof invitations.$inferSelect) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  expiresAt: row.expiresAt,
  createdAt: row.createdAt,
});

async function lockPending(tx: DbOrTx, organizationId: string, invitationId: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.organizationId, organizationId)))
    .for("update");
  if (!row) throw new DomainError("NOT_FOUND", "That invitation does not exist.");
  if (row.acceptedAt) throw new DomainError("CONFLICT", "That invitation has already been accepted.");
  if (row.revokedAt) throw new DomainError("CONFLICT", "That invitation has been revoked. Invite again.");
  return row;
}

/** Sends a fresh link with a new 7-day window; the previous link stops working. */
export async function resendInvitation(
  deps: Pick<CoreDeps, "db" | "clock">,
  actor: Actor,
  input: { invitationId: string; link: InvitationLink },
) {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const row = await lockPending(tx, actor.organizationId, input.invitationId);
    assertMayManage(actor.role, row.role);
    const token = newToken();
    const [updated] = await tx
      .update(invitations)
      .set({ tokenHash: sha256(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS) })
      .where(eq(invitations.id, row.id))
      .returning();
    const outboxId = await enqueueEmail(tx, {
      organizationId: actor.organizationId,
      topic: "team.invitation",
      ...invitationEmail({
        to: row.email,
        organizationName: await organizationName(tx, actor.organizationId),
        inviterName: await inviterName(tx, actor.userId),
        roleLabel: ROLE_LABEL[row.role],
        url: input.link(token),
      }),
    });
    return { invitation: publicInvitation(updated!), outboxIds: [outboxId] };
  });
}

export async function revokeInvitation(
  deps: Pick<CoreDeps, "db" | "clock">,
  actor: Actor,
  input: { invitationId: string },
) {
  return deps.db.transaction(async (tx) => {
    const row = await lockPending(tx, actor.organizationId, input.invitationId);
    assertMayManage(actor.role, row.role);
    const [updated] = await tx
      .update(invitations)
      .set({ revokedAt: deps.clock() })
      .where(eq(invitations.id, row.id))
      .returning();
    return { ...publicInvitation(updated!), revokedAt: updated!.revokedAt };
  });
}

export type InvitationState = "valid" | "expired" | "used" | "revoked" | "unknown";

export const INVITATION_MESSAGES: Record<Exclude<InvitationState, "valid">, string> = {
  unknown: "This invitation link is not valid. Ask the person who invited you to send a new one.",
  used: "This invitation has already been accepted. Sign in to the dashboard to continue.",
  expired:
    "This invitation has expired (links last 7 days). Ask the person who invited you to send it again.",
  revoked: "This invitation was withdrawn. Ask the person who invited you if you still need access.",
};

function stateOf(row: typeof invitations.$inferSelect | undefined, now: Date): InvitationState {
  if (!row) return "unknown";
  if (row.acceptedAt) return "used";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt <= now) return "expired";
  return "valid";
}

/** What the accept page shows for a link: the organization, the role, and whether the email has an account. */
export async function describeInvitation(deps: Pick<CoreDeps, "db" | "clock">, token: string) {
  const [row] = await deps.db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, sha256(token)))
    .limit(1);
  const state = stateOf(row, deps.clock());
  if (!row || state !== "valid") {
    const invalid: Exclude<InvitationState, "valid"> = state === "valid" ? "unknown" : state;
    return { state: invalid, message: INVITATION_MESSAGES[invalid] };
  }
  const [account] = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, row.email))
    .limit(1);
  return {
    state: "valid" as const,
    email: row.email,
    role: row.role,
    organizationName: await organizationName(deps.db, row.organizationId),
    /** The inviting organization's clock, for the expiry shown. */
    timeZone: (
      await deps.db
        .select({ timeZone: organizations.timeZone })
        .from(organizations)
        .where(eq(organizations.id, row.organizationId))
    )[0]!.timeZone,
    hasAccount: Boolean(account),
    expiresAt: row.expiresAt,
  };
}

export type AcceptAs = { userId: string } | { newUser: { name: string; passwordHash: string } };

/**
 * Accepts an invitation, once. The invitation row is locked and marked accepted in the same transaction that
 * creates the membership (and, for someone new, the account), so a link opened twice gives one membership and
 * a failure leaves nothing behind. Following the emailed link proves the address, so a new account is verified.
 */
export async function acceptInvitation(
  deps: Pick<CoreDeps, "db" | "clock">,
  input: { token: string; as: AcceptAs },
) {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, sha256(input.token)))
      .for("update");
    const state = stateOf(row, now);
    if (!row || state !== "valid") {
      throw new DomainError(
        state === "unknown" ? "NOT_FOUND" : "CONFLICT",
        INVITATION_MESSAGES[state as "used"],
        {
          reason: state,
        },
      );
    }
    let userId: string;
    if ("userId" in input.as) {
      const [user] = await tx.select().from(users).where(eq(users.id, input.as.userId)).limit(1);
      if (!user) throw new DomainError("UNAUTHORIZED", "Sign in to accept this invitation.");
      if (user.email !== row.email) {
        throw new DomainError(
          "FORBIDDEN",
          `This invitation is for ${row.email}, but you are signed in as ${user.email}. Sign out and sign in with ${row.email}.`,
        );
      }
      userId = user.id;
      if (!user.emailVerified)
        await tx.update(users).set({ emailVerified: now }).where(eq(users.id, user.id));
    } else {
      const [created] = await tx
        .insert(users)
        .values({
          email: row.email,
          name: input.as.newUser.name,
          passwordHash: input.as.newUser.passwordHash,
          emailVerified: now,
        })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      if (!created) {
        throw new DomainError(
          "CONFLICT",
          `There is already an account for ${row.email}. Sign in with it to accept the invitation.`,
          { reason: "has_account" },
        );
      }
      userId = created.id;
    }
    const [membership] = await tx
      .insert(memberships)
      .values({ organizationId: row.organizationId, userId, role: row.role })
      .onConflictDoNothing()
      .returning();
    if (!membership) {
      throw new DomainError("CONFLICT", "You are already on this team. Sign in to the dashboard.");
    }
    const [accepted] = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, row.id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
      .returning({ id: invitations.id });
    if (!accepted) throw new DomainError("CONFLICT", INVITATION_MESSAGES.used, { reason: "used" });
    return { organizationId: row.organizationId, userId, role: membership.role, email: row.email };
  });
}
