import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { isLocalRunner, listJobRuns, organizationQueues, retryDeadLetter, runJob } from "@cannasaas/core";
import { withPlatformAccess } from "@cannasaas/db/tenant-scope";
import { createTRPCRouter, ownerProcedure, staffProcedure } from "../trpc";
import { storefrontLinks } from "../links";

export const jobsRouter = createTRPCRouter({
  /** Recent runs of every scheduled job, with this organization's share of the counts. */
  runs: staffProcedure("audit.read").query(async ({ ctx }) => {
    const local = isLocalRunner();
    return {
      canRunNow: local && ctx.role === "owner",
      jobs: await listJobRuns(ctx.deps.db, ctx.organizationId, { includeErrors: local }),
    };
  }),

  /** Every background queue as this organization sees it: jobs by state, oldest wait, recent dead letters. */
  queues: staffProcedure("audit.read").query(async ({ ctx }) =>
    organizationQueues(ctx.deps.db, ctx.organizationId, ctx.deps.clock()),
  ),

  /** Sends one of this organization's dead-lettered jobs again, with a fresh round of attempts. */
  retryDeadLetter: staffProcedure("integrations.manage")
    .input(z.object({ jobId: z.uuid({ error: "Unknown job." }) }))
    .mutation(async ({ ctx, input }) =>
      retryDeadLetter(ctx.deps.db, ctx.organizationId, input.jobId, ctx.deps.clock()),
    ),

  /** Runs a job at once (locally only: in production the scheduler runs them). Jobs work across tenants. */
  runNow: ownerProcedure
    .input(z.object({ job: z.string().min(1).max(60) }))
    .mutation(async ({ ctx, input }) => {
      if (!isLocalRunner()) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message:
            "Run now is only available when the app runs locally; in production the scheduler runs jobs.",
        });
      }
      // Jobs visit every organization: platform-level work, outside this organization's row-level wall.
      const run = await withPlatformAccess(ctx.deps.db, () =>
        runJob({ ...ctx.deps, links: storefrontLinks }, input.job, {
          trigger: "manual",
          actorUserId: ctx.user.id,
        }),
      );
      return {
        id: run.id,
        job: run.job,
        outcome: run.outcome,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        counts: run.organizationCounts?.[ctx.organizationId] ?? null,
      };
    }),
});
