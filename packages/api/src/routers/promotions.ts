import { z } from "zod";
import {
  createPromotion,
  invalidateMenu,
  listPromotions,
  promotionFormOptions,
  promotionStore,
  setPromotionStatus,
  updatePromotion,
} from "@cannasaas/core";
import { promotionInputSchema } from "@cannasaas/validators";
import { createTRPCRouter, staffProcedure } from "../trpc";

const promotionId = z.uuid({ error: "Unknown promotion." });
/**
 * Every change of a promotion makes the menu cache's `promotions` tag new once it commits, so the menu, the
 * cart and checkout (which read live promotions through that cache) see it on their next read.
 */
const manage = staffProcedure("promotions.manage");
const refreshMenus = (ctx: {
  deps: { kv: Parameters<typeof invalidateMenu>[0] };
  organizationId: string;
  afterCommit: (task: () => Promise<void>) => void;
}) => ctx.afterCommit(() => invalidateMenu(ctx.deps.kv, ctx.organizationId, "promotions"));

/** The dashboard's promotions: managers and above create, schedule, pause and end deals. */
export const promotionsRouter = createTRPCRouter({
  /** Every promotion with its codes and whether it is live at `at` (default now) on the store's clock. */
  list: manage.input(z.object({ at: z.date().optional() }).optional()).query(async ({ ctx, input }) => {
    const store = await promotionStore(ctx.deps.db, ctx.organizationId);
    return {
      timeZone: store.timeZone,
      promotions: await listPromotions(ctx.deps.db, store, input?.at ?? ctx.deps.clock()),
    };
  }),

  formOptions: manage.query(({ ctx }) => promotionFormOptions(ctx.deps.db, ctx.organizationId)),

  create: manage.input(promotionInputSchema).mutation(async ({ ctx, input }) => {
    const store = await promotionStore(ctx.deps.db, ctx.organizationId);
    refreshMenus(ctx);
    return createPromotion(ctx.deps.db, store, input);
  }),

  update: manage
    .input(z.object({ promotionId, promotion: promotionInputSchema }))
    .mutation(async ({ ctx, input }) => {
      const store = await promotionStore(ctx.deps.db, ctx.organizationId);
      const { before, after } = await updatePromotion(ctx.deps.db, store, input.promotionId, input.promotion);
      ctx.audit.before(before);
      refreshMenus(ctx);
      return after;
    }),

  pause: manage.input(z.object({ promotionId })).mutation(async ({ ctx, input }) => {
    const { before, after } = await setPromotionStatus(
      ctx.deps.db,
      ctx.organizationId,
      input.promotionId,
      "paused",
      ctx.deps.clock(),
    );
    ctx.audit.before(before);
    refreshMenus(ctx);
    return after;
  }),

  resume: manage.input(z.object({ promotionId })).mutation(async ({ ctx, input }) => {
    const { before, after } = await setPromotionStatus(
      ctx.deps.db,
      ctx.organizationId,
      input.promotionId,
      "active",
      ctx.deps.clock(),
    );
    ctx.audit.before(before);
    refreshMenus(ctx);
    return after;
  }),

  end: manage.input(z.object({ promotionId })).mutation(async ({ ctx, input }) => {
    const { before, after } = await setPromotionStatus(
      ctx.deps.db,
      ctx.organizationId,
      input.promotionId,
      "ended",
      ctx.deps.clock(),
    );
    ctx.audit.before(before);
    refreshMenus(ctx);
    return after;
  }),
});
