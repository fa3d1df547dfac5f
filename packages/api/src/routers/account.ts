import { z } from "zod";
import { registerShopper, requestPasswordReset, resetPassword, verifyEmail } from "@cannasaas/auth";
import { passwordResetRequestSchema, passwordResetSchema, shopperSignUpSchema } from "@cannasaas/validators";
import { endAllSessions } from "@cannasaas/core";
import { authedProcedure, createTRPCRouter, publicProcedure, tenantProcedure } from "../trpc";

/** Account flows that work before sign-in, and ending the signed-in user's sessions. */
export const accountRouter = createTRPCRouter({
  signUp: tenantProcedure.input(shopperSignUpSchema).mutation(async ({ ctx, input }) => {
    const { outboxIds } = await registerShopper(ctx.deps, ctx.tenant, input, { baseUrl: ctx.origin });
    ctx.deliverOutbox(outboxIds);
    return { message: "Check your email for a link to confirm your address." };
  }),

  verifyEmail: publicProcedure
    .input(
      z.object({ token: z.string().min(1, { error: "This verification link is incomplete." }).max(200) }),
    )
    .mutation(async ({ ctx, input }) => {
      await verifyEmail(ctx.deps, input.token);
      return { verified: true };
    }),

  requestPasswordReset: publicProcedure.input(passwordResetRequestSchema).mutation(async ({ ctx, input }) => {
    // Without a known address the limit is per email (never one bucket shared by everyone).
    const limit = await ctx.deps.kv.rateLimit(`rl:reset:${ctx.ip ?? `email:${input.email}`}`, 10, 15 * 60);
    if (!limit.allowed) {
      return { message: "Too many requests from this connection. Try again in 15 minutes." };
    }
    const { outboxIds } = await requestPasswordReset(ctx.deps, {
      email: input.email,
      organizationId: ctx.tenant?.id ?? null,
      storeName: ctx.tenant?.name ?? "CannaSaaS",
      baseUrl: ctx.origin,
      resetPath: ctx.tenant ? "/reset-password" : "/dashboard/reset-password",
    });
    ctx.deliverOutbox(outboxIds);
    return { message: "If an account exists for that email, a reset link is on its way." };
  }),

  resetPassword: publicProcedure.input(passwordResetSchema).mutation(async ({ ctx, input }) => {
    await resetPassword(ctx.deps, input);
    return { reset: true };
  }),

  /**
   * "Sign out everywhere": ends every session of the signed-in user, on every device, storefront and the
   * dashboard alike (one account works everywhere), this one included. Takes no input: only ever oneself.
   */
  signOutEverywhere: authedProcedure.mutation(async ({ ctx }) => {
    await endAllSessions(ctx.deps, ctx.user.id);
    return { signedOut: true };
  }),
});
