import { z } from "zod";
import { checkCustomDomain, getCustomDomain, setCustomDomain } from "@cannasaas/core";
import { customDomainSchema } from "@cannasaas/validators/forms";
import { createTRPCRouter, staffCallingOut, staffProcedure } from "../trpc";

export const customDomainRouter = createTRPCRouter({
  get: staffProcedure("organization.read").query(({ ctx }) =>
    getCustomDomain(ctx.deps.db, ctx.organizationId),
  ),

  /** Needs the custom_domain feature (Enterprise); removing a domain is always allowed. */
  set: staffProcedure("organization.update")
    .input(
      z.object({
        domain: customDomainSchema.transform((d) => (d === "" ? null : d)).nullable(),
      }),
    )
    .mutation(({ ctx, input }) =>
      setCustomDomain(ctx.deps, ctx.organizationId, {
        domain: input.domain,
        rootDomain: ctx.rootDomain,
      }),
    ),

  /** Looks the saved domain's records up in DNS now, instead of waiting for the next scheduled check. */
  verify: staffCallingOut("organization.update").mutation(async ({ ctx }) => {
    // Asks DNS with no transaction open (see staffCallingOut).
    const result = await checkCustomDomain({ ...ctx.deps, steps: ctx.scoped }, ctx.organizationId);
    return {
      domain: result.domain,
      verified: result.verified,
      reason: result.check.verified ? null : result.check.reason,
    };
  }),
});
