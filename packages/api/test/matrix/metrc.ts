import { afterAll, beforeAll, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import {
  metrcCredentials,
  metrcDiscrepancies,
  metrcReconciliations,
  metrcSyncItems,
  organizations,
} from "@cannasaas/db/schema";
import { codeOf } from "../helpers";
import { invalidatePlanCache } from "@cannasaas/core";
import { A, api, B, C, deps, handle, HOST, multi, NOT_DASHBOARD, staff } from "./world";

// The METRC procedures read the encryption keys from the environment; give this test process one.
process.env.DATA_ENCRYPTION_KEYS ??= `mx:${randomBytes(32).toString("base64")}`;

type Tenant = typeof A;
const as = (t: Tenant, role: Parameters<typeof staff>[1]) =>
  api(HOST.platform, { user: staff(t, role), org: t.org.id });
const USER_KEY = "matrix-user-key-0001abcd";

/** METRC is an enterprise feature: A and B are on enterprise while these entries run, C stays professional. */
function onEnterprise() {
  beforeAll(async () => {
    await handle.db
      .update(organizations)
      .set({ plan: "enterprise" })
      .where(inArray(organizations.id, [A.org.id, B.org.id]));
    // The plan state is cached per organization; drop it as every plan change in the product does.
    for (const t of [A, B]) await invalidatePlanCache(deps, t.org.id);
  });
  afterAll(async () => {
    await handle.db
      .update(organizations)
      .set({ plan: "professional" })
      .where(inArray(organizations.id, [A.org.id, B.org.id]));
    for (const t of [A, B]) await invalidatePlanCache(deps, t.org.id);
  });
}

async function queuedItem(t: Tenant, status: "pending" | "dead" = "dead") {
  const [row] = await handle.db
    .insert(metrcSyncItems)
    .values({
      organizationId: t.org.id,
      locationId: t.locations[0]!.id,
      kind: "adjustment",
      externalNumber: crypto.randomUUID(),
      payload: { adjustment: {} },
      status,
      lastError: "METRC failed (500).",
    })
    .returning();
  return row!;
}

function refusesOthers(
  call: (c: Awaited<ReturnType<typeof api>>) => Promise<unknown>,
  denied: "budtender" | "viewer",
) {
  it(`refuses a ${denied}, another organization, a plan without METRC and tenant hosts`, async () => {
    expect(await codeOf(call(await as(A, denied)))).toBe("FORBIDDEN");
    expect(await codeOf(call(await api(HOST.platform, { user: staff(A, "owner"), org: B.org.id })))).toBe(
      "FORBIDDEN",
    );
    // multi is an admin of C, whose plan (professional) has no METRC.
    expect(await codeOf(call(await api(HOST.platform, { user: multi, org: C.org.id })))).toBe("FORBIDDEN");
    for (const host of NOT_DASHBOARD) {
      expect(await codeOf(call(await api(host, { user: staff(A, "owner"), org: A.org.id })))).toBe(
        "FORBIDDEN",
      );
    }
  });
}

export const metrcEntries: Record<string, () => void> = {
  "metrc.overview": () => {
    onEnterprise();
    it("shows a viewer this organization's locations and credential status, never the key", async () => {
      await (
        await as(A, "owner")
      ).metrc.setCredentials({
        locationId: A.locations[0]!.id,
        userKey: USER_KEY,
        licenseNumber: "LIC-A-1",
      });
      const overview = await (await as(A, "viewer")).metrc.overview();
      expect(overview.locations.map((l) => l.id).sort()).toEqual(A.locations.map((l) => l.id).sort());
      expect(overview.locations.find((l) => l.id === A.locations[0]!.id)?.credentials?.userKeyLastFour).toBe(
        "abcd",
      );
      expect(JSON.stringify(overview)).not.toContain(USER_KEY);
      const b = await (await as(B, "owner")).metrc.overview();
      expect(b.locations.every((l) => l.credentials === null)).toBe(true);
    });
    refusesOthers((c) => c.metrc.overview(), "budtender");
  },
  "metrc.items": () => {
    onEnterprise();
    it("lists this organization's reports only", async () => {
      const mine = await queuedItem(A);
      const theirs = await queuedItem(B);
      const listed = (await (await as(A, "viewer")).metrc.items({ statuses: ["dead"] })).map((i) => i.id);
      expect(listed).toContain(mine.id);
      expect(listed).not.toContain(theirs.id);
    });
    refusesOthers((c) => c.metrc.items(), "budtender");
  },
  "metrc.discrepancies": () => {
    onEnterprise();
    it("shows this organization's last reconciliation only", async () => {
      const [run] = await handle.db
        .insert(metrcReconciliations)
        .values({
          organizationId: B.org.id,
          locationId: B.locations[0]!.id,
          startedAt: new Date(),
          status: "completed",
        })
        .returning();
      await handle.db.insert(metrcDiscrepancies).values({
        organizationId: B.org.id,
        reconciliationId: run!.id,
        locationId: B.locations[0]!.id,
        kind: "missing_in_metrc",
        packageLabel: "1A4FF0MATRIXB00000000001",
        localQuantity: 3,
      });
      expect((await (await as(B, "viewer")).metrc.discrepancies()).map((d) => d.packageLabel)).toEqual([
        "1A4FF0MATRIXB00000000001",
      ]);
      expect(await (await as(A, "owner")).metrc.discrepancies()).toEqual([]);
    });
    refusesOthers((c) => c.metrc.discrepancies(), "budtender");
  },
  "metrc.adjustReasons": () => {
    onEnterprise();
    it("refuses another organization's location and says when METRC is not configured", async () => {
      expect(
        await codeOf((await as(A, "manager")).metrc.adjustReasons({ locationId: B.locations[0]!.id })),
      ).toBe("NOT_FOUND");
      expect(
        await codeOf((await as(A, "manager")).metrc.adjustReasons({ locationId: A.locations[0]!.id })),
      ).toBe("PRECONDITION_FAILED");
    });
    refusesOthers((c) => c.metrc.adjustReasons({ locationId: A.locations[0]!.id }), "budtender");
  },
  "metrc.setCredentials": () => {
    onEnterprise();
    it("seals the key for this organization's location and refuses another's", async () => {
      const saved = await (
        await as(A, "manager")
      ).metrc.setCredentials({
        locationId: A.locations[1]!.id,
        userKey: "another-user-key-9999wxyz",
        licenseNumber: "LIC-A-2",
        sandbox: true,
      });
      expect(saved).toMatchObject({ userKeyLastFour: "wxyz", licenseNumber: "LIC-A-2", sandbox: true });
      expect(JSON.stringify(saved)).not.toContain("another-user-key");
      const [row] = await handle.db
        .select()
        .from(metrcCredentials)
        .where(eq(metrcCredentials.locationId, A.locations[1]!.id));
      expect(row!.sealedUserKey).not.toContain("another-user-key");
      expect(
        await codeOf(
          (await as(A, "owner")).metrc.setCredentials({ locationId: B.locations[0]!.id, userKey: USER_KEY }),
        ),
      ).toBe("NOT_FOUND");
      expect(
        await codeOf(
          (await as(A, "owner")).metrc.setCredentials({ locationId: A.locations[0]!.id, userKey: "short" }),
        ),
      ).toBe("BAD_REQUEST");
    });
    refusesOthers(
      (c) => c.metrc.setCredentials({ locationId: A.locations[0]!.id, userKey: USER_KEY }),
      "viewer",
    );
  },
  "metrc.verifyCredentials": () => {
    onEnterprise();
    it("refuses another organization's location and says when METRC is not configured", async () => {
      expect(
        await codeOf((await as(A, "owner")).metrc.verifyCredentials({ locationId: B.locations[0]!.id })),
      ).toBe("NOT_FOUND");
      // No vendor key on this test deployment: a clear refusal, not a silent success.
      const error = await codeOf(
        (await as(A, "owner")).metrc.verifyCredentials({ locationId: A.locations[0]!.id }),
      );
      expect(error).toBe("PRECONDITION_FAILED");
    });
    refusesOthers((c) => c.metrc.verifyCredentials({ locationId: A.locations[0]!.id }), "viewer");
  },
  "metrc.retry": () => {
    onEnterprise();
    it("puts this organization's dead report back in the queue, never another's", async () => {
      const item = await queuedItem(A);
      expect(await codeOf((await as(B, "owner")).metrc.retry({ itemId: item.id }))).toBe("NOT_FOUND");
      expect((await (await as(A, "manager")).metrc.retry({ itemId: item.id })).status).toBe("pending");
      expect(await codeOf((await as(A, "manager")).metrc.retry({ itemId: item.id }))).toBe("CONFLICT");
    });
    refusesOthers(async (c) => c.metrc.retry({ itemId: (await queuedItem(A)).id }), "viewer");
  },
  "metrc.syncNow": () => {
    onEnterprise();
    it("drains only this organization's queue and reports what is not configured", async () => {
      const theirs = await queuedItem(B, "pending");
      await queuedItem(A, "pending");
      const result = await (await as(A, "owner")).metrc.syncNow();
      expect(result.facilities.every((f) => f.organizationId === A.org.id)).toBe(true);
      expect(result.notConfigured.join(" ")).toMatch(/METRC not configured/);
      const [untouched] = await handle.db
        .select()
        .from(metrcSyncItems)
        .where(eq(metrcSyncItems.id, theirs.id));
      expect(untouched!.lastError).toBe("METRC failed (500).");
    });
    refusesOthers((c) => c.metrc.syncNow(), "viewer");
  },
  "metrc.reconcileNow": () => {
    onEnterprise();
    it("reconciles only this organization's facilities", async () => {
      const results = await (await as(A, "owner")).metrc.reconcileNow();
      expect(results.every((r) => r.organizationId === A.org.id)).toBe(true);
      expect(results.every((r) => r.status === "skipped")).toBe(true);
    });
    refusesOthers((c) => c.metrc.reconcileNow(), "viewer");
  },
};
