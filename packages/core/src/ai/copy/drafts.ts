import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { productCopy, productCopyDrafts, products } from "@cannasaas/db/schema";
import { invalidateMenuCache } from "../../catalog/menu-cache";
import { DomainError } from "../../errors";
import { copyFlags } from "./compliance";
import type { CopyActor, CopyDeps } from "./generate";
import { COPY_LIMITS, type ProductCopyText } from "./template";

export type CopyDraftStatus = "pending" | "accepted" | "rejected";

/** The review queue: drafts of the organization, newest first, optionally for one product or status. */
export async function listCopyDrafts(
  db: DbOrTx,
  organizationId: string,
  filter: { productId?: string; status?: CopyDraftStatus; limit?: number } = {},
) {
  const conditions = [eq(productCopyDrafts.organizationId, organizationId)];
  if (filter.productId) conditions.push(eq(productCopyDrafts.productId, filter.productId));
  if (filter.status) conditions.push(eq(productCopyDrafts.status, filter.status));
  return db
    .select({
      id: productCopyDrafts.id,
      productId: productCopyDrafts.productId,
      productName: products.name,
      tone: productCopyDrafts.tone,
      source: productCopyDrafts.source,
      model: productCopyDrafts.model,
      description: productCopyDrafts.description,
      tagline: productCopyDrafts.tagline,
      seoTitle: productCopyDrafts.seoTitle,
      seoDescription: productCopyDrafts.seoDescription,
      flags: productCopyDrafts.flags,
      status: productCopyDrafts.status,
      createdAt: productCopyDrafts.createdAt,
      reviewedAt: productCopyDrafts.reviewedAt,
    })
    .from(productCopyDrafts)
    .innerJoin(products, eq(products.id, productCopyDrafts.productId))
    .where(and(...conditions))
    .orderBy(desc(productCopyDrafts.createdAt), desc(productCopyDrafts.id))
    .limit(Math.min(filter.limit ?? 50, 200));
}

/** One product's drafts, newest first; NOT_FOUND when the product is not this organization's. */
export async function listProductCopyDrafts(
  db: DbOrTx,
  organizationId: string,
  productId: string,
  filter: { status?: CopyDraftStatus; limit?: number } = {},
) {
  const [product] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.organizationId, organizationId), eq(products.id, productId)));
  if (!product) throw new DomainError("NOT_FOUND", "No product with that id.");
  return listCopyDrafts(db, organizationId, { ...filter, productId });
}

/** The accepted tagline and SEO texts of products, for their pages. */
export async function approvedCopyFor(db: DbOrTx, organizationId: string, productIds: string[]) {
  if (!productIds.length) return [];
  return db
    .select({
      productId: productCopy.productId,
      tagline: productCopy.tagline,
      seoTitle: productCopy.seoTitle,
      seoDescription: productCopy.seoDescription,
    })
    .from(productCopy)
    .where(and(eq(productCopy.organizationId, organizationId), inArray(productCopy.productId, productIds)));
}

async function lockPendingDraft(tx: DbOrTx, organizationId: string, draftId: string) {
  const [draft] = await tx
    .select()
    .from(productCopyDrafts)
    .where(and(eq(productCopyDrafts.id, draftId), eq(productCopyDrafts.organizationId, organizationId)))
    .for("update");
  if (!draft) throw new DomainError("NOT_FOUND", "That draft does not exist.");
  if (draft.status !== "pending")
    throw new DomainError("CONFLICT", `This draft was already ${draft.status}.`);
  return draft;
}

const trimmed = (copy: ProductCopyText): ProductCopyText => ({
  description: copy.description.trim(),
  tagline: copy.tagline.trim(),
  seoTitle: copy.seoTitle.trim(),
  seoDescription: copy.seoDescription.trim(),
});

/**
 * Publishes a draft (as edited by the reviewer) on the product: the description on the product, the tagline and
 * SEO texts beside it. Refused when the text still breaks the compliance check, and when the product's copy
 * changed since the draft was made (unless the reviewer saw that and chose to replace it), so approved copy is
 * never overwritten silently.
 */
export async function acceptCopyDraft(
  deps: Pick<CopyDeps, "db" | "kv" | "clock">,
  actor: CopyActor,
  input: { draftId: string; copy: ProductCopyText; replaceChanged?: boolean },
) {
  const copy = trimmed(input.copy);
  for (const field of Object.keys(COPY_LIMITS) as (keyof ProductCopyText)[]) {
    if (!copy[field]) throw new DomainError("BAD_REQUEST", `The ${field} cannot be empty.`);
    if (copy[field].length > COPY_LIMITS[field])
      throw new DomainError("BAD_REQUEST", `Keep the ${field} to ${COPY_LIMITS[field]} characters.`);
  }
  const flags = copyFlags(copy);
  if (flags.length)
    throw new DomainError("BAD_REQUEST", `Fix this sentence before publishing: "${flags[0]!.sentence}"`, {
      flags,
    });
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const draft = await lockPendingDraft(tx, actor.organizationId, input.draftId);
    const [product] = await tx
      .select({ description: products.description })
      .from(products)
      .where(and(eq(products.id, draft.productId), eq(products.organizationId, actor.organizationId)))
      .for("update");
    if (!product) throw new DomainError("NOT_FOUND", "That product does not exist.");
    const [approved] = await tx
      .select({ approvedAt: productCopy.approvedAt })
      .from(productCopy)
      .where(eq(productCopy.productId, draft.productId));
    const changed =
      (product.description ?? null) !== (draft.baseDescription ?? null) ||
      (approved !== undefined && approved.approvedAt > draft.createdAt);
    if (changed && !input.replaceChanged)
      throw new DomainError(
        "CONFLICT",
        "This product's copy changed after the draft was made. Compare them, then choose to replace it.",
      );
    await tx
      .update(products)
      .set({ description: copy.description, updatedAt: now })
      .where(and(eq(products.id, draft.productId), eq(products.organizationId, actor.organizationId)));
    const published = {
      organizationId: actor.organizationId,
      tagline: copy.tagline,
      seoTitle: copy.seoTitle,
      seoDescription: copy.seoDescription,
      draftId: draft.id,
      approvedBy: actor.userId,
      approvedAt: now,
    };
    await tx
      .insert(productCopy)
      .values({ productId: draft.productId, ...published })
      .onConflictDoUpdate({ target: productCopy.productId, set: published });
    await tx
      .update(productCopyDrafts)
      .set({ ...copy, status: "accepted", reviewedBy: actor.userId, reviewedAt: now })
      .where(eq(productCopyDrafts.id, draft.id));
  });
  await invalidateMenuCache(deps.kv, actor.organizationId);
  return { ok: true as const };
}

/** Rejects a pending draft; it stays in the queue's history. */
export async function rejectCopyDraft(
  deps: Pick<CopyDeps, "db" | "clock">,
  actor: CopyActor,
  draftId: string,
) {
  await deps.db.transaction(async (tx) => {
    await lockPendingDraft(tx, actor.organizationId, draftId);
    await tx
      .update(productCopyDrafts)
      .set({ status: "rejected", reviewedBy: actor.userId, reviewedAt: deps.clock() })
      .where(eq(productCopyDrafts.id, draftId));
  });
  return { ok: true as const };
}

/**
 * Every product that is not archived, with whether it has a draft waiting and published copy: what a bulk run
 * works through, and what lets it resume (products with a waiting draft are skipped).
 */
export async function copyCoverage(db: DbOrTx, organizationId: string) {
  // Spelled out: in a query without joins drizzle renders `products.id` as a bare "id", which the subqueries
  // would read as their own table's id.
  const productId = sql.raw(`"products"."id"`);
  return db
    .select({
      productId: products.id,
      name: products.name,
      pendingDrafts:
        sql<number>`(select count(*) from ${productCopyDrafts} d where d.product_id = ${productId} and d.organization_id = ${organizationId} and d.status = 'pending')`.mapWith(
          Number,
        ),
      published: sql<boolean>`exists (select 1 from ${productCopy} c where c.product_id = ${productId} and c.organization_id = ${organizationId})`,
    })
    .from(products)
    .where(and(eq(products.organizationId, organizationId), ne(products.status, "archived")))
    .orderBy(products.name, products.id);
}
