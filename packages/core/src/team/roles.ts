import type { StaffRole } from "../tenancy/staff";
import { DomainError } from "../errors";

/** Lower is more powerful. Someone may grant or touch only roles at or below their own. */
export const ROLE_RANK: Record<StaffRole, number> = {
  owner: 0,
  admin: 1,
  manager: 2,
  budtender: 3,
  driver: 4,
  viewer: 5,
};

const ROLE_NAMES: Record<StaffRole, string> = {
  owner: "owner",
  admin: "admin",
  manager: "manager",
  budtender: "budtender",
  driver: "driver",
  viewer: "viewer",
};

export const roleName = (role: StaffRole) => ROLE_NAMES[role];

/** Refuses granting a role above the actor's own (an admin cannot make an owner). */
export function assertMayGrant(actorRole: StaffRole, role: StaffRole) {
  if (ROLE_RANK[role] < ROLE_RANK[actorRole]) {
    throw new DomainError(
      "FORBIDDEN",
      `As ${roleName(actorRole)} you can only give roles at or below your own, not ${roleName(role)}.`,
      { field: "role" },
    );
  }
}

/** Refuses acting on someone whose role is above the actor's (an admin cannot touch an owner). */
export function assertMayManage(actorRole: StaffRole, targetRole: StaffRole) {
  if (ROLE_RANK[targetRole] < ROLE_RANK[actorRole]) {
    throw new DomainError(
      "FORBIDDEN",
      `As ${roleName(actorRole)} you cannot change or remove an ${roleName(targetRole)}. Ask an owner.`,
    );
  }
}
