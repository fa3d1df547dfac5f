/** Helpers for the customer-account entries: fresh shoppers (so erasure never touches the shared fixtures). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { users } from "@cannasaas/db/schema";
import { createLocalFileStorage } from "@cannasaas/integrations/storage";
import type { SessionUser } from "../../src";
import { codeOf } from "../helpers";
import { api, deps, handle, HOST, NO_STOREFRONT, NOT_DASHBOARD, staff, type As } from "./world";
import type { FixtureTenant } from "@cannasaas/core/testing";

const dir = mkdtempSync(path.join(tmpdir(), "cannasaas-matrix-files-"));
process.once("exit", () => rmSync(dir, { recursive: true, force: true }));

/** Registers the temporary file store on the shared deps before an entry's tests. */
export function withStorage() {
  beforeAll(() => {
    deps.storage ??= createLocalFileStorage(dir);
  });
}

export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
export const idDoc = (overrides: Record<string, unknown> = {}) => ({
  kind: "government_id" as const,
  documentNumber: "X9876543",
  issuingState: "CA",
  expiresOn: "2099-12-31",
  file: PNG,
  ...overrides,
});
export const address = (line1: string) => ({ line1, city: "Denver", state: "co", postalCode: "80202" });

export async function newShopper(tag = "cu"): Promise<SessionUser> {
  const email = `${tag}-${crypto.randomUUID().slice(0, 8)}@mx.test`;
  const [user] = await handle.db
    .insert(users)
    .values({ email, name: "Fresh Shopper", emailVerified: new Date(), dateOfBirth: "1985-02-02" })
    .returning({ id: users.id, email: users.email });
  return user!;
}

export const shopperAt = (host: string, user: SessionUser) => api(host, { user });

/** A pending document submitted by a fresh shopper at A's storefront. */
export async function pendingDocAt(host: string = HOST.a) {
  const caller = await shopperAt(host, await newShopper());
  return (await caller.shopperAccount.documents.submit(idDoc())).id;
}

export const staffAt = (t: FixtureTenant, role: Parameters<typeof staff>[1], org: string = t.org.id) =>
  api(HOST.platform, { user: staff(t, role), org });

export function itRefusesOffStorefront(
  as: () => As,
  call: (caller: Awaited<ReturnType<typeof api>>) => Promise<unknown>,
) {
  it.each(NO_STOREFRONT)("is NOT_FOUND on %s", async (host) => {
    expect(await codeOf(call(await api(host, as())))).toBe("NOT_FOUND");
  });
  it("requires sign-in", async () => {
    expect(await codeOf(call(await api(HOST.a)))).toBe("UNAUTHORIZED");
  });
}

/** Review procedures: only staff with customers.review_id, of the active organization, on the platform host. */
export function itRefusesNonReviewers(
  t: () => FixtureTenant,
  other: () => FixtureTenant,
  call: (caller: Awaited<ReturnType<typeof api>>) => Promise<unknown>,
) {
  it.each(["driver", "viewer"] as const)("is FORBIDDEN for a %s", async (role) => {
    expect(await codeOf(call(await staffAt(t(), role)))).toBe("FORBIDDEN");
  });
  it("is FORBIDDEN for staff choosing another organization, and for shoppers", async () => {
    expect(await codeOf(call(await staffAt(t(), "owner", other().org.id)))).toBe("FORBIDDEN");
    const shopper = { id: t().shopper.userId, email: t().shopper.email };
    expect(await codeOf(call(await api(HOST.platform, { user: shopper, org: t().org.id })))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(call(await api(HOST.platform)))).toBe("UNAUTHORIZED");
  });
  it.each(NOT_DASHBOARD)("is FORBIDDEN on %s", async (host) => {
    expect(await codeOf(call(await api(host, { user: staff(t(), "owner"), org: t().org.id })))).toBe(
      "FORBIDDEN",
    );
  });
}
