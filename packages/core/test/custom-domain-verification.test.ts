import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { auditEvents, customDomainVerifications } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createStaticDnsResolver, type StaticDnsRecords } from "@cannasaas/integrations/dns";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  getCustomDomain,
  resolvePublicTenant,
  runJob,
  setCustomDomain,
  setPlanDirectly,
  type JobDeps,
} from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let tenant: FixtureTenant;
let now = new Date("2026-06-01T12:00:00Z");
const records: StaticDnsRecords = {};
let deps: JobDeps;

beforeAll(async () => {
  handle = await createTestDatabase();
  // The static resolver copies its table, so the tests change what "DNS" says through this proxy.
  deps = {
    db: handle.db,
    kv: createMemoryKv(),
    clock: () => now,
    mail: { name: "dev-mailbox", send: async () => ({ messageId: "x" }) },
    dns: {
      txt: (name) => createStaticDnsResolver(records).txt(name),
      cname: (name) => createStaticDnsResolver(records).cname(name),
    },
  };
  tenant = await createFixtureTenant(handle.db, { tag: "dv", passwordHash: "x" });
  await setPlanDirectly(deps, tenant.org.id, { plan: "enterprise" });
});
afterAll(async () => handle?.close());

const ROOT = "cannasaas.test";
const hours = (n: number) => (now = new Date(now.getTime() + n * 3_600_000));

describe("custom domain verification", () => {
  it("serves a saved domain only once DNS proves control, and stops when the proof goes away", async () => {
    await setCustomDomain(deps, tenant.org.id, { domain: "shop.dv.example", rootDomain: ROOT });
    const { verification } = await getCustomDomain(handle.db, tenant.org.id);
    expect(verification!.records.cname).toEqual({ name: "shop.dv.example", target: "dv.cannasaas.test" });
    expect(await resolvePublicTenant(deps, "shop.dv.example")).toBeNull();

    // The job's first pass finds nothing published yet.
    const first = await runJob(deps, "domains", { trigger: "cli" });
    expect(first.counts).toMatchObject({ checked: 1, unverified: 1, verified: 0 });
    expect(await resolvePublicTenant(deps, "shop.dv.example")).toBeNull();

    // The owner publishes a CNAME to the storefront: the next run verifies it and the domain serves.
    records["shop.dv.example"] = { cname: ["dv.cannasaas.test."] };
    hours(2);
    expect((await runJob(deps, "domains", { trigger: "cli" })).counts).toMatchObject({ verified: 1 });
    expect((await resolvePublicTenant(deps, "shop.dv.example"))?.id).toBe(tenant.org.id);
    const [audited] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, tenant.org.id), eq(auditEvents.action, "job.domains.check")));
    expect(audited?.after).toMatchObject({ verified: true });

    // Checked within the hour: not due again.
    hours(0.5);
    expect((await runJob(deps, "domains", { trigger: "cli" })).counts).toMatchObject({ checked: 0 });

    // The domain is pointed elsewhere: the re-check stops serving it.
    records["shop.dv.example"] = { cname: ["evil.example."] };
    hours(2);
    expect((await runJob(deps, "domains", { trigger: "cli" })).counts).toMatchObject({ unverified: 1 });
    expect(await resolvePublicTenant(deps, "shop.dv.example")).toBeNull();
  });

  it("a new domain starts over with a new token; removing the domain forgets it", async () => {
    const before = (await getCustomDomain(handle.db, tenant.org.id)).verification!.records.txt.value;
    await setCustomDomain(deps, tenant.org.id, { domain: "store.dv.example", rootDomain: ROOT });
    const after = (await getCustomDomain(handle.db, tenant.org.id)).verification!;
    expect(after.records.txt.value).not.toBe(before);
    expect(after.verifiedAt).toBeNull();
    records[after.records.txt.name] = { txt: ["unrelated", after.records.txt.value] };
    hours(2);
    expect((await runJob(deps, "domains", { trigger: "cli" })).counts).toMatchObject({ verified: 1 });
    expect((await resolvePublicTenant(deps, "store.dv.example"))?.id).toBe(tenant.org.id);
    await setCustomDomain(deps, tenant.org.id, { domain: null, rootDomain: ROOT });
    expect(
      await handle.db
        .select()
        .from(customDomainVerifications)
        .where(eq(customDomainVerifications.organizationId, tenant.org.id)),
    ).toEqual([]);
    expect(await resolvePublicTenant(deps, "store.dv.example")).toBeNull();
  });
});
