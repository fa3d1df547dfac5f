import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiKeys } from "@cannasaas/db/schema";
import { recordDomainEvent } from "@cannasaas/core";
import { codeOf } from "../helpers";
import { A, api, B, handle, HOST, NOT_DASHBOARD, staff } from "./world";

type Tenant = typeof A;
const owner = async (t: Tenant) => api(HOST.platform, { user: staff(t, "owner"), org: t.org.id });
/** A port nothing listens on: deliveries fail fast with a connection error, which is logged like any attempt. */
const DEAD_URL = "http://127.0.0.1:9/hooks";

async function endpointAt(t: Tenant) {
  return (
    await (await owner(t)).integrations.createWebhookEndpoint({ url: DEAD_URL, events: ["order.created"] })
  ).endpoint.id;
}

/** Roles without integrations.manage, another organization and storefront hosts are all refused. */
function refusesOutsiders(call: (caller: Awaited<ReturnType<typeof api>>) => Promise<unknown>) {
  it("refuses managers, budtenders, viewers, another organization and storefront hosts", async () => {
    for (const role of ["manager", "budtender", "driver", "viewer"] as const) {
      expect(await codeOf(call(await api(HOST.platform, { user: staff(A, role), org: A.org.id })))).toBe(
        "FORBIDDEN",
      );
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

export const integrationEntries: Record<string, () => void> = {
  "integrations.listApiKeys": () => {
    it("lists this organization's keys only, never a secret or hash", async () => {
      const created = await (
        await owner(A)
      ).integrations.createApiKey({ name: "list", scopes: ["orders:read"] });
      const mine = await (await owner(A)).integrations.listApiKeys();
      expect(mine.map((k) => k.id)).toContain(created.created.id);
      expect(JSON.stringify(mine)).not.toContain(created.secret);
      expect(JSON.stringify(mine)).not.toMatch(/secretHash/);
      expect((await (await owner(B)).integrations.listApiKeys()).map((k) => k.id)).not.toContain(
        created.created.id,
      );
      const admin = await api(HOST.platform, { user: staff(A, "admin"), org: A.org.id });
      expect((await admin.integrations.listApiKeys()).map((k) => k.id)).toContain(created.created.id);
    });
    refusesOutsiders((c) => c.integrations.listApiKeys());
  },
  "integrations.createApiKey": () => {
    it("creates a key for the active organization, shown once, hashed at rest", async () => {
      const created = await (
        await owner(B)
      ).integrations.createApiKey({
        name: "POS",
        scopes: ["products:read", "inventory:write"],
        expiresAt: new Date(Date.now() + 86_400_000),
      });
      expect(created.secret.startsWith(`${created.created.prefix}_`)).toBe(true);
      const [row] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, created.created.id));
      expect(row!.organizationId).toBe(B.org.id);
      expect(row!.secretHash).not.toContain(created.secret);
    });
    it("refuses no scopes and unknown scopes", async () => {
      const caller = await owner(A);
      expect(await codeOf(caller.integrations.createApiKey({ name: "x", scopes: [] }))).toBe("BAD_REQUEST");
      expect(
        await codeOf(caller.integrations.createApiKey({ name: "x", scopes: ["admin:all" as "orders:read"] })),
      ).toBe("BAD_REQUEST");
    });
    refusesOutsiders((c) => c.integrations.createApiKey({ name: "x", scopes: ["products:read"] }));
  },
  "integrations.revokeApiKey": () => {
    it("revokes this organization's key, and never another's", async () => {
      const created = await (
        await owner(A)
      ).integrations.createApiKey({ name: "rv", scopes: ["orders:read"] });
      expect(await codeOf((await owner(B)).integrations.revokeApiKey({ keyId: created.created.id }))).toBe(
        "NOT_FOUND",
      );
      const [still] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, created.created.id));
      expect(still!.revokedAt).toBeNull();
      expect(
        (await (await owner(A)).integrations.revokeApiKey({ keyId: created.created.id })).revokedAt,
      ).toBeInstanceOf(Date);
    });
    refusesOutsiders((c) => c.integrations.revokeApiKey({ keyId: crypto.randomUUID() }));
  },
  "integrations.listWebhookEndpoints": () => {
    it("lists this organization's endpoints only, without secrets", async () => {
      const id = await endpointAt(A);
      const mine = await (await owner(A)).integrations.listWebhookEndpoints();
      expect(mine.map((e) => e.id)).toContain(id);
      expect(JSON.stringify(mine)).not.toMatch(/secret|whsec_/i);
      expect((await (await owner(B)).integrations.listWebhookEndpoints()).map((e) => e.id)).not.toContain(id);
    });
    refusesOutsiders((c) => c.integrations.listWebhookEndpoints());
  },
  "integrations.createWebhookEndpoint": () => {
    it("creates an endpoint with a one-time secret and refuses bad URLs and events", async () => {
      const caller = await owner(A);
      const created = await caller.integrations.createWebhookEndpoint({
        url: DEAD_URL,
        events: ["order.created", "inventory.low_stock"],
      });
      expect(created.secret).toMatch(/^whsec_/);
      expect(created.endpoint.events).toEqual(["order.created", "inventory.low_stock"]);
      expect(
        await codeOf(
          caller.integrations.createWebhookEndpoint({ url: "ftp://x", events: ["order.created"] }),
        ),
      ).toBe("BAD_REQUEST");
      expect(
        await codeOf(
          caller.integrations.createWebhookEndpoint({
            url: DEAD_URL,
            events: ["order.deleted" as "order.created"],
          }),
        ),
      ).toBe("BAD_REQUEST");
    });
    refusesOutsiders((c) =>
      c.integrations.createWebhookEndpoint({ url: DEAD_URL, events: ["order.created"] }),
    );
  },
  "integrations.updateWebhookEndpoint": () => {
    it("changes this organization's endpoint only", async () => {
      const id = await endpointAt(A);
      expect(
        await codeOf((await owner(B)).integrations.updateWebhookEndpoint({ endpointId: id, enabled: false })),
      ).toBe("NOT_FOUND");
      const updated = await (
        await owner(A)
      ).integrations.updateWebhookEndpoint({
        endpointId: id,
        enabled: false,
        events: ["product.updated"],
      });
      expect(updated).toMatchObject({ enabled: false, events: ["product.updated"] });
    });
    refusesOutsiders((c) =>
      c.integrations.updateWebhookEndpoint({ endpointId: crypto.randomUUID(), enabled: false }),
    );
  },
  "integrations.revealWebhookSecret": () => {
    it("reveals this organization's secret to its owner, never another organization's", async () => {
      const created = await (
        await owner(A)
      ).integrations.createWebhookEndpoint({
        url: DEAD_URL,
        events: ["order.created"],
      });
      const revealed = await (
        await owner(A)
      ).integrations.revealWebhookSecret({ endpointId: created.endpoint.id });
      expect(revealed.secret).toBe(created.secret);
      expect(
        await codeOf((await owner(B)).integrations.revealWebhookSecret({ endpointId: created.endpoint.id })),
      ).toBe("NOT_FOUND");
    });
    refusesOutsiders((c) => c.integrations.revealWebhookSecret({ endpointId: crypto.randomUUID() }));
  },
  "integrations.sendTestWebhook": () => {
    it("sends a test to this organization's endpoint and logs the failed attempt", async () => {
      const id = await endpointAt(B);
      expect(await codeOf((await owner(A)).integrations.sendTestWebhook({ endpointId: id }))).toBe(
        "NOT_FOUND",
      );
      const delivery = await (await owner(B)).integrations.sendTestWebhook({ endpointId: id });
      expect(delivery).toMatchObject({
        organizationId: B.org.id,
        eventType: "webhook.test",
        status: "failed",
      });
      expect(delivery.lastResponseCode).toBeNull();
    });
    refusesOutsiders((c) => c.integrations.sendTestWebhook({ endpointId: crypto.randomUUID() }));
  },
  "integrations.listWebhookDeliveries": () => {
    it("shows this organization's delivery log only", async () => {
      const id = await endpointAt(B);
      const delivery = await (await owner(B)).integrations.sendTestWebhook({ endpointId: id });
      const mine = await (await owner(B)).integrations.listWebhookDeliveries({ endpointId: id });
      expect(mine.map((d) => d.id)).toEqual([delivery.id]);
      expect(mine[0]!.attemptLog).toHaveLength(1);
      expect(mine[0]!.attemptLog[0]!.error).toBeTruthy();
      expect((await (await owner(A)).integrations.listWebhookDeliveries({})).map((d) => d.id)).not.toContain(
        delivery.id,
      );
      expect(await (await owner(A)).integrations.listWebhookDeliveries({ endpointId: id })).toEqual([]);
    });
    refusesOutsiders((c) => c.integrations.listWebhookDeliveries({}));
  },
  "integrations.deliverPendingWebhooks": () => {
    it("delivers only this organization's pending events", async () => {
      const a = (
        await (
          await owner(A)
        ).integrations.createWebhookEndpoint({ url: DEAD_URL, events: ["product.updated"] })
      ).endpoint.id;
      const b = (
        await (
          await owner(B)
        ).integrations.createWebhookEndpoint({ url: DEAD_URL, events: ["product.updated"] })
      ).endpoint.id;
      for (const t of [A, B]) {
        await handle.db.transaction((tx) =>
          recordDomainEvent(tx, {
            organizationId: t.org.id,
            type: "product.updated",
            data: { id: t.products[0]!.id },
          }),
        );
      }
      const result = await (await owner(A)).integrations.deliverPendingWebhooks();
      expect(result.fannedOut.deliveries).toBeGreaterThanOrEqual(1);
      expect((await (await owner(A)).integrations.listWebhookDeliveries({ endpointId: a })).length).toBe(1);
      expect(await (await owner(B)).integrations.listWebhookDeliveries({ endpointId: b })).toEqual([]);
    });
    refusesOutsiders((c) => c.integrations.deliverPendingWebhooks());
  },
  "integrations.redeliverWebhook": () => {
    it("redelivers this organization's delivery only", async () => {
      const id = await endpointAt(A);
      const delivery = await (await owner(A)).integrations.sendTestWebhook({ endpointId: id });
      expect(await codeOf((await owner(B)).integrations.redeliverWebhook({ deliveryId: delivery.id }))).toBe(
        "NOT_FOUND",
      );
      const again = await (await owner(A)).integrations.redeliverWebhook({ deliveryId: delivery.id });
      expect(again.id).toBe(delivery.id);
      const [log] = await (await owner(A)).integrations.listWebhookDeliveries({ endpointId: id });
      expect(log!.attemptLog.map((a) => a.manual)).toEqual([true, true]);
    });
    refusesOutsiders((c) => c.integrations.redeliverWebhook({ deliveryId: crypto.randomUUID() }));
  },
};
