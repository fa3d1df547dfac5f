import { z } from "zod";
import { getOrganizationOverview, listMemberships, updateOrganization } from "@cannasaas/core";
import { authedProcedure, createTRPCRouter, staffProcedure } from "../trpc";

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: "Use a hex colour like #1f7a4d." });

export const organizationRouter = createTRPCRouter({
  /** Organizations the signed-in user belongs to, for the switcher. */
  memberships: authedProcedure.query(({ ctx }) => listMemberships(ctx.deps.db, ctx.user.id)),

  overview: staffProcedure("organization.read").query(({ ctx }) =>
    getOrganizationOverview(ctx.deps.db, ctx.organizationId),
  ),

  updateProfile: staffProcedure("organization.update")
    .input(
      z.object({
        name: z.string().trim().min(2, { error: "Use at least 2 characters." }).max(80).optional(),
        primaryColor: hexColor.optional(),
        accentColor: hexColor.optional(),
        tagline: z.string().trim().max(140).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { organization } = await getOrganizationOverview(ctx.deps.db, ctx.organizationId);
      ctx.audit.before({ id: organization.id, name: organization.name, branding: organization.branding });
      const branding = {
        ...organization.branding,
        ...(input.primaryColor ? { primaryColor: input.primaryColor } : {}),
        ...(input.accentColor ? { accentColor: input.accentColor } : {}),
        ...(input.tagline !== undefined ? { tagline: input.tagline } : {}),
      };
      const updated = await updateOrganization(ctx.deps, ctx.organizationId, {
        ...(input.name ? { name: input.name } : {}),
        branding,
      });
      return { id: updated.id, name: updated.name, branding: updated.branding };
    }),
});
