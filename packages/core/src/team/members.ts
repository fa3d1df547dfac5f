import { and, asc, eq } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { memberships, users } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { bumpSessionVersion, forgetSessionVersion } from "../tenancy/session-version";
import type { StaffRole } from "../tenancy/staff";
import type { Actor } from "./invitations";
import { assertMayGrant, assertMayManage } from "./roles";

export async function listMembers(deps: Pick<CoreDeps, "db">, organizationId: string) {
  return deps.db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(memberships.role), asc(users.email));
}

const LAST_OWNER =
  "This is the organization's last owner. Make someone else an owner first, so the business is never left without one.";

/**
 * Locks the organization's memberships (owners first, the actor and the target), re-reads the actor's role
 * inside the transaction, and checks the rules every change obeys. Locking every owner row means two owners
 * demoting each other at once are serialized, so the second sees it is no longer an owner.
 */
async function lockForChange(tx: Transaction, actor: Actor, targetUserId: string, selfMessage: string) {
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.organizationId, actor.organizationId))
    .orderBy(asc(memberships.id))
    .for("update");
  const me = rows.find((r) => r.userId === actor.userId);
  if (!me) throw new DomainError("FORBIDDEN", "You are no longer a member of this organization.");
  const owners = rows.filter((r) => r.role === "owner").length;
  if (targetUserId === actor.userId) {
    if (me.role === "owner" && owners <= 1) throw new DomainError("CONFLICT", LAST_OWNER);
    throw new DomainError("FORBIDDEN", selfMessage);
  }
  const target = rows.find((r) => r.userId === targetUserId);
  if (!target) throw new DomainError("NOT_FOUND", "That person is not on this team.");
  assertMayManage(me.role, target.role);
  return { me, target, owners };
}

/** A new role ends the member's sessions, so what they could do before stops at once. */
export async function changeMemberRole(
  deps: Pick<CoreDeps, "db" | "kv" | "log">,
  actor: Actor,
  input: { userId: string; role: StaffRole },
) {
  const updated = await deps.db.transaction(async (tx) => {
    const locked = await lockForChange(
      tx,
      actor,
      input.userId,
      "You cannot change your own role. Ask another owner or admin.",
    );
    assertMayGrant(locked.me.role, input.role);
    if (locked.target.role === "owner" && input.role !== "owner" && locked.owners <= 1) {
      throw new DomainError("CONFLICT", LAST_OWNER);
    }
    const [updated] = await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.organizationId, actor.organizationId), eq(memberships.userId, input.userId)))
      .returning({ userId: memberships.userId, role: memberships.role });
    if (locked.target.role !== input.role) await bumpSessionVersion(tx, input.userId);
    return updated!;
  });
  await forgetSessionVersion(deps, input.userId);
  return updated;
}

/** Removal ends the member's sessions (in every organization: sessions are per person, not per membership). */
export async function removeMember(
  deps: Pick<CoreDeps, "db" | "kv" | "log">,
  actor: Actor,
  input: { userId: string },
) {
  const removed = await deps.db.transaction(async (tx) => {
    const locked = await lockForChange(
      tx,
      actor,
      input.userId,
      "You cannot remove yourself. Ask another owner or admin.",
    );
    if (locked.target.role === "owner" && locked.owners <= 1) throw new DomainError("CONFLICT", LAST_OWNER);
    const [removed] = await tx
      .delete(memberships)
      .where(and(eq(memberships.organizationId, actor.organizationId), eq(memberships.userId, input.userId)))
      .returning({ userId: memberships.userId, role: memberships.role });
    await bumpSessionVersion(tx, input.userId);
    return removed!;
  });
  await forgetSessionVersion(deps, input.userId);
  return removed;
}
