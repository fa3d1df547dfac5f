import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { listAuditEvents, verifyAuditChain } from "@cannasaas/core";
import { createTRPCRouter, staffProcedure } from "../trpc";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter dates as YYYY-MM-DD." })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: "Enter a real date." });

/** From the start of `from` to the end of `to` (UTC days); both optional. */
const dayRange = z
  .object({ from: day.optional(), to: day.optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, {
    error: "The start date must be on or before the end date.",
    path: ["to"],
  })
  .transform((r) => ({
    from: r.from ? new Date(`${r.from}T00:00:00Z`) : undefined,
    to: r.to ? new Date(Date.parse(`${r.to}T00:00:00Z`) + 86_400_000) : undefined,
  }));

const text = z.string().trim().max(200).optional();

export const auditRouter = createTRPCRouter({
  /** The organization's trail, newest first, filtered; `cursor` is the `nextCursor` of the previous page. */
  list: staffProcedure("audit.read")
    .input(
      z
        .object({
          actor: text,
          action: text,
          resourceType: text,
          resourceId: text,
          cursor: z.number().int().positive().optional(),
          limit: z.number().int().min(1).max(200).optional(),
        })
        .and(dayRange),
    )
    .query(({ ctx, input }) =>
      listAuditEvents(ctx.deps.db, ctx.organizationId, {
        ...input,
        actor: input.actor || undefined,
        action: input.action || undefined,
        resourceType: input.resourceType || undefined,
        resourceId: input.resourceId || undefined,
        beforeSeq: input.cursor,
      }),
    ),

  /** Recomputes the organization's whole chain and says where it was altered or shortened, if anywhere. */
  verify: staffProcedure("audit.read").query(({ ctx }) => verifyAuditChain(ctx.deps.db, ctx.organizationId)),

  /**
   * Approves a CSV export of a date range (the route streams it). A mutation, so the export itself is in the
   * trail: who took a copy of what, and when.
   */
  startExport: staffProcedure("audit.read")
    .input(z.object({ from: day, to: day }))
    .mutation(({ ctx, input }) => {
      const range = dayRange.safeParse(input);
      if (!range.success) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "The start date must be on or before the end date.",
        });
      }
      return { organizationId: ctx.organizationId, from: range.data.from!, to: range.data.to! };
    }),
});
