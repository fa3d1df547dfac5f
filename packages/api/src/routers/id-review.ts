import { z } from "zod";
import {
  approveDocument,
  getDocumentForReview,
  listReviewQueue,
  rejectDocument,
  rejectionInput,
} from "@cannasaas/core";
import { usStateCodeSchema } from "@cannasaas/validators";
import { createTRPCRouter, staffProcedure } from "../trpc";

const reviewProcedure = staffProcedure("customers.review_id");
const documentId = z.object({ documentId: z.uuid({ error: "Unknown document." }) });
const reviewerOf = (ctx: { organizationId: string; user: { id: string } }) => ({
  organizationId: ctx.organizationId,
  userId: ctx.user.id,
});

export const idReviewRouter = createTRPCRouter({
  queue: reviewProcedure.query(({ ctx }) => listReviewQueue(ctx.deps.db, ctx.organizationId)),
  /** The document's details; the scan itself is served by the dashboard's file route after the same check. */
  get: reviewProcedure
    .input(documentId)
    .query(({ ctx, input }) => getDocumentForReview(ctx.deps.db, ctx.organizationId, input.documentId)),
  approve: reviewProcedure
    .input(documentId.extend({ residentState: usStateCodeSchema.nullish() }))
    .mutation(({ ctx, input }) =>
      approveDocument(ctx.deps, reviewerOf(ctx), input.documentId, { residentState: input.residentState }),
    ),
  reject: reviewProcedure
    .input(documentId.extend(rejectionInput.shape))
    .mutation(({ ctx, input }) => rejectDocument(ctx.deps, reviewerOf(ctx), input.documentId, input.reason)),
});
