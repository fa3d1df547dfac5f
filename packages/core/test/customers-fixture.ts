import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import { createLocalFileStorage, type FileStorage } from "@cannasaas/integrations/storage";
import type { CoreDeps, CustomerScope, DocumentMetadataInput } from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

/** Two tenants and a temporary file store, for the customer account services. */
export async function customersWorld() {
  const handle: DatabaseHandle = await createTestDatabase();
  const dir = mkdtempSync(path.join(tmpdir(), "cannasaas-customers-"));
  const storage: FileStorage = createLocalFileStorage(dir);
  const clock = { now: new Date("2026-05-01T18:00:00Z") };
  const deps: CoreDeps = { db: handle.db, kv: createMemoryKv(), clock: () => clock.now, storage };
  const a: FixtureTenant = await createFixtureTenant(handle.db, { tag: "cu-a", passwordHash: "x" });
  const b: FixtureTenant = await createFixtureTenant(handle.db, { tag: "cu-b", passwordHash: "x" });
  const scopeOf = (t: FixtureTenant, who: "shopper" | "minor" = "shopper"): CustomerScope => ({
    organizationId: t.org.id,
    customerId: t[who].customerId,
  });
  return {
    handle,
    deps,
    storage,
    clock,
    a,
    b,
    scopeOf,
    close: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
export const WEBP = new Uint8Array([...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WEBPVP8 ")]);
export const PDF = new Uint8Array(Buffer.from("%PDF-1.7\n"));

export const idMetadata = (overrides: Partial<DocumentMetadataInput> = {}): DocumentMetadataInput => ({
  kind: "government_id",
  documentNumber: "D1234567",
  issuingState: "CA",
  expiresOn: "2030-01-31",
  ...overrides,
});

export async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!error) throw new Error("expected a failure");
  return error as { code?: string; message: string };
}

/** A staff member of the tenant reading a scan, as the ID review page does. */
export const viewerIn = (t: FixtureTenant) => ({
  userId: t.staff.budtender.id,
  label: "budtender",
  ip: "203.0.113.7",
  requestId: "req-1",
});
