import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { metrcCredentials, metrcReconciliations, metrcSyncItems, stockMovements } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  advanceOrder,
  DomainError,
  getMetrcOverview,
  listMetrcDiscrepancies,
  listMetrcItems,
  retryMetrcItem,
  runMetrcReconciliation,
  runMetrcSync,
  type ReceiptPayload,
} from "../src";
import { createLogger } from "@cannasaas/integrations/logger";
import { addLot, metrcWorld, readyOrder, USER_KEY, VENDOR_KEY, type MetrcWorld } from "./metrc-fixture";

let handle: DatabaseHandle;
let w: MetrcWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  w = await metrcWorld(handle.db, "mfail", { retryAfterSeconds: 120 });
});
afterEach(() => w.mock.setFaults(0));
afterAll(async () => {
  await w?.mock.close();
  await handle?.close();
});

const sync = () => runMetrcSync(w.deps, { organizationId: w.shop.org.id, callsPerSecond: 0 });
const later = (minutes: number) => {
  w.clock.now = new Date(w.clock.now.getTime() + minutes * 60_000);
};
async function soldOrder(variantIndex = 0, quantity = 1) {
  const order = await readyOrder(w, [{ variantIndex, quantity }]);
  await advanceOrder(w.deps, w.shop.org.id, { orderId: order.id, to: "completed", actorUserId: null });
  const [item] = await handle.db
    .select()
    .from(metrcSyncItems)
    .where(and(eq(metrcSyncItems.orderId, order.id), eq(metrcSyncItems.kind, "receipt")));
  return { order, item: item! };
}
const itemRow = async (id: string) =>
  (await handle.db.select().from(metrcSyncItems).where(eq(metrcSyncItems.id, id)))[0]!;

describe("dead-lettering and manual retry", () => {
  it("gives up after repeated 5xx, shows the error, and a retry sends it exactly once", async () => {
    await addLot(w, 0, 50);
    const { order, item } = await soldOrder();
    w.mock.setFaults(1, ["server_error"]);
    for (let i = 0; i < 12 && (await itemRow(item.id)).status !== "dead"; i++) {
      await sync();
      later(120);
    }
    const dead = await itemRow(item.id);
    expect(dead.status).toBe("dead");
    expect(dead.attempts).toBe(8);
    expect(dead.lastError).toMatch(
      /METRC failed on (POST|GET) \/sales\/v2\/receipts.* \(500\).*gave up after 8 attempts/,
    );
    expect(w.mock.receipt(w.license, String(order.orderNumber))).toBeUndefined();
    const listed = await listMetrcItems(w.deps, w.shop.org.id, { statuses: ["dead"] });
    expect(listed.map((i) => i.id)).toContain(item.id);

    w.mock.setFaults(0);
    const retried = await retryMetrcItem(w.deps, w.shop.org.id, item.id);
    expect(retried).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    await sync();
    expect((await itemRow(item.id)).status).toBe("sent");
    expect(
      w.mock.receipts(w.license).filter((r) => r.ExternalReceiptNumber === String(order.orderNumber)),
    ).toHaveLength(1);
    expect(w.mock.stats.duplicateReceipts).toBe(0);
  });

  it("a receipt METRC refuses (400) is dead at once with METRC's reason", async () => {
    await addLot(w, 2, 5, { inMetrc: false });
    const { item } = await soldOrder(2);
    await sync();
    const row = await itemRow(item.id);
    expect(row.status).toBe("dead");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(
      /METRC refused POST \/sales\/v2\/receipts \(400\): Package .* is not active/,
    );
  });

  it("only failed or dead items can be retried, and only in their own organization", async () => {
    const { item } = await soldOrder();
    await expect(retryMetrcItem(w.deps, w.shop.org.id, item.id)).rejects.toThrow(
      /Only failed or dead-lettered/,
    );
    await expect(retryMetrcItem(w.deps, crypto.randomUUID(), item.id)).rejects.toBeInstanceOf(DomainError);
    await sync();
  });

  it("units sold without a package are held with the problem named; a retry after receiving a lot sends them", async () => {
    const { order, item } = await soldOrder(1, 2);
    expect(item.status).toBe("dead");
    expect(item.problem).toMatch(/No METRC package for: 2 x Product/);
    await expect(retryMetrcItem(w.deps, w.shop.org.id, item.id)).rejects.toThrow(/No METRC package/);
    const lot = await addLot(w, 1, 10);
    const retried = await retryMetrcItem(w.deps, w.shop.org.id, item.id);
    expect(retried.status).toBe("pending");
    expect(
      (retried.payload as ReceiptPayload).receipt.Transactions.map((t) => [t.PackageLabel, t.Quantity]),
    ).toEqual([[lot.packageLabel, 2]]);
    const moves = await handle.db.select().from(stockMovements).where(eq(stockMovements.orderId, order.id));
    expect(moves.map((m) => [m.lotId, m.quantity])).toEqual([[lot.id, -2]]);
    await sync();
    expect((await itemRow(item.id)).status).toBe("sent");
    expect(w.mock.receipt(w.license, String(order.orderNumber))?.Transactions[0]?.PackageLabel).toBe(
      lot.packageLabel,
    );
  });
});

describe("credentials refused and rate limits", () => {
  it("a 401 leaves the reports waiting (no attempt counted) and marks the credentials", async () => {
    const { item } = await soldOrder();
    w.mock.script("unauthorized");
    const result = await sync();
    expect(result.facilities[0]!.skipped).toMatch(/refused the credentials/);
    const row = await itemRow(item.id);
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(0);
    expect(row.lastError).toMatch(/refused the credentials for license LIC-mfail \(401\)/);
    const [cred] = await handle.db
      .select()
      .from(metrcCredentials)
      .where(eq(metrcCredentials.organizationId, w.shop.org.id));
    expect(cred!.lastAuthError).toMatch(/401/);
    later(20);
    await sync();
    expect((await itemRow(item.id)).status).toBe("sent");
    const [after] = await handle.db
      .select()
      .from(metrcCredentials)
      .where(eq(metrcCredentials.organizationId, w.shop.org.id));
    expect(after!.lastAuthError).toBeNull();
    expect(after!.lastVerifiedAt).not.toBeNull();
  });

  it("a 429 with a long Retry-After pauses the facility until then", async () => {
    const { item } = await soldOrder();
    w.mock.script("rate_limit");
    const first = await sync();
    expect(first.facilities[0]!.skipped).toMatch(/rate limit.*retry after 120 s/);
    expect((await itemRow(item.id)).attempts).toBe(0);
    const requests = w.mock.stats.requests;
    later(1);
    await runMetrcSync(w.deps, { organizationId: w.shop.org.id, callsPerSecond: 0 });
    expect(w.mock.stats.requests).toBe(requests); // still cooling down: no call made
    later(2);
    await sync();
    expect((await itemRow(item.id)).status).toBe("sent");
  });

  it("a short Retry-After is waited out within the run", async () => {
    const slept: number[] = [];
    const { item } = await soldOrder();
    w.mock.script("rate_limit");
    await runMetrcSync(
      { ...w.deps, sleep: async (ms) => void slept.push(ms) },
      { organizationId: w.shop.org.id, callsPerSecond: 0, maxInlineWaitMs: 200_000 },
    );
    expect(slept).toEqual([120_000]);
    expect((await itemRow(item.id)).status).toBe("sent");
  });
});

describe("secrets", () => {
  it("never reach the logs, whatever goes wrong", async () => {
    const lines: string[] = [];
    const log = createLogger({
      level: "trace",
      destination: { write: (line: string) => void lines.push(line) },
    });
    const logged = { ...w.deps, log };
    await soldOrder();
    w.mock.script("unauthorized", "server_error", "html", "empty", "applied_then_500");
    for (let i = 0; i < 6; i++) {
      await runMetrcSync(logged, { organizationId: w.shop.org.id, callsPerSecond: 0 });
      later(120);
    }
    await runMetrcSync({ ...logged, metrc: { ...logged.metrc, vendorKey: null } }, { callsPerSecond: 0 });
    const items = await listMetrcItems(w.deps, w.shop.org.id);
    const everything = lines.join("\n") + JSON.stringify(items);
    expect(lines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(USER_KEY);
    expect(everything).not.toContain(VENDOR_KEY);
    expect(everything).not.toContain(Buffer.from(`${VENDOR_KEY}:${USER_KEY}`).toString("base64"));
  });
});

describe("reconciliation", () => {
  it("lists packages missing on either side and quantities that differ, across pages", async () => {
    const r = await metrcWorld(handle.db, "mrec");
    try {
      const same = await addLot(r, 0, 5);
      const differs = await addLot(r, 0, 3);
      r.mock.setPackage(r.license, { Label: differs.packageLabel, Quantity: 4, UnitOfMeasureName: "Each" });
      const onlyHere = await addLot(r, 1, 7, { inMetrc: false });
      r.mock.setPackage(r.license, {
        Label: "1A4FF0ONLYINMETRC0000001",
        Quantity: 9,
        UnitOfMeasureName: "Grams",
      });
      for (let i = 0; i < 25; i++) await addLot(r, 2, 1);
      const [summary] = await runMetrcReconciliation(r.deps, { organizationId: r.shop.org.id });
      expect(summary).toMatchObject({ status: "completed", discrepancies: 3 });
      const found = await listMetrcDiscrepancies(r.deps, r.shop.org.id);
      expect(found.map((d) => [d.kind, d.packageLabel, d.localQuantity, d.metrcQuantity]).sort()).toEqual(
        [
          ["missing_in_metrc", onlyHere.packageLabel, 7, null],
          ["missing_locally", "1A4FF0ONLYINMETRC0000001", null, "9"],
          ["quantity_mismatch", differs.packageLabel, 3, "4"],
        ].sort(),
      );
      expect(found.map((d) => d.packageLabel)).not.toContain(same.packageLabel);
      const [run] = await handle.db
        .select()
        .from(metrcReconciliations)
        .where(eq(metrcReconciliations.id, summary!.reconciliationId!));
      expect(run!.packagesInMetrc).toBe(28);
      // Another organization sees none of it.
      expect(await listMetrcDiscrepancies(w.deps, w.shop.org.id)).toEqual([]);

      r.mock.script("html");
      const [failed] = await runMetrcReconciliation(r.deps, { organizationId: r.shop.org.id });
      expect(failed).toMatchObject({ status: "failed" });
      expect(failed!.message).toMatch(/HTML page/);
      // The dashboard keeps showing the last completed comparison.
      expect(await listMetrcDiscrepancies(r.deps, r.shop.org.id)).toHaveLength(3);
      const overview = await getMetrcOverview(r.deps, r.shop.org.id);
      expect(
        overview.locations.find((l) => l.id === r.shop.locations[0]!.id)?.lastReconciliation?.status,
      ).toBe("failed");
    } finally {
      await r.mock.close();
    }
  });

  it("skips locations without credentials, saying why", async () => {
    const results = await runMetrcReconciliation(
      { ...w.deps, metrc: { ...w.deps.metrc, vendorKey: null } },
      { organizationId: w.shop.org.id },
    );
    expect(results[0]).toMatchObject({ status: "skipped" });
    expect(results[0]!.message).toMatch(/METRC not configured/);
  });
});
