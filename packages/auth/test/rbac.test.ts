import { describe, expect, it } from "vitest";
import {
  can,
  PERMISSIONS,
  ROLE_LABELS,
  permissionToMoveOrder,
  refusalToMoveOrder,
  ROLE_PERMISSIONS,
  STAFF_ROLES,
  type Permission,
} from "../src/rbac";
import { EXPECTED_PERMISSIONS, EXPECTED_ROLES, expectedCan } from "../src/testing";

const ALL = Object.keys(PERMISSIONS) as Permission[];
const WRITE_LIKE = /\.(write|manage|adjust|fulfil|refund|update|dispatch|review_id)$/;

describe("the expected table (written from the product's rules, not from rbac.ts)", () => {
  it("names the same roles and exactly the permissions rbac.ts defines", () => {
    expect([...EXPECTED_ROLES]).toEqual([...STAFF_ROLES]);
    expect(Object.keys(EXPECTED_PERMISSIONS).sort()).toEqual([...ALL].sort());
  });
});

describe("can()", () => {
  const rows = STAFF_ROLES.flatMap((role) =>
    ALL.map((permission) => [role, permission, expectedCan(role, permission)] as const),
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

  it("keeps API keys and webhooks with owners and admins", () => {
    expect(STAFF_ROLES.filter((r) => can(r, "integrations.manage"))).toEqual(["owner", "admin"]);
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

describe("moving an order", () => {
  it("needs orders.refund to cancel or refund and orders.fulfil for every other step", () => {
    expect(permissionToMoveOrder("cancelled")).toBe("orders.refund");
    expect(permissionToMoveOrder("refunded")).toBe("orders.refund");
    for (const to of [
      "pending",
      "confirmed",
      "preparing",
      "ready",
      "out_for_delivery",
      "completed",
    ] as const) {
      expect(permissionToMoveOrder(to)).toBe("orders.fulfil");
    }
  });

  it("lets a budtender fulfil but not cancel or refund; a manager may do both", () => {
    expect(refusalToMoveOrder("budtender", "ready")).toBeNull();
    expect(refusalToMoveOrder("budtender", "completed")).toBeNull();
    expect(refusalToMoveOrder("budtender", "cancelled")).toBe(
      "Your role (budtender) cannot cancel or refund orders.",
    );
    expect(refusalToMoveOrder("budtender", "refunded")).toBe(
      "Your role (budtender) cannot cancel or refund orders.",
    );
    expect(refusalToMoveOrder("manager", "cancelled")).toBeNull();
    expect(refusalToMoveOrder("manager", "refunded")).toBeNull();
  });

  it("refuses roles without orders.fulfil any step at all", () => {
    for (const role of ["driver", "viewer"] as const) {
      expect(refusalToMoveOrder(role, "confirmed")).toBe(`Your role (${role}) cannot fulfil orders.`);
      expect(refusalToMoveOrder(role, "cancelled")).toBe(
        `Your role (${role}) cannot cancel or refund orders.`,
      );
    }
  });

  it("agrees with the role table for every role and status", () => {
    for (const role of STAFF_ROLES) {
      for (const to of ["confirmed", "completed", "cancelled", "refunded"] as const) {
        expect(refusalToMoveOrder(role, to) === null).toBe(can(role, permissionToMoveOrder(to)));
      }
    }
  });
});
