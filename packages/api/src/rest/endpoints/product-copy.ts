import { z } from "zod";
import { COPY_TONES, fileProductCopy, listProductCopyDrafts, prepareProductCopy } from "@cannasaas/core";
import { defineEndpoint, iso, isoOrNull, uuidParam } from "../http";

const CopyText = z.object({
  description: z.string(),
  tagline: z.string(),
  seoTitle: z.string(),
  seoDescription: z.string(),
});

const CopyFlag = z
  .object({ field: z.string(), topic: z.string(), sentence: z.string() })
  .describe("A sentence the compliance check flagged (a health claim, dosing, appeal to minors, ...).");

export const ApiCopyDraft = z
  .object({
    id: z.uuid(),
    productId: z.uuid(),
    tone: z.enum(COPY_TONES),
    source: z
      .enum(["claude", "template"])
      .describe('"template" when AI is off, over plan or quota, or failed.'),
    status: z.enum(["pending", "accepted", "rejected"]),
    copy: CopyText,
    flags: z.array(CopyFlag),
    createdAt: z.iso.datetime(),
    reviewedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ProductCopyDraft" });

export const createProductCopyDraft = defineEndpoint({
  operationId: "createProductCopyDraft",
  method: "POST",
  path: "/products/{id}/copy",
  scope: "products:write",
  tag: "Products",
  summary: "Request generated copy for a product",
  description:
    "Writes a description, tagline and SEO texts for the product in a tone and files them as a pending draft in " +
    "the dashboard's review queue. Nothing on the product changes: published copy is replaced only when someone " +
    "accepts the draft in the dashboard. Claude writes it on plans with AI; otherwise a template does, and " +
    "`notice` says so.",
  params: z.object({ id: uuidParam }),
  body: z.object({
    tone: z.enum(COPY_TONES).default("professional").describe("The voice of the copy."),
  }),
  response: ApiCopyDraft.extend({
    notice: z.string().nullable().describe("Why a template wrote the copy; null when Claude did."),
  }),
  successStatus: 201,
  // Claude writes with no transaction open; the draft is filed in the write's transaction.
  callOut: ({ deps, read, organizationId, params, body }) =>
    prepareProductCopy(
      { ...deps, read },
      { organizationId, userId: null },
      { productId: params.id, tone: body.tone },
    ),
  async handler({ deps, prepared, body }) {
    const draft = await fileProductCopy(deps.db, prepared);
    return {
      id: draft.draftId,
      productId: draft.productId,
      tone: body.tone,
      source: draft.source,
      status: "pending" as const,
      copy: draft.copy,
      flags: draft.flags,
      createdAt: iso(deps.clock()),
      reviewedAt: null,
      notice: draft.notice,
    };
  },
});

export const listProductCopyDraftsEndpoint = defineEndpoint({
  operationId: "listProductCopyDrafts",
  method: "GET",
  path: "/products/{id}/copy",
  scope: "products:read",
  tag: "Products",
  summary: "List a product's copy drafts",
  description: "The product's generated drafts, newest first (at most 50), with their review status.",
  params: z.object({ id: uuidParam }),
  query: z.object({
    status: z.enum(["pending", "accepted", "rejected"]).optional().describe("Only drafts with this status."),
  }),
  response: z.object({ data: z.array(ApiCopyDraft) }),
  async handler({ deps, organizationId, params, query }) {
    const rows = await listProductCopyDrafts(deps.db, organizationId, params.id, { status: query.status });
    return {
      data: rows.map((d) => ({
        id: d.id,
        productId: d.productId,
        tone: d.tone,
        source: d.source as "claude" | "template",
        status: d.status,
        copy: {
          description: d.description,
          tagline: d.tagline,
          seoTitle: d.seoTitle,
          seoDescription: d.seoDescription,
        },
        flags: d.flags,
        createdAt: iso(d.createdAt),
        reviewedAt: isoOrNull(d.reviewedAt),
      })),
    };
  },
});
