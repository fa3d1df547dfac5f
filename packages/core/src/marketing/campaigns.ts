import { and, desc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { marketingCampaigns, promotionCodes, promotions, users } from "@cannasaas/db/schema";
import type { MarketingAbMetric } from "@cannasaas/db/enums";
import { DomainError } from "../errors";
import { normalizeCode } from "../promotions/coupon";
import { composeMarketingEmail, loadMarketingStore } from "./compose";
import { checkCampaignContent } from "./content-check";
import { checkMergeFields, mergeValuesFor } from "./merge";
import { getSegment } from "./segments";
import { checkSmsLength } from "./sms-compose";
import { checkPushLength } from "./push-compose";
import { SMS_METRIC_MESSAGE } from "@cannasaas/validators";

export type CampaignInput = {
  name: string;
  /** Email when absent. For web push the subject is the notification's title. */
  channel?: "email" | "sms" | "push";
  segmentId: string;
  subject: string;
  body: string;
  couponCode?: string | null;
  windowStartMinute: number;
  windowEndMinute: number;
  /** Variant B and how the test runs; null or absent for none. */
  abTest?: {
    subject: string;
    body: string;
    sharePercent: number;
    metric: MarketingAbMetric;
    testHours: number;
  } | null;
};

type Campaign = typeof marketingCampaigns.$inferSelect;

export async function getCampaign(db: DbOrTx, organizationId: string, campaignId: string) {
  const [row] = await db
    .select()
    .from(marketingCampaigns)
    .where(and(eq(marketingCampaigns.id, campaignId), eq(marketingCampaigns.organizationId, organizationId)));
  if (!row) throw new DomainError("NOT_FOUND", "That campaign does not exist.");
  return row;
}

export function listCampaigns(db: DbOrTx, organizationId: string) {
  return db
    .select()
    .from(marketingCampaigns)
    .where(eq(marketingCampaigns.organizationId, organizationId))
    .orderBy(desc(marketingCampaigns.createdAt))
    .limit(200);
}

/** The code as stored, when it unlocks one of this store's promotions that is not ended. */
export async function checkedCoupon(db: DbOrTx, organizationId: string, code: string | null | undefined) {
  if (!code?.trim()) return null;
  const normal = normalizeCode(code);
  const [row] = await db
    .select({ code: promotionCodes.code, status: promotions.status })
    .from(promotionCodes)
    .innerJoin(promotions, eq(promotions.id, promotionCodes.promotionId))
    .where(and(eq(promotionCodes.organizationId, organizationId), eq(promotionCodes.code, normal)));
  if (!row || row.status === "ended") {
    throw new DomainError("BAD_REQUEST", `"${normal}" is not an active coupon code of this store.`, {
      fields: { couponCode: "Choose a code from Promotions." },
    });
  }
  return row.code;
}

async function validated(db: DbOrTx, organizationId: string, input: CampaignInput) {
  const channel = input.channel ?? "email";
  const { abTest, ...fields } = input;
  checkMergeFields(input.body, "body");
  if (channel !== "sms") {
    const missing = channel === "push" ? "Write a title." : "Write a subject.";
    if (!input.subject.trim())
      throw new DomainError("BAD_REQUEST", missing, { fields: { subject: missing } });
    checkMergeFields(input.subject, "subject");
  }
  if (abTest && channel === "push") {
    throw new DomainError("BAD_REQUEST", "A/B tests are for email and text campaigns.", {
      fields: { abTest: "A/B tests are for email and text campaigns." },
    });
  }
  if (abTest && channel !== "push") checkAbTest(channel, input, abTest);
  await getSegment(db, organizationId, input.segmentId);
  if (input.windowStartMinute >= input.windowEndMinute) {
    throw new DomainError("BAD_REQUEST", "The send window must end after it starts.", {
      fields: { windowEndMinute: "End after the start." },
    });
  }
  const couponCode = await checkedCoupon(db, organizationId, input.couponCode);
  if (channel === "sms") {
    const store = await loadMarketingStore(db, organizationId);
    checkSmsLength(store.name, { body: input.body, couponCode });
    if (abTest) checkSmsLength(store.name, { body: abTest.body, couponCode });
  }
  if (channel === "push") {
    const store = await loadMarketingStore(db, organizationId);
    checkPushLength(store.name, { subject: input.subject, body: input.body, couponCode });
  }
  // A text has no subject; keeping none stored avoids a stale one from an email draft.
  return {
    ...fields,
    channel,
    subject: channel === "sms" ? "" : input.subject,
    couponCode,
    variantSubject: abTest ? (channel === "sms" ? "" : abTest.subject) : null,
    variantBody: abTest?.body ?? null,
    abSharePercent: abTest?.sharePercent ?? null,
    abMetric: abTest?.metric ?? null,
    abTestHours: abTest?.testHours ?? null,
  };
}

/** Variant B passes the same checks as A and differs from it where the channel shows it. */
function checkAbTest(
  channel: "email" | "sms",
  a: { subject: string; body: string },
  b: NonNullable<CampaignInput["abTest"]>,
) {
  const refuse = (field: string, message: string) => {
    throw new DomainError("BAD_REQUEST", message, { fields: { [field]: message } });
  };
  if (!b.body.trim()) refuse("variantBody", "Write variant B's message.");
  checkMergeFields(b.body, "body", "variantBody");
  if (channel === "email") {
    if (!b.subject.trim()) refuse("variantSubject", "Write variant B's subject.");
    checkMergeFields(b.subject, "subject", "variantSubject");
  }
  const sameBody = a.body.trim() === b.body.trim();
  if (channel === "sms" ? sameBody : sameBody && a.subject.trim() === b.subject.trim()) {
    refuse(
      channel === "sms" ? "variantBody" : "variantSubject",
      channel === "sms"
        ? "Variant B's text is the same as A's."
        : "Variant B has the same subject and message as A: change one of them.",
    );
  }
  if (channel === "sms" && b.metric !== "orders_per_message") refuse("abMetric", SMS_METRIC_MESSAGE);
  if (!Number.isInteger(b.sharePercent) || b.sharePercent < 2 || b.sharePercent > 100) {
    refuse("abSharePercent", "The test share is a whole percentage from 2 to 100.");
  }
  if (!Number.isInteger(b.testHours) || b.testHours < 1 || b.testHours > 168) {
    refuse("abTestHours", "The test runs from 1 to 168 hours.");
  }
}

function editable(campaign: Campaign) {
  if (campaign.status !== "draft" && campaign.status !== "scheduled") {
    throw new DomainError("CONFLICT", "This campaign has started sending and can no longer change.");
  }
}

export async function createCampaign(
  db: DbOrTx,
  organizationId: string,
  input: CampaignInput,
  createdByUserId: string | null,
) {
  const values = await validated(db, organizationId, input);
  const [row] = await db
    .insert(marketingCampaigns)
    .values({ ...values, organizationId, createdByUserId })
    .returning();
  return row!;
}

export async function updateCampaign(
  db: DbOrTx,
  organizationId: string,
  campaignId: string,
  input: CampaignInput,
) {
  const before = await getCampaign(db, organizationId, campaignId);
  editable(before);
  const values = await validated(db, organizationId, input);
  const [after] = await db
    .update(marketingCampaigns)
    .set({ ...values, status: "draft", scheduledAt: null })
    .where(and(eq(marketingCampaigns.id, campaignId), eq(marketingCampaigns.organizationId, organizationId)))
    .returning();
  return { before, after: after! };
}

/**
 * Schedules a draft: now (null) or at a future time. The link addresses come from configuration and are kept
 * on the campaign, so the job (which has no request) builds the same links the dashboard previewed.
 */
export async function scheduleCampaign(
  db: DbOrTx,
  organizationId: string,
  campaignId: string,
  input: { sendAt: Date | null; now: Date; storefrontOrigin: string; trackingBaseUrl: string },
) {
  const before = await getCampaign(db, organizationId, campaignId);
  editable(before);
  if (input.sendAt && input.sendAt.getTime() < input.now.getTime() - 60_000) {
    throw new DomainError("BAD_REQUEST", "That time has passed. Choose a time in the future, or send now.", {
      fields: { sendAt: "Choose a future time." },
    });
  }
  const store = await loadMarketingStore(db, organizationId);
  if (before.channel === "email" && !store.postalAddress) {
    throw new DomainError(
      "BAD_REQUEST",
      "Add a location first: marketing email must carry the store's address.",
    );
  }
  const [after] = await db
    .update(marketingCampaigns)
    .set({
      status: "scheduled",
      scheduledAt: input.sendAt ?? input.now,
      storefrontOrigin: input.storefrontOrigin,
      trackingBaseUrl: input.trackingBaseUrl,
    })
    .where(and(eq(marketingCampaigns.id, campaignId), eq(marketingCampaigns.organizationId, organizationId)))
    .returning();
  return { before, after: after! };
}

/** Stops a campaign that has not finished; messages already written still go out. */
export async function cancelCampaign(db: DbOrTx, organizationId: string, campaignId: string, now: Date) {
  const before = await getCampaign(db, organizationId, campaignId);
  if (before.status === "sent" || before.status === "cancelled") {
    throw new DomainError("CONFLICT", `This campaign is already ${before.status}.`);
  }
  const [after] = await db
    .update(marketingCampaigns)
    .set({ status: "cancelled", finishedAt: now })
    .where(and(eq(marketingCampaigns.id, campaignId), eq(marketingCampaigns.organizationId, organizationId)))
    .returning();
  return { before, after: after! };
}

/**
 * The email as the signed-in staff member would get it (their name as the first name, sample loyalty values),
 * with the content warnings. Links are not tracked in a preview.
 */
export async function previewCampaign(
  db: DbOrTx,
  organizationId: string,
  input: { subject: string; body: string; couponCode?: string | null },
  viewer: { userId: string },
  storefrontOrigin: string,
) {
  checkMergeFields(input.subject, "subject");
  checkMergeFields(input.body, "body");
  const couponCode = await checkedCoupon(db, organizationId, input.couponCode);
  const store = await loadMarketingStore(db, organizationId);
  const [me] = await db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, viewer.userId));
  const email = await composeMarketingEmail({
    store,
    campaign: { subject: input.subject, body: input.body, couponCode },
    values: mergeValuesFor({ name: me?.name ?? null, points: 120, tier: null }, store.name),
    to: me?.email ?? "",
    storefrontOrigin,
    tracking: null,
  });
  return { email, warnings: checkCampaignContent(`${input.subject}\n${input.body}`) };
}

/** The coupon codes a campaign may carry: codes of this store's promotions that have not ended. */
export async function campaignCouponCodes(db: DbOrTx, organizationId: string) {
  const rows = await db
    .select({ code: promotionCodes.code })
    .from(promotionCodes)
    .innerJoin(promotions, eq(promotions.id, promotionCodes.promotionId))
    .where(and(eq(promotionCodes.organizationId, organizationId), ne(promotions.status, "ended")))
    .orderBy(promotionCodes.code);
  return rows.map((r) => r.code);
}
