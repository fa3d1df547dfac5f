import { z } from "zod";
import {
  AUTOMATION_KIND_LIST,
  campaignCouponCodes,
  campaignResults,
  cancelCampaign,
  checkCampaignContent,
  countSegment,
  createCampaign,
  customerProfile,
  deleteSegment,
  enqueueEmail,
  getCampaign,
  listAutomations,
  listCampaigns,
  listCustomers,
  listSegments,
  loadMarketingStore,
  CAMPAIGN_MERGE_FIELDS,
  previewCampaign,
  saveAutomation,
  saveSegment,
  scheduleCampaign,
  segmentConditionSchema,
  segmentFieldOptions,
  segmentRulesSchema,
  storefrontUrl,
  storeTimeToInstant,
  updateCampaign,
} from "@cannasaas/core";
import {
  automationMessageInput,
  campaignContentInput,
  campaignFields,
  refineCampaign,
  segmentNameSchema,
} from "@cannasaas/validators";
import { marketingTrackingBase } from "../links";
import { createTRPCRouter, staffProcedure } from "../trpc";

const manage = staffProcedure("marketing.manage");
const read = staffProcedure("customers.read");
const segmentId = z.uuid({ error: "Choose a segment." });
const campaignId = z.uuid({ error: "Unknown campaign." });

/** The scheme of the configured origin, for the storefront links of the same deployment. */
const schemeOf = (origin: string) => (origin.startsWith("https:") ? "https" : "http");

/** Customers, segments and email campaigns of the active organization. */
export const marketingRouter = createTRPCRouter({
  customers: read
    .input(
      z.object({
        search: z.string().max(100).optional(),
        filters: z.array(segmentConditionSchema).max(20).default([]),
        limit: z.int().min(1).max(100).default(50),
        cursor: z.string().max(500).optional(),
      }),
    )
    .query(async ({ ctx, input }) => ({
      ...(await listCustomers(ctx.deps.db, ctx.organizationId, input, ctx.deps.clock())),
      timeZone: (await loadMarketingStore(ctx.deps.db, ctx.organizationId)).timeZone,
    })),

  customer: read
    .input(z.object({ customerId: z.uuid({ error: "Unknown customer." }) }))
    .query(async ({ ctx, input }) => ({
      ...(await customerProfile(ctx.deps.db, ctx.organizationId, input.customerId)),
      timeZone: (await loadMarketingStore(ctx.deps.db, ctx.organizationId)).timeZone,
    })),

  segmentOptions: manage.query(async ({ ctx }) => ({
    ...(await segmentFieldOptions(ctx.deps.db, ctx.organizationId)),
    mergeFields: CAMPAIGN_MERGE_FIELDS,
    coupons: await campaignCouponCodes(ctx.deps.db, ctx.organizationId),
    timeZone: (await loadMarketingStore(ctx.deps.db, ctx.organizationId)).timeZone,
    /** Texts begin with it; the SMS counter measures the whole text. */
    storeName: (await loadMarketingStore(ctx.deps.db, ctx.organizationId)).name,
  })),

  segments: manage.query(({ ctx }) => listSegments(ctx.deps.db, ctx.organizationId)),

  countSegment: manage
    .input(z.object({ rules: segmentRulesSchema }))
    .query(({ ctx, input }) => countSegment(ctx.deps.db, ctx.organizationId, input.rules, ctx.deps.clock())),

  saveSegment: manage
    .input(
      z.object({
        segmentId: segmentId.optional(),
        name: segmentNameSchema,
        rules: segmentRulesSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { before, after } = await saveSegment(ctx.deps.db, ctx.organizationId, input);
      if (before) ctx.audit.before(before);
      return after;
    }),

  deleteSegment: manage.input(z.object({ segmentId })).mutation(async ({ ctx, input }) => {
    ctx.audit.before(await deleteSegment(ctx.deps.db, ctx.organizationId, input.segmentId));
    return { deleted: true };
  }),

  campaigns: manage.query(async ({ ctx }) => ({
    campaigns: await listCampaigns(ctx.deps.db, ctx.organizationId),
    timeZone: (await loadMarketingStore(ctx.deps.db, ctx.organizationId)).timeZone,
  })),

  /** The campaign, its results, and the content warnings its wording trips (shown before it is sent). */
  campaign: manage.input(z.object({ campaignId })).query(async ({ ctx, input }) => {
    const report = await campaignResults(ctx.deps.db, ctx.organizationId, input.campaignId);
    return {
      ...report,
      // Variant B goes out too, so its words are checked with A's.
      warnings: checkCampaignContent(
        [
          report.campaign.subject,
          report.campaign.body,
          report.campaign.variantSubject,
          report.campaign.variantBody,
        ]
          .filter(Boolean)
          .join("\n"),
      ),
      timeZone: (await loadMarketingStore(ctx.deps.db, ctx.organizationId)).timeZone,
    };
  }),

  saveCampaign: manage
    .input(campaignFields.extend({ campaignId: campaignId.optional() }).superRefine(refineCampaign))
    .mutation(async ({ ctx, input }) => {
      const { campaignId: id, ...fields } = input;
      if (!id) return createCampaign(ctx.deps.db, ctx.organizationId, fields, ctx.user.id);
      const { before, after } = await updateCampaign(ctx.deps.db, ctx.organizationId, id, fields);
      ctx.audit.before(before);
      return after;
    }),

  preview: manage.input(campaignContentInput).query(async ({ ctx, input }) => {
    const store = await loadMarketingStore(ctx.deps.db, ctx.organizationId);
    const origin = storefrontUrl(store.slug, ctx.rootDomain, schemeOf(ctx.origin));
    return previewCampaign(ctx.deps.db, ctx.organizationId, input, { userId: ctx.user.id }, origin);
  }),

  /** Sends the email as it would look to the signed-in staff member, to their own address only. */
  testSend: manage.input(campaignContentInput).mutation(async ({ ctx, input }) => {
    const store = await loadMarketingStore(ctx.deps.db, ctx.organizationId);
    const origin = storefrontUrl(store.slug, ctx.rootDomain, schemeOf(ctx.origin));
    const { email } = await previewCampaign(
      ctx.deps.db,
      ctx.organizationId,
      input,
      { userId: ctx.user.id },
      origin,
    );
    const id = await enqueueEmail(ctx.deps.db, {
      organizationId: ctx.organizationId,
      topic: "marketing.test",
      ...email,
      subject: `[Test] ${email.subject}`,
    });
    ctx.deliverOutbox([id]);
    return { sentTo: email.to };
  }),

  schedule: manage
    .input(
      z.object({
        campaignId,
        /** Store-local "YYYY-MM-DDTHH:mm" (the datetime-local field), or null to send now. */
        sendAt: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "Choose a date and time." })
          .nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const campaign = await getCampaign(ctx.deps.db, ctx.organizationId, input.campaignId);
      const store = await loadMarketingStore(ctx.deps.db, ctx.organizationId);
      const storefrontOrigin = storefrontUrl(store.slug, ctx.rootDomain, schemeOf(ctx.origin));
      const { before, after } = await scheduleCampaign(ctx.deps.db, ctx.organizationId, campaign.id, {
        sendAt: input.sendAt ? storeTimeToInstant(input.sendAt, store.timeZone) : null,
        now: ctx.deps.clock(),
        storefrontOrigin,
        // A notification opens pages of the storefront's own origin only (its service worker checks), so a
        // push's tracked click goes through the storefront host, which serves /api too.
        trackingBaseUrl: marketingTrackingBase(campaign.channel === "push" ? storefrontOrigin : ctx.origin),
      });
      ctx.audit.before(before);
      return after;
    }),

  cancel: manage.input(z.object({ campaignId })).mutation(async ({ ctx, input }) => {
    const { before, after } = await cancelCampaign(
      ctx.deps.db,
      ctx.organizationId,
      input.campaignId,
      ctx.deps.clock(),
    );
    ctx.audit.before(before);
    return after;
  }),

  /** Every automation kind with its settings (defaults where never saved) and results. */
  automations: manage.query(async ({ ctx }) => ({
    automations: await listAutomations(ctx.deps.db, ctx.organizationId),
    timeZone: (await loadMarketingStore(ctx.deps.db, ctx.organizationId)).timeZone,
  })),

  saveAutomation: manage
    .input(
      automationMessageInput.extend({
        kind: z.enum(AUTOMATION_KIND_LIST, { error: "Unknown automation." }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const store = await loadMarketingStore(ctx.deps.db, ctx.organizationId);
      const { before, after } = await saveAutomation(ctx.deps.db, ctx.organizationId, input, {
        storefrontOrigin: storefrontUrl(store.slug, ctx.rootDomain, schemeOf(ctx.origin)),
        trackingBaseUrl: marketingTrackingBase(ctx.origin),
      });
      if (before) ctx.audit.before(before);
      return after;
    }),
});
