/** The audit middleware: every successful mutation of every tier is recorded, in the right trail, by itself. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, isNull } from "drizzle-orm";
import { auditEvents } from "@cannasaas/db/schema";
import { REDACTED, verifyAuditChain } from "@cannasaas/core";
import { codeOf } from "./helpers";
import {
  A,
  api,
  B,
  handle,
  HOST,
  setupWorld,
  shopperOf,
  signUpInput,
  staff,
  teardownWorld,
} from "./matrix/world";

beforeAll(setupWorld);
afterAll(teardownWorld);

async function latest(organizationId: string | null, action?: string) {
  const [row] = await handle.db
    .select()
    .from(auditEvents)
    .where(
      and(
        organizationId ? eq(auditEvents.organizationId, organizationId) : isNull(auditEvents.organizationId),
        action ? eq(auditEvents.action, action) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row;
}
const count = async () => (await handle.db.select({ id: auditEvents.id }).from(auditEvents)).length;
const token = () => `tok${crypto.randomUUID().replace(/-/g, "")}`;

describe("audit middleware", () => {
  it("records a staff mutation in the organization's trail with actor, IP, request, before and after", async () => {
    const admin = staff(A, "admin");
    const caller = await api(HOST.platform, { user: admin, org: A.org.id, ip: "198.51.100.23" });
    const before = (await caller.organization.overview()).organization;
    await caller.organization.updateProfile({ name: "Audited Name", tagline: "Now audited" });
    const event = await latest(A.org.id);
    expect(event).toMatchObject({
      organizationId: A.org.id,
      actorKind: "user",
      actorId: admin.id,
      actorLabel: admin.email,
      action: "organization.updateProfile",
      resourceType: "organization",
      resourceId: A.org.id,
      ip: "198.51.100.23",
      input: { name: "Audited Name", tagline: "Now audited" },
      before: { id: A.org.id, name: before.name },
      after: { id: A.org.id, name: "Audited Name", branding: { tagline: "Now audited" } },
    });
    expect(event!.requestId).toBeTruthy();
    expect(await latest(B.org.id)).toBeUndefined();
  });

  it("records shopper and anonymous storefront mutations in the tenant's trail", async () => {
    const variantId = A.variants[2]!.id;
    await (
      await api(HOST.a, { user: shopperOf(A), ip: "198.51.100.24" })
    ).cart.add({ variantId, quantity: 1 });
    expect(await latest(A.org.id)).toMatchObject({
      actorKind: "user",
      actorId: A.shopper.userId,
      action: "cart.add",
      resourceType: "variant",
      resourceId: variantId,
      ip: "198.51.100.24",
    });
    await (
      await api(HOST.a, { cartToken: token(), ip: "198.51.100.25" })
    ).cart.add({ variantId, quantity: 1 });
    expect(await latest(A.org.id)).toMatchObject({
      actorKind: "anonymous",
      actorId: null,
      action: "cart.add",
      ip: "198.51.100.25",
    });
  });

  it("redacts passwords and dates of birth, and keeps platform calls in the platform trail", async () => {
    await (await api(HOST.a)).account.signUp(signUpInput("audited-signup@example.test"));
    const signUp = await latest(A.org.id, "account.signUp");
    expect(signUp!.input).toMatchObject({
      email: "audited-signup@example.test",
      password: REDACTED,
      dateOfBirth: REDACTED,
    });
    expect(JSON.stringify(signUp)).not.toContain("a-long-enough-password");

    await (await api(HOST.platform)).account.requestPasswordReset({ email: "nobody@example.test" });
    expect(await latest(null, "account.requestPasswordReset")).toMatchObject({
      organizationId: null,
      actorKind: "anonymous",
    });
  });

  it("records neither queries nor refused mutations", async () => {
    const before = await count();
    await (await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id })).organization.overview();
    expect(
      await codeOf(
        (await api(HOST.platform, { user: staff(A, "viewer"), org: A.org.id })).organization.updateProfile({
          name: "Nope",
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(
        (await api(HOST.platform, { user: staff(A, "owner"), org: B.org.id })).organization.updateProfile({
          name: "Nope",
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(await count()).toBe(before);
  });

  it("leaves every trail intact", async () => {
    for (const org of [A.org.id, B.org.id, null]) {
      expect(await verifyAuditChain(handle.db, org)).toMatchObject({ intact: true, problems: [] });
    }
  });
});
