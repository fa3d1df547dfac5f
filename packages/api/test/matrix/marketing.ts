import { expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { customers, marketingAutomations, outboxMessages } from "@cannasaas/db/schema";
import { codeOf } from "../helpers";
import { A, api, B, handle, HOST, NOT_DASHBOARD, orgRow, ownedIds, staff } from "./world";

type Tenant = typeof A;
type Caller = Awaited<ReturnType<typeof api>>;
const as = async (t: Tenant, role: "owner" | "manager" | "budtender" | "viewer" = "owner") =>
  api(HOST.platform, { user: staff(t, role), org: t.org.id });
const everyone = { match: "all" as const, groups: [] };
let serial = 0;

async function segmentAt(t: Tenant) {
  return (await as(t)).marketing.saveSegment({
    name: `Matrix ${++serial} ${Math.random()}`,
    rules: everyone,
  });
}
async function campaignAt(t: Tenant) {
  const segment = await segmentAt(t);
  return (await as(t)).marketing.saveCampaign({
    name: `Matrix campaign ${++serial}`,
    segmentId: segment.id,
    subject: "Hello {{first_name}}",
    body: "Deals at {{store}}.",
  });
}
const content = { subject: "Hi {{first_name}}", body: "This week at {{store}}." };
// Saved switched off: the matrix never leaves an automation running in the shared world.
const automation = {
  kind: "abandoned_cart" as const,
  enabled: false,
  subject: "Still thinking, {{first_name}}?",
  body: "Your cart at {{store}} is waiting.",
  waitMinutes: 60,
};

/** Budtenders, drivers and viewers (or, for customer reads, drivers), other organizations and hosts are refused. */
function refusesOutsiders(call: (caller: Caller) => Promise<unknown>, denied: string[]) {
  it(`refuses ${denied.join(", ")}, another organization and storefront hosts`, async () => {
    for (const role of denied) {
      const caller = await api(HOST.platform, { user: staff(A, role as "driver"), org: A.org.id });
      expect(await codeOf(call(caller))).toBe("FORBIDDEN");
    }
    expect(await codeOf(call(await api(HOST.platform, { user: staff(A, "owner"), org: B.org.id })))).toBe(
      "FORBIDDEN",
    );
    for (const host of NOT_DASHBOARD) {
      expect(await codeOf(call(await api(host, { user: staff(A, "owner"), org: A.org.id })))).toBe(
        "FORBIDDEN",
      );
    }
    expect(await codeOf(call(await api(HOST.platform, { org: A.org.id })))).toBe("UNAUTHORIZED");
  });
}
const MANAGERS_ONLY = ["budtender", "driver", "viewer"];
const CUSTOMER_READERS_ONLY = ["driver"];

export const marketingEntries: Record<string, () => void> = {
  "marketing.customers": () => {
    it("lists this organization's customers only", async () => {
      const ids = (await (await as(A, "viewer")).marketing.customers({})).items.map((c) => c.id);
      expect(ids).toContain(A.shopper.customerId);
      expect(ids).not.toContain(B.shopper.customerId);
      // B's shopper may also shop at A (other entries place such orders); A then has its own customer row for
      // them, and only that row may come back.
      const found = await (await as(A, "budtender")).marketing.customers({ search: B.shopper.email });
      const ownedByA = await ownedIds(A.org.id, "customers");
      expect(found.items.filter((c) => !ownedByA.has(c.id))).toEqual([]);
    });
    refusesOutsiders((c) => c.marketing.customers({}), CUSTOMER_READERS_ONLY);
  },
  "marketing.customer": () => {
    it("opens this organization's customer and not another's", async () => {
      const mine = await (await as(A)).marketing.customer({ customerId: A.shopper.customerId });
      expect(mine.customer.id).toBe(A.shopper.customerId);
      expect(await codeOf((await as(A)).marketing.customer({ customerId: B.shopper.customerId }))).toBe(
        "NOT_FOUND",
      );
    });
    refusesOutsiders(
      (c) => c.marketing.customer({ customerId: A.shopper.customerId }),
      CUSTOMER_READERS_ONLY,
    );
  },
  "marketing.segmentOptions": () => {
    it("offers this organization's categories only", async () => {
      const options = await (await as(A, "manager")).marketing.segmentOptions();
      expect(options.categories.length).toBeGreaterThan(0);
      expect(Object.keys(options.mergeFields)).toContain("first_name");
    });
    refusesOutsiders((c) => c.marketing.segmentOptions(), MANAGERS_ONLY);
  },
  "marketing.segments": () => {
    it("lists this organization's segments only", async () => {
      const a = await segmentAt(A);
      const b = await segmentAt(B);
      const ids = (await (await as(A)).marketing.segments()).map((s) => s.id);
      expect(ids).toContain(a.id);
      expect(ids).not.toContain(b.id);
    });
    refusesOutsiders((c) => c.marketing.segments(), MANAGERS_ONLY);
  },
  "marketing.countSegment": () => {
    it("counts this organization's customers only", async () => {
      const a = await (await as(A)).marketing.countSegment({ rules: everyone });
      const rows = await handle.db.select().from(customers).where(eq(customers.organizationId, A.org.id));
      expect(a.matching).toBe(rows.filter((r) => r.userId && !r.erasedAt).length);
    });
    refusesOutsiders((c) => c.marketing.countSegment({ rules: everyone }), MANAGERS_ONLY);
  },
  "marketing.saveSegment": () => {
    it("creates for the active organization and cannot rename another's", async () => {
      const b = await segmentAt(B);
      expect(
        await codeOf(
          (await as(A)).marketing.saveSegment({ segmentId: b.id, name: "Taken over", rules: everyone }),
        ),
      ).toBe("NOT_FOUND");
      const a = await segmentAt(A);
      const renamed = await (
        await as(A, "manager")
      ).marketing.saveSegment({
        segmentId: a.id,
        name: `Renamed ${a.id}`,
        rules: everyone,
      });
      expect(renamed.organizationId).toBe(A.org.id);
    });
    refusesOutsiders((c) => c.marketing.saveSegment({ name: "X", rules: everyone }), MANAGERS_ONLY);
  },
  "marketing.deleteSegment": () => {
    it("deletes this organization's segment only", async () => {
      const b = await segmentAt(B);
      expect(await codeOf((await as(A)).marketing.deleteSegment({ segmentId: b.id }))).toBe("NOT_FOUND");
      expect((await (await as(B)).marketing.segments()).map((s) => s.id)).toContain(b.id);
    });
    refusesOutsiders(
      async (c) => c.marketing.deleteSegment({ segmentId: (await segmentAt(A)).id }),
      MANAGERS_ONLY,
    );
  },
  "marketing.campaigns": () => {
    it("lists this organization's campaigns only", async () => {
      const a = await campaignAt(A);
      const b = await campaignAt(B);
      const ids = (await (await as(A)).marketing.campaigns()).campaigns.map((c) => c.id);
      expect(ids).toContain(a.id);
      expect(ids).not.toContain(b.id);
    });
    refusesOutsiders((c) => c.marketing.campaigns(), MANAGERS_ONLY);
  },
  "marketing.campaign": () => {
    it("reports on this organization's campaign only", async () => {
      const b = await campaignAt(B);
      expect(await codeOf((await as(A)).marketing.campaign({ campaignId: b.id }))).toBe("NOT_FOUND");
      expect((await (await as(B)).marketing.campaign({ campaignId: b.id })).results.recipients).toBe(0);
    });
    refusesOutsiders(
      async (c) => c.marketing.campaign({ campaignId: (await campaignAt(A)).id }),
      MANAGERS_ONLY,
    );
  },
  "marketing.saveCampaign": () => {
    it("refuses another organization's segment and edits of another's campaign", async () => {
      const bSegment = await segmentAt(B);
      expect(
        await codeOf((await as(A)).marketing.saveCampaign({ name: "X", segmentId: bSegment.id, ...content })),
      ).toBe("NOT_FOUND");
      const b = await campaignAt(B);
      expect(
        await codeOf(
          (await as(A)).marketing.saveCampaign({
            campaignId: b.id,
            name: "Mine now",
            segmentId: (await segmentAt(A)).id,
            ...content,
          }),
        ),
      ).toBe("NOT_FOUND");
    });
    refusesOutsiders(
      async (c) => c.marketing.saveCampaign({ name: "X", segmentId: (await segmentAt(A)).id, ...content }),
      MANAGERS_ONLY,
    );
  },
  "marketing.preview": () => {
    it("renders with this store's name and refuses another store's coupon", async () => {
      const preview = await (await as(A)).marketing.preview(content);
      // Read the name as it is now: the organization entries rename A.
      expect(preview.email.text).toContain((await orgRow(A.org.id)).name);
      expect(await codeOf((await as(A)).marketing.preview({ ...content, couponCode: "NOT-A-CODE" }))).toBe(
        "BAD_REQUEST",
      );
    });
    refusesOutsiders((c) => c.marketing.preview(content), MANAGERS_ONLY);
  },
  "marketing.testSend": () => {
    it("sends only to the signed-in staff member, from this organization", async () => {
      const result = await (await as(A, "manager")).marketing.testSend(content);
      expect(result.sentTo).toBe(staff(A, "manager").email);
      const [mail] = await handle.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.topic, "marketing.test"));
      expect(mail?.organizationId).toBe(A.org.id);
    });
    refusesOutsiders((c) => c.marketing.testSend(content), MANAGERS_ONLY);
  },
  "marketing.schedule": () => {
    it("schedules this organization's campaign only", async () => {
      const b = await campaignAt(B);
      expect(await codeOf((await as(A)).marketing.schedule({ campaignId: b.id, sendAt: null }))).toBe(
        "NOT_FOUND",
      );
      const a = await campaignAt(A);
      const scheduled = await (await as(A)).marketing.schedule({ campaignId: a.id, sendAt: null });
      expect(scheduled.status).toBe("scheduled");
      expect(scheduled.storefrontOrigin).toContain(A.org.slug);
      await (await as(A)).marketing.cancel({ campaignId: a.id });
    });
    refusesOutsiders(
      async (c) => c.marketing.schedule({ campaignId: (await campaignAt(A)).id, sendAt: null }),
      MANAGERS_ONLY,
    );
  },
  "marketing.cancel": () => {
    it("cancels this organization's campaign only", async () => {
      const b = await campaignAt(B);
      expect(await codeOf((await as(A)).marketing.cancel({ campaignId: b.id }))).toBe("NOT_FOUND");
      expect((await (await as(B)).marketing.campaign({ campaignId: b.id })).campaign.status).toBe("draft");
    });
    refusesOutsiders(
      async (c) => c.marketing.cancel({ campaignId: (await campaignAt(A)).id }),
      MANAGERS_ONLY,
    );
  },
  "marketing.automations": () => {
    it("shows this organization's automations, never another's settings", async () => {
      const subject = `B only ${++serial} {{first_name}}`;
      await (await as(B)).marketing.saveAutomation({ ...automation, subject });
      const list = (await (await as(A)).marketing.automations()).automations;
      expect(list.map((a) => a.kind)).toContain("abandoned_cart");
      expect(list.map((a) => a.subject)).not.toContain(subject);
      const ownedByA = await handle.db
        .select({ id: marketingAutomations.id })
        .from(marketingAutomations)
        .where(eq(marketingAutomations.organizationId, A.org.id));
      const mine = new Set(ownedByA.map((r) => r.id));
      expect(list.filter((a) => a.id && !mine.has(a.id))).toEqual([]);
    });
    refusesOutsiders((c) => c.marketing.automations(), MANAGERS_ONLY);
  },
  "marketing.saveAutomation": () => {
    it("saves for the active organization only, with links on this store's host", async () => {
      const subject = `Matrix ${++serial} {{first_name}}`;
      const saved = await (await as(A, "manager")).marketing.saveAutomation({ ...automation, subject });
      expect(saved.organizationId).toBe(A.org.id);
      expect(saved.storefrontOrigin).toContain(A.org.slug);
      const [inB] = await handle.db
        .select()
        .from(marketingAutomations)
        .where(
          and(eq(marketingAutomations.organizationId, B.org.id), eq(marketingAutomations.subject, subject)),
        );
      expect(inB).toBeUndefined();
      expect(
        await codeOf((await as(A)).marketing.saveAutomation({ ...automation, couponCode: "NOT-A-CODE" })),
      ).toBe("BAD_REQUEST");
    });
    refusesOutsiders((c) => c.marketing.saveAutomation(automation), MANAGERS_ONLY);
  },
};
