import { expect, it } from "vitest";
import type { FIXTURE_ROLES } from "@cannasaas/core/testing";
import { codeOf } from "../helpers";
import { A, api, B, HOST, NOT_DASHBOARD, shopperOf, staff } from "./world";

export type Role = (typeof FIXTURE_ROLES)[number];
export type Caller = Awaited<ReturnType<typeof api>>;
export const ALL_ROLES: Role[] = ["owner", "admin", "manager", "budtender", "driver", "viewer"];

/** A dashboard caller of organization `t` in `role`. */
export const staffOf = (role: Role, t = A) => api(HOST.platform, { user: staff(t, role), org: t.org.id });

/**
 * The refusals every dashboard procedure owes: roles outside `allowed`, A's owner acting in B, a shopper, nobody
 * signed in, and any storefront or unknown host.
 */
export function refusesOutsiders(call: (caller: Caller) => Promise<unknown>, allowed: Role[]) {
  it("is refused to roles without the permission, to other organizations and off the dashboard host", async () => {
    for (const role of ALL_ROLES) {
      if (!allowed.includes(role)) expect(await codeOf(call(await staffOf(role))), role).toBe("FORBIDDEN");
    }
    const intruder = await api(HOST.platform, { user: staff(A, "owner"), org: B.org.id });
    expect(await codeOf(call(intruder))).toBe("FORBIDDEN");
    expect(await codeOf(call(await api(HOST.platform, { user: shopperOf(A), org: A.org.id })))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(call(await api(HOST.platform, { user: null, org: A.org.id })))).toBe("UNAUTHORIZED");
    for (const host of NOT_DASHBOARD) {
      expect(await codeOf(call(await api(host, { user: staff(A, "owner"), org: A.org.id })))).toBe(
        "FORBIDDEN",
      );
    }
  });
}
