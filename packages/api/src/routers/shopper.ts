import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { customers, users } from "@cannasaas/db/schema";
import { createTRPCRouter, shopperProcedure } from "../trpc";

export const shopperRouter = createTRPCRouter({
  /** The signed-in shopper's own profile at this dispensary. */
  me: shopperProcedure.query(async ({ ctx }) => {
    const [row] = await ctx.deps.db
      .select({
        customerId: customers.id,
        email: users.email,
        name: users.name,
        emailVerified: users.emailVerified,
        isMedicalPatient: customers.isMedicalPatient,
        marketingEmailConsent: customers.marketingEmailConsent,
        marketingSmsConsent: customers.marketingSmsConsent,
        loyaltyMember: customers.loyaltyMember,
      })
      .from(customers)
      .innerJoin(users, eq(users.id, customers.userId))
      .where(and(eq(customers.id, ctx.customerId), eq(customers.organizationId, ctx.tenant.id)));
    return row!;
  }),

  updatePreferences: shopperProcedure
    .input(
      z.object({
        marketingEmailConsent: z.boolean().optional(),
        marketingSmsConsent: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const [row] = await ctx.deps.db
        .update(customers)
        // updatedAt keeps the SET non-empty when nothing was sent (drizzle refuses an empty update).
        .set({ ...input, updatedAt: ctx.deps.clock() })
        .where(and(eq(customers.id, ctx.customerId), eq(customers.organizationId, ctx.tenant.id)))
        .returning({
          marketingEmailConsent: customers.marketingEmailConsent,
          marketingSmsConsent: customers.marketingSmsConsent,
        });
      return row!;
    }),
});
