import { expect, it } from "vitest";
import type { createCaller } from "../../src";
import { codeOf } from "../helpers";
import { A, api, B, HOST, NOT_DASHBOARD, shopperOf, staff, type As } from "./world";

type Caller = ReturnType<typeof createCaller>;

/**
 * The refusals every dashboard procedure owes: no sign-in, a shopper, A's owner with B as the active
 * organization, and every non-platform host. `snapshot` reads what a refused call must not have changed.
 */
export function refusesOutsideOwnDashboard(
  call: (caller: Caller) => Promise<unknown>,
  snapshot?: () => Promise<unknown>,
) {
  it("needs sign-in, a membership of the active organization and the platform host; writes nothing when refused", async () => {
    const before = snapshot ? await snapshot() : null;
    expect(await codeOf(call(await api(HOST.platform, { org: A.org.id })))).toBe("UNAUTHORIZED");
    expect(await codeOf(call(await api(HOST.platform, { user: shopperOf(A), org: A.org.id })))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(call(await api(HOST.platform, { user: staff(A, "owner"), org: B.org.id })))).toBe(
      "FORBIDDEN",
    );
    for (const host of NOT_DASHBOARD) {
      expect(await codeOf(call(await api(host, { user: staff(A, "owner"), org: A.org.id })))).toBe(
        "FORBIDDEN",
      );
    }
    if (snapshot) expect(await snapshot()).toEqual(before);
  });
}

/** Platform-only public procedures: every other host answers NOT_FOUND. */
export function refusesOffPlatform(
  call: (caller: Caller) => Promise<unknown>,
  snapshot?: () => Promise<unknown>,
  as: () => As = () => ({}),
) {
  it("is NOT_FOUND on every host but the platform's, and writes nothing there", async () => {
    const before = snapshot ? await snapshot() : null;
    for (const host of [HOST.a, HOST.b, HOST.c, HOST.unknown, HOST.unknownCustomDomain]) {
      expect(await codeOf(call(await api(host, as())))).toBe("NOT_FOUND");
    }
    if (snapshot) expect(await snapshot()).toEqual(before);
  });
}
