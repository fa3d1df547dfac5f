import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, customers, identityDocuments } from "@cannasaas/db/schema";
import {
  approveDocument,
  detectDocumentType,
  getDocumentForReview,
  listCustomerDocuments,
  listReviewQueue,
  MAX_DOCUMENT_BYTES,
  readDocumentFile,
  rejectDocument,
  submitIdentityDocument,
} from "../src";
import { customersWorld, failure, idMetadata, JPEG, PDF, PNG, viewerIn, WEBP } from "./customers-fixture";

let w: Awaited<ReturnType<typeof customersWorld>>;
beforeAll(async () => {
  w = await customersWorld();
});
afterAll(async () => w?.close());

const submitAs = (t: typeof w.a, bytes = PNG, meta = idMetadata(), who: "shopper" | "minor" = "shopper") =>
  submitIdentityDocument(w.deps, { ...w.scopeOf(t, who), timeZone: t.org.timeZone }, meta, bytes);
const reviewer = (t: typeof w.a) => ({ organizationId: t.org.id, userId: t.staff.budtender.id });
const fileKeyOf = async (id: string) =>
  (await w.handle.db.select().from(identityDocuments).where(eq(identityDocuments.id, id)))[0]!.fileKey;

describe("document type detection", () => {
  it("recognises PNG, JPEG, WebP and PDF by their magic bytes only", () => {
    expect([PNG, JPEG, WEBP, PDF].map(detectDocumentType)).toEqual([
      "image/png",
      "image/jpeg",
      "image/webp",
      "application/pdf",
    ]);
    expect(detectDocumentType(new Uint8Array(Buffer.from("<svg onload=alert(1)>")))).toBeNull();
    expect(detectDocumentType(new Uint8Array([0x89, 0x50]))).toBeNull();
    expect(detectDocumentType(new Uint8Array(Buffer.from("RIFF0000WAVE")))).toBeNull();
  });
});

describe("submitting a document", () => {
  it("stores the file under id-docs/<org>/<customer>/ and records it as pending", async () => {
    const { id, status } = await submitAs(w.a);
    expect(status).toBe("pending");
    const key = await fileKeyOf(id);
    expect(key).toMatch(new RegExp(`^id-docs/${w.a.org.id}/${w.a.shopper.customerId}/[0-9a-f-]{36}$`));
    const stored = await w.storage.get(key!);
    expect(stored?.contentType).toBe("image/png");
    // Sealed at rest: the stored bytes are not the scan, and reading through the service opens them.
    expect(Buffer.from(stored!.bytes).includes(Buffer.from(PNG))).toBe(false);
    expect((await readDocumentFile(w.deps, w.a.org.id, id, viewerIn(w.a)))?.bytes).toEqual(Buffer.from(PNG));
  });

  it("records every read of a scan in the store's audit trail, with who, where from and which document", async () => {
    const { id } = await submitAs(w.a);
    const reads = () =>
      w.handle.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "idReview.fileViewed"), eq(auditEvents.resourceId, id)));
    expect(await reads()).toHaveLength(0);
    await readDocumentFile(w.deps, w.a.org.id, id, viewerIn(w.a));
    await readDocumentFile(w.deps, w.a.org.id, id, viewerIn(w.a));
    const recorded = await reads();
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toMatchObject({
      organizationId: w.a.org.id,
      actorKind: "user",
      actorId: w.a.staff.budtender.id,
      resourceType: "identityDocument",
      ip: "203.0.113.7",
    });
    // Another store's attempt reads nothing and records nothing in either trail.
    expect(await readDocumentFile(w.deps, w.b.org.id, id, viewerIn(w.b))).toBeNull();
    expect(await reads()).toHaveLength(2);
  });

  it("refuses other file types, empty and oversized files, and expired documents, storing nothing", async () => {
    const before = (await w.handle.db.select().from(identityDocuments)).length;
    const cases = [
      () => submitAs(w.a, new Uint8Array(Buffer.from("GIF89a...."))),
      () => submitAs(w.a, new Uint8Array()),
      () => submitAs(w.a, new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0xff)),
      () => submitAs(w.a, PNG, idMetadata({ expiresOn: "2026-04-30" })),
    ];
    for (const c of cases) expect((await failure(c())).code).toBe("BAD_REQUEST");
    expect((await w.handle.db.select().from(identityDocuments)).length).toBe(before);
  });

  it("replaces older pending documents of the same kind, deleting their files, but not other kinds", async () => {
    const first = await submitAs(w.b, JPEG);
    const firstKey = await fileKeyOf(first.id);
    const card = await submitAs(w.b, PDF, idMetadata({ kind: "medical_card" }));
    const second = await submitAs(w.b, WEBP);
    const mine = await listCustomerDocuments(w.handle.db, w.scopeOf(w.b));
    expect(mine.map((d) => d.id).sort()).toEqual([second.id, card.id].sort());
    expect(await w.storage.get(firstKey!)).toBeNull();
  });

  it("lists a shopper's own documents only, with the last four digits of the number", async () => {
    const mine = await listCustomerDocuments(w.handle.db, w.scopeOf(w.a));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]).toMatchObject({ documentNumberLast4: "4567", status: "pending" });
    expect(await listCustomerDocuments(w.handle.db, w.scopeOf(w.a, "minor"))).toEqual([]);
    const bIds = (await listCustomerDocuments(w.handle.db, w.scopeOf(w.b))).map((d) => d.id);
    expect(mine.some((d) => bIds.includes(d.id))).toBe(false);
  });
});

describe("reviewing documents", () => {
  it("queues this store's documents, pending first and oldest first", async () => {
    const older = await submitAs(w.a, PNG, idMetadata(), "minor");
    w.clock.now = new Date(w.clock.now.getTime() + 60_000);
    const newer = await submitAs(w.a, PNG, idMetadata({ kind: "medical_card" }), "minor");
    await rejectDocument(w.deps, reviewer(w.a), older.id, "Blurry photo");
    const queue = await listReviewQueue(w.handle.db, w.a.org.id);
    expect(queue.every((d) => d.organizationId === w.a.org.id)).toBe(true);
    const statuses = queue.map((d) => d.status);
    expect(statuses.indexOf("rejected")).toBeGreaterThan(statuses.lastIndexOf("pending"));
    const pending = queue.filter((d) => d.status === "pending");
    expect(pending.map((d) => d.submittedAt.getTime())).toEqual(
      pending.map((d) => d.submittedAt.getTime()).sort((x, y) => x - y),
    );
    expect(pending.map((d) => d.id)).toContain(newer.id);
  });

  it("never lets one store see, read or decide another store's document", async () => {
    const { id } = await submitAs(w.a, JPEG, idMetadata(), "minor");
    expect((await listReviewQueue(w.handle.db, w.b.org.id)).map((d) => d.id)).not.toContain(id);
    expect((await failure(getDocumentForReview(w.handle.db, w.b.org.id, id))).code).toBe("NOT_FOUND");
    expect(await readDocumentFile(w.deps, w.b.org.id, id, viewerIn(w.b))).toBeNull();
    expect((await failure(approveDocument(w.deps, reviewer(w.b), id))).code).toBe("NOT_FOUND");
    expect((await readDocumentFile(w.deps, w.a.org.id, id, viewerIn(w.a)))?.contentType).toBe("image/jpeg");
  });

  it("approves once, recording who and when, and a medical card makes the customer a patient", async () => {
    const { id } = await submitAs(w.a, PNG, idMetadata({ kind: "medical_card" }));
    const [before] = await w.handle.db
      .select()
      .from(customers)
      .where(eq(customers.id, w.a.shopper.customerId));
    expect(before!.isMedicalPatient).toBe(false);
    expect(await approveDocument(w.deps, reviewer(w.a), id)).toEqual({ id, status: "approved" });
    const [doc] = await w.handle.db.select().from(identityDocuments).where(eq(identityDocuments.id, id));
    expect(doc).toMatchObject({ reviewedByUserId: w.a.staff.budtender.id, reviewedAt: w.clock.now });
    const [after] = await w.handle.db
      .select()
      .from(customers)
      .where(eq(customers.id, w.a.shopper.customerId));
    expect(after!.isMedicalPatient).toBe(true);
    expect((await failure(rejectDocument(w.deps, reviewer(w.a), id, "late"))).code).toBe("CONFLICT");
    const listed = (await listCustomerDocuments(w.handle.db, w.scopeOf(w.a))).find((d) => d.id === id);
    expect(listed?.verificationValidUntil).toBe("2026-07-30");
  });

  it("rejects with the reason the shopper will read, and refuses approving an expired document", async () => {
    const { id } = await submitAs(w.b, PNG, idMetadata({ expiresOn: "2026-05-02" }), "minor");
    w.clock.now = new Date("2026-05-04T18:00:00Z");
    expect((await failure(approveDocument(w.deps, reviewer(w.b), id))).code).toBe("BAD_REQUEST");
    await rejectDocument(w.deps, reviewer(w.b), id, "Expired");
    const [doc] = await listCustomerDocuments(w.handle.db, w.scopeOf(w.b, "minor"));
    expect(doc).toMatchObject({ id, status: "rejected", rejectionReason: "Expired" });
  });
});
