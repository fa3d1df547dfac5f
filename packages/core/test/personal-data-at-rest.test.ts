import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { identityDocuments, users } from "@cannasaas/db/schema";
import {
  createSecretBox,
  exportCustomerData,
  getCustomerProfile,
  getDocumentForReview,
  listCustomerDocuments,
  personalDataBox,
  readDocumentFile,
  resetPersonalDataBox,
  sealLegacyPersonalData,
  submitIdentityDocument,
} from "../src";
import { customersWorld, idMetadata, PNG, viewerIn } from "./customers-fixture";

const original = { id: "original", key: randomBytes(32) };
let w: Awaited<ReturnType<typeof customersWorld>>;
beforeAll(async () => {
  resetPersonalDataBox(createSecretBox([original]));
  w = await customersWorld();
});
afterAll(async () => {
  resetPersonalDataBox();
  await w?.close();
});

const rawUser = async (id: string) => (await w.handle.db.select().from(users).where(eq(users.id, id)))[0]!;
const rawDoc = async (id: string) =>
  (await w.handle.db.select().from(identityDocuments).where(eq(identityDocuments.id, id)))[0]!;

describe("personal data at rest", () => {
  it("stores dates of birth sealed and gives them back to the services that need them", async () => {
    const raw = await rawUser(w.a.shopper.userId);
    expect(raw.dateOfBirth).toMatch(/^v1\./);
    expect(raw.dateOfBirth).not.toContain("1990");
    const profile = await getCustomerProfile(w.handle.db, w.scopeOf(w.a));
    expect(profile.dateOfBirth).toBe("1990-05-01");
    const exported = await exportCustomerData(w.handle.db, w.scopeOf(w.a), new Date());
    expect(JSON.stringify(exported)).toContain("1990-05-01");
  });

  it("seals document numbers and scans; staff and the shopper read them opened", async () => {
    const scope = { ...w.scopeOf(w.a), timeZone: w.a.org.timeZone };
    const { id } = await submitIdentityDocument(
      w.deps,
      scope,
      idMetadata({ documentNumber: "X9876543" }),
      PNG,
    );
    const raw = await rawDoc(id);
    expect(raw.documentNumber).toMatch(/^v1\./);
    expect(raw.documentNumber).not.toContain("9876543");
    const stored = await w.storage.get(raw.fileKey!);
    expect(Buffer.from(stored!.bytes).includes(Buffer.from(PNG))).toBe(false);
    expect((await getDocumentForReview(w.handle.db, w.a.org.id, id)).documentNumber).toBe("X9876543");
    expect((await readDocumentFile(w.deps, w.a.org.id, id, viewerIn(w.a)))?.bytes).toEqual(Buffer.from(PNG));
    const mine = await listCustomerDocuments(w.handle.db, w.scopeOf(w.a));
    expect(mine.find((d) => d.id === id)?.documentNumberLast4).toBe("6543");
  });

  it("seals values written before encryption, once, and they read the same afterwards", async () => {
    await w.handle.db
      .update(users)
      .set({ dateOfBirth: "1985-02-03" })
      .where(eq(users.id, w.b.shopper.userId));
    const scope = { ...w.scopeOf(w.b), timeZone: w.b.org.timeZone };
    const { id } = await submitIdentityDocument(w.deps, scope, idMetadata(), PNG);
    const doc = await rawDoc(id);
    await w.handle.db
      .update(identityDocuments)
      .set({ documentNumber: "PLAIN123" })
      .where(eq(identityDocuments.id, id));
    await w.storage.put(doc.fileKey!, PNG, "image/png");

    expect((await getCustomerProfile(w.handle.db, w.scopeOf(w.b))).dateOfBirth).toBe("1985-02-03");
    const first = await sealLegacyPersonalData(w.deps);
    expect(first).toMatchObject({ datesOfBirth: 1, documentNumbers: 1 });
    expect(first.files).toBeGreaterThanOrEqual(1);
    expect(await sealLegacyPersonalData(w.deps)).toEqual({ datesOfBirth: 0, documentNumbers: 0, files: 0 });

    expect((await rawUser(w.b.shopper.userId)).dateOfBirth).toMatch(/^v1\./);
    expect((await rawDoc(id)).documentNumber).toMatch(/^v1\./);
    expect((await getCustomerProfile(w.handle.db, w.scopeOf(w.b))).dateOfBirth).toBe("1985-02-03");
    expect((await getDocumentForReview(w.handle.db, w.b.org.id, id)).documentNumber).toBe("PLAIN123");
    expect((await readDocumentFile(w.deps, w.b.org.id, id, viewerIn(w.b)))?.bytes).toEqual(Buffer.from(PNG));
  });

  it("keeps reading old values after a key rotation, and cannot read them without the old key", async () => {
    const before = personalDataBox();
    const next = { id: "next", key: randomBytes(32) };
    try {
      resetPersonalDataBox(createSecretBox([next, original]));
      expect((await getCustomerProfile(w.handle.db, w.scopeOf(w.a))).dateOfBirth).toBe("1990-05-01");
      resetPersonalDataBox(createSecretBox([next]));
      await expect(getCustomerProfile(w.handle.db, w.scopeOf(w.a))).rejects.toThrow(/No key/);
    } finally {
      resetPersonalDataBox(before);
    }
  });
});
