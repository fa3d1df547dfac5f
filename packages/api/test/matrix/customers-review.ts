import { expect, it } from "vitest";
import { codeOf } from "../helpers";
import { A, B, HOST } from "./world";
import { itRefusesNonReviewers, pendingDocAt, staffAt, withStorage } from "./customers-world";

const someId = () => ({ documentId: crypto.randomUUID() });

export const idReviewEntries: Record<string, () => void> = {
  "idReview.queue": () => {
    withStorage();
    it("shows reviewers their own store's documents only", async () => {
      const atA = await pendingDocAt(HOST.a);
      const atB = await pendingDocAt(HOST.b);
      const ids = async (t: typeof A) =>
        (await (await staffAt(t, "budtender")).idReview.queue()).map((d) => d.id);
      expect(await ids(A)).toContain(atA);
      expect(await ids(A)).not.toContain(atB);
      expect(await ids(B)).toContain(atB);
      expect(await ids(B)).not.toContain(atA);
    });
    itRefusesNonReviewers(
      () => A,
      () => B,
      (c) => c.idReview.queue(),
    );
  },
  "idReview.get": () => {
    withStorage();
    it("finds a document in the reviewer's organization only", async () => {
      const documentId = await pendingDocAt(HOST.a);
      expect((await (await staffAt(A, "manager")).idReview.get({ documentId })).status).toBe("pending");
      expect(await codeOf((await staffAt(B, "owner")).idReview.get({ documentId }))).toBe("NOT_FOUND");
    });
    itRefusesNonReviewers(
      () => A,
      () => B,
      (c) => c.idReview.get(someId()),
    );
  },
  "idReview.approve": () => {
    withStorage();
    it("lets A's reviewer approve A's document once, and never B's staff", async () => {
      const documentId = await pendingDocAt(HOST.a);
      expect(await codeOf((await staffAt(B, "owner")).idReview.approve({ documentId }))).toBe("NOT_FOUND");
      expect(await codeOf((await staffAt(A, "viewer")).idReview.approve({ documentId }))).toBe("FORBIDDEN");
      const budtender = await staffAt(A, "budtender");
      expect(await budtender.idReview.approve({ documentId })).toEqual({
        id: documentId,
        status: "approved",
      });
      expect(await codeOf(budtender.idReview.approve({ documentId }))).toBe("CONFLICT");
    });
    itRefusesNonReviewers(
      () => A,
      () => B,
      (c) => c.idReview.approve(someId()),
    );
  },
  "idReview.reject": () => {
    withStorage();
    it("needs a reason and stays inside the organization", async () => {
      const documentId = await pendingDocAt(HOST.b);
      const reviewer = await staffAt(B, "admin");
      expect(await codeOf(reviewer.idReview.reject({ documentId, reason: "  " }))).toBe("BAD_REQUEST");
      expect(await codeOf((await staffAt(A, "owner")).idReview.reject({ documentId, reason: "no" }))).toBe(
        "NOT_FOUND",
      );
      expect(await reviewer.idReview.reject({ documentId, reason: "Photo is blurry" })).toEqual({
        id: documentId,
        status: "rejected",
      });
    });
    itRefusesNonReviewers(
      () => A,
      () => B,
      (c) => c.idReview.reject({ ...someId(), reason: "x" }),
    );
  },
};
