import { expect, it } from "vitest";
import { FIXTURE_ROLES } from "@cannasaas/core/testing";
import { codeOf, trpcError } from "../helpers";
import { HOST, NOT_DASHBOARD, A, B, C, multi, api, staff, shopperOf, orgRow } from "./world";

export const organizationEntries: Record<string, () => void> = {
  "organization.memberships": () => {
    it.each([HOST.platform, HOST.a])("requires sign-in (%s)", async (host) => {
      expect(await codeOf((await api(host)).organization.memberships())).toBe("UNAUTHORIZED");
    });
    it("lists only the signed-in user's own organizations", async () => {
      const owner = await (
        await api(HOST.platform, { user: staff(A, "owner"), org: B.org.id })
      ).organization.memberships();
      expect(owner).toEqual([
        {
          organizationId: A.org.id,
          slug: "mx-a",
          name: (await orgRow(A.org.id)).name,
          role: "owner",
          timeZone: (await orgRow(A.org.id)).timeZone,
        },
      ]);
      const both = await (await api(HOST.platform, { user: multi })).organization.memberships();
      expect(both.map((m) => [m.organizationId, m.role]).sort()).toEqual(
        [
          [A.org.id, "viewer"],
          [C.org.id, "admin"],
        ].sort(),
      );
      expect(both.some((m) => m.organizationId === B.org.id)).toBe(false);
    });
    it("is empty for a shopper", async () => {
      expect(await (await api(HOST.platform, { user: shopperOf(A) })).organization.memberships()).toEqual([]);
    });
  },

  "organization.overview": () => {
    it("requires sign-in", async () => {
      expect(await codeOf((await api(HOST.platform, { org: A.org.id })).organization.overview())).toBe(
        "UNAUTHORIZED",
      );
    });
    it.each(FIXTURE_ROLES)("lets a %s see their own organization, and only it", async (role) => {
      const overview = await (
        await api(HOST.platform, { user: staff(A, role), org: A.org.id })
      ).organization.overview();
      expect(overview.organization).toMatchObject({ id: A.org.id, slug: "mx-a" });
      expect(overview.locations.map((l) => l.name).sort()).toEqual(["mx-a north", "mx-a south"]);
      expect(overview.team.map((m) => m.email).sort()).toEqual(
        [...FIXTURE_ROLES.map((r) => `${r}@mx-a.test`), multi.email].sort(),
      );
    });
    it.each(FIXTURE_ROLES)("refuses A's %s with B as the active organization", async (role) => {
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(A, role), org: B.org.id })).organization.overview(),
        ),
      ).toBe("FORBIDDEN");
    });
    it("needs an active organization", async () => {
      expect(
        await codeOf((await api(HOST.platform, { user: staff(A, "owner") })).organization.overview()),
      ).toBe("PRECONDITION_FAILED");
    });
    it.each(NOT_DASHBOARD)("is FORBIDDEN on %s even for the owner", async (host) => {
      expect(
        await codeOf((await api(host, { user: staff(A, "owner"), org: A.org.id })).organization.overview()),
      ).toBe("FORBIDDEN");
    });
    it("refuses a shopper, an unknown organization and a tampered organization cookie", async () => {
      expect(
        await codeOf(
          (await api(HOST.platform, { user: shopperOf(A), org: A.org.id })).organization.overview(),
        ),
      ).toBe("FORBIDDEN");
      const owner = staff(A, "owner");
      expect(
        await codeOf(
          (
            await api(HOST.platform, { user: owner, org: "00000000-0000-4000-8000-000000000000" })
          ).organization.overview(),
        ),
      ).toBe("FORBIDDEN");
      expect(
        await codeOf(
          (await api(HOST.platform, { user: owner, org: "not-a-uuid' or '1'='1" })).organization.overview(),
        ),
      ).toBe("FORBIDDEN");
    });
    it("follows the switcher for someone in two organizations", async () => {
      const atC = await (await api(HOST.platform, { user: multi, org: C.org.id })).organization.overview();
      expect(atC.organization.id).toBe(C.org.id);
      expect(atC.team.every((m) => m.email.endsWith("@mx-c.test") || m.email === multi.email)).toBe(true);
      const atA = await (await api(HOST.platform, { user: multi, org: A.org.id })).organization.overview();
      expect(atA.organization.id).toBe(A.org.id);
      expect(
        await codeOf((await api(HOST.platform, { user: multi, org: B.org.id })).organization.overview()),
      ).toBe("FORBIDDEN");
    });
  },

  "organization.updateProfile": () => {
    const ALLOWED = new Set(["owner", "admin"]);
    it.each(FIXTURE_ROLES)("role %s: only owner and admin may update", async (role) => {
      const before = await orgRow(A.org.id);
      const call = (
        await api(HOST.platform, { user: staff(A, role), org: A.org.id })
      ).organization.updateProfile({
        tagline: `set by ${role}`,
      });
      if (ALLOWED.has(role)) {
        await expect(call).resolves.toMatchObject({ id: A.org.id, branding: { tagline: `set by ${role}` } });
      } else {
        const error = await trpcError(call);
        expect(error.code).toBe("FORBIDDEN");
        expect(error.message).toContain(role);
        expect(await orgRow(A.org.id)).toEqual(before);
      }
    });
    it("refuses A's owner and admin with B as the active organization, and leaves B unchanged", async () => {
      const before = await orgRow(B.org.id);
      for (const role of ["owner", "admin"] as const) {
        const call = (
          await api(HOST.platform, { user: staff(A, role), org: B.org.id })
        ).organization.updateProfile({ name: "Hijacked" });
        expect(await codeOf(call)).toBe("FORBIDDEN");
      }
      expect(await orgRow(B.org.id)).toEqual(before);
    });
    it("needs an active organization, the platform host and a membership", async () => {
      const before = await orgRow(A.org.id);
      const owner = staff(A, "owner");
      expect(
        await codeOf(
          (await api(HOST.platform, { user: owner })).organization.updateProfile({ name: "No Org" }),
        ),
      ).toBe("PRECONDITION_FAILED");
      for (const host of NOT_DASHBOARD) {
        expect(
          await codeOf(
            (await api(host, { user: owner, org: A.org.id })).organization.updateProfile({
              name: "Wrong Host",
            }),
          ),
        ).toBe("FORBIDDEN");
      }
      expect(
        await codeOf(
          (await api(HOST.platform, { user: shopperOf(A), org: A.org.id })).organization.updateProfile({
            name: "Shopper",
          }),
        ),
      ).toBe("FORBIDDEN");
      expect(
        await codeOf(
          (await api(HOST.platform, { org: A.org.id })).organization.updateProfile({ name: "Anon" }),
        ),
      ).toBe("UNAUTHORIZED");
      expect(await orgRow(A.org.id)).toEqual(before);
    });
    it("changes A only, keeps the rest of the branding, and refreshes A's storefront at once", async () => {
      // Warm the tenant cache for both storefronts.
      const cachedA = await (await api(HOST.a)).storefront.tenant();
      const cachedB = await (await api(HOST.b)).storefront.tenant();
      const bBefore = await orgRow(B.org.id);

      const updated = await (
        await api(HOST.platform, { user: staff(A, "admin"), org: A.org.id })
      ).organization.updateProfile({
        name: "  Alpha Renamed  ",
        primaryColor: "#123456",
      });
      expect(updated).toMatchObject({
        id: A.org.id,
        name: "Alpha Renamed",
        branding: { primaryColor: "#123456", accentColor: cachedA.branding.accentColor },
      });
      expect(await orgRow(B.org.id)).toEqual(bBefore);
      expect((await (await api(HOST.a)).storefront.tenant()).name).toBe("Alpha Renamed");
      expect(await (await api(HOST.b)).storefront.tenant()).toEqual(cachedB);
    });
    it("rejects invalid values with a readable BAD_REQUEST", async () => {
      const caller = await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id });
      const error = await trpcError(caller.organization.updateProfile({ primaryColor: "green" }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toBe("Use a hex colour like #1f7a4d.");
    });
  },
};
