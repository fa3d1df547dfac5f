import { describe, expect, it } from "vitest";
import {
  can,
  PERMISSIONS,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  STAFF_ROLES,
  type Permission,
  type StaffRole,
} from "../src/rbac";

const ALL = Object.keys(PERMISSIONS) as Permission[];
const WRITE_LIKE = /\.(write|manage|adjust|fulfil|refund|update|dispatch|review_id)$/;

/** The full expected matrix, written out so any change to the roles shows up as a failing row. */
const EXPECTED: Record<StaffRole, readonly Permission[]> = {
  owner: ALL,
  admin: ALL.filter((p) => p !== "billing.manage"),
  manager: ALL.filter(
    (p) =>
      !["billing.manage", "organization.update", "locations.manage", "team.manage", "audit.read"].includes(p),
  ),
  budtender: [
    "organization.read",
    "catalog.read",
    "catalog.write",
    "orders.read",
    "orders.fulfil",
    "customers.read",
    "customers.review_id",
  ],
  driver: ["organization.read", "deliveries.own"],
  viewer: [
    "organization.read",
    "catalog.read",
    "orders.read",
    "customers.read",
    "reports.read",
    "audit.read",
  ],
};

describe("can()", () => {
  const rows = STAFF_ROLES.flatMap((role) =>
    ALL.map((permission) => [role, permission, EXPECTED[role].includes(permission)] as const),
  );

  it.each(rows)("%s / %s -> %s", (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it("lets the owner do everything", () => {
    expect(ALL.every((p) => can("owner", p))).toBe(true);
  });

  it("keeps billing with the owner only", () => {
    expect(STAFF_ROLES.filter((r) => can(r, "billing.manage"))).toEqual(["owner"]);
  });

  it("does not let a budtender change prices or the team", () => {
    expect(can("budtender", "prices.write")).toBe(false);
    expect(can("budtender", "team.manage")).toBe(false);
    expect(can("budtender", "orders.fulfil")).toBe(true);
  });

  it("gives a driver only the organization and their own deliveries", () => {
    expect(ALL.filter((p) => can("driver", p)).sort()).toEqual(["deliveries.own", "organization.read"]);
  });

  it("keeps the viewer (accountant) read-only", () => {
    const granted = ALL.filter((p) => can("viewer", p));
    expect(granted.length).toBeGreaterThan(0);
    expect(granted.filter((p) => WRITE_LIKE.test(p))).toEqual([]);
    expect(granted.every((p) => p.endsWith(".read"))).toBe(true);
  });

  it("only grants permissions that exist, and labels every role", () => {
    for (const role of STAFF_ROLES) {
      expect(ROLE_PERMISSIONS[role].every((p) => p in PERMISSIONS)).toBe(true);
      expect(ROLE_LABELS[role]).toBeTruthy();
    }
  });
});
