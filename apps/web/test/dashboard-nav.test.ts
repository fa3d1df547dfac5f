import { describe, expect, it } from "vitest";
import type { StaffRole } from "@cannasaas/auth/rbac";
import { isCurrent, NAV_GROUPS, navGroupsFor } from "~/app/(dashboard)/dashboard/(app)/nav-links";

const labels = (role: StaffRole) =>
  navGroupsFor(role).flatMap((group) => group.links.map((link) => link.label));

describe("dashboard navigation", () => {
  it("shows an owner every section", () => {
    expect(labels("owner")).toEqual(NAV_GROUPS.flatMap((g) => g.links.map((l) => l.label)));
    expect(labels("owner")).toContain("Billing");
  });

  it("hides the sections whose page would refuse the role", () => {
    expect(labels("budtender")).not.toContain("Audit");
    expect(labels("budtender")).not.toContain("Jobs");
    expect(labels("budtender")).not.toContain("Developers");
    expect(labels("budtender")).not.toContain("METRC");
    expect(labels("budtender")).toEqual(
      expect.arrayContaining(["Orders", "Catalog", "ID review", "Billing"]),
    );
    expect(labels("driver")).toEqual(["Home", "My deliveries", "Setup", "Team", "Domain", "Billing"]);
    expect(labels("viewer")).toEqual(expect.arrayContaining(["Audit", "Jobs", "METRC", "Inventory"]));
    expect(labels("manager")).not.toContain("Audit");
  });

  it("drops groups left without links", () => {
    expect(navGroupsFor("driver").map((g) => g.label)).toEqual([null, "Sell", "Settings"]);
  });

  it("marks the home only on itself and other sections on their sub-pages", () => {
    const home = { href: "/dashboard", exact: true };
    const deliveries = { href: "/dashboard/deliveries" };
    expect(isCurrent(home, "/dashboard")).toBe(true);
    expect(isCurrent(home, "/dashboard/orders")).toBe(false);
    expect(isCurrent(deliveries, "/dashboard/deliveries/abc/manifest")).toBe(true);
    expect(isCurrent(deliveries, "/dashboard/deliveries")).toBe(true);
    expect(isCurrent({ href: "/dashboard/driver" }, "/dashboard/deliveries")).toBe(false);
    expect(isCurrent({ href: "/dashboard/audit" }, "/dashboard/audit-log")).toBe(false);
  });
});
