import { z } from "zod";
import {
  assertFeature,
  getMetrcOverview,
  listMetrcAdjustReasons,
  listMetrcDiscrepancies,
  listMetrcItems,
  manualRunSignal,
  METRC_ITEM_STATUSES,
  metrcRuntimeOf,
  retryMetrcItem,
  runMetrcReconciliation,
  runMetrcSync,
  setMetrcCredentials,
  verifyMetrcCredentials,
  type CoreDeps,
  type MetrcDeps,
} from "@cannasaas/core";
import { metrcLicenseNumberSchema, metrcUserKeySchema } from "@cannasaas/validators/forms";
import type { TenantTransactions } from "@cannasaas/db/tenant-scope";
import { createTRPCRouter, staffCallingOut, staffProcedure, staffRunningJob } from "../trpc";

const locationId = z.uuid({ error: "Unknown location." });

/**
 * The METRC services' dependencies: the procedure's (its transaction, or for a job's work a database confined
 * to the organization), plus the vendor key and secret box. The plan is checked first.
 */
async function metrcDeps(ctx: { deps: CoreDeps; organizationId: string }): Promise<MetrcDeps> {
  await assertFeature(ctx.deps, ctx.organizationId, "metrc_integration");
  return { ...ctx.deps, metrc: metrcRuntimeOf(ctx.deps) };
}

/**
 * The same for a procedure that calls METRC (see staffCallingOut): the plan is checked in a short scoped read,
 * and the services get their database only through `ctx.scoped`.
 */
async function metrcCallingOut(ctx: { deps: CoreDeps; organizationId: string; scoped: TenantTransactions }) {
  await ctx.scoped.read((db) => assertFeature({ ...ctx.deps, db }, ctx.organizationId, "metrc_integration"));
  return { clock: ctx.deps.clock, metrc: metrcRuntimeOf(ctx.deps) };
}

export const metrcRouter = createTRPCRouter({
  /** Per location: credentials (never the key), queue counts, sync lag, last reconciliation. */
  overview: staffProcedure("compliance.read").query(async ({ ctx }) =>
    getMetrcOverview(await metrcDeps(ctx), ctx.organizationId),
  ),
  items: staffProcedure("compliance.read")
    .input(
      z
        .object({
          statuses: z.array(z.enum(METRC_ITEM_STATUSES)).min(1).max(6).optional(),
          locationId: locationId.optional(),
          limit: z.number().int().min(1).max(500).optional(),
        })
        .optional(),
    )
    .query(async ({ ctx, input }) => listMetrcItems(await metrcDeps(ctx), ctx.organizationId, input ?? {})),
  discrepancies: staffProcedure("compliance.read")
    .input(z.object({ locationId: locationId.optional() }).optional())
    .query(async ({ ctx, input }) =>
      listMetrcDiscrepancies(await metrcDeps(ctx), ctx.organizationId, input ?? {}),
    ),
  /**
   * METRC's adjustment reasons for a location, for the reason picker of damage and adjust movements. METRC is
   * asked with no transaction open (see staffCallingOut).
   */
  adjustReasons: staffCallingOut("inventory.adjust")
    .input(z.object({ locationId }))
    .query(async ({ ctx, input }) =>
      listMetrcAdjustReasons(await metrcCallingOut(ctx), ctx.scoped, ctx.organizationId, input.locationId),
    ),
  /** Stores the location's user key sealed; the answer shows only its last four characters. */
  setCredentials: staffProcedure("compliance.manage")
    .input(
      z.object({
        locationId,
        userKey: metrcUserKeySchema,
        licenseNumber: metrcLicenseNumberSchema.optional(),
        sandbox: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) =>
      setMetrcCredentials(await metrcDeps(ctx), ctx.organizationId, ctx.user.id, input),
    ),
  /** Asks METRC with no transaction open; what METRC said about the keys is kept, a refusal too. */
  verifyCredentials: staffCallingOut("compliance.manage")
    .input(z.object({ locationId }))
    .mutation(async ({ ctx, input }) =>
      verifyMetrcCredentials(await metrcCallingOut(ctx), ctx.scoped, ctx.organizationId, input.locationId),
    ),
  /** A failed or dead-lettered report goes back to the queue with a fresh attempt count. */
  retry: staffProcedure("compliance.manage")
    .input(z.object({ itemId: z.uuid({ error: "Unknown report." }) }))
    .mutation(async ({ ctx, input }) =>
      retryMetrcItem(await metrcDeps(ctx), ctx.organizationId, input.itemId),
    ),
  /**
   * "Sync now": drains this organization's queue, the work the metrc-sync job does for everyone. Each claim and
   * report METRC accepted is committed as the job commits it (see staffRunningJob), not at the end. It stops on
   * the manual budget (MANUAL_RUN_BUDGET_MS) before the request's own limit; `aborted` then says the rest waits.
   */
  syncNow: staffRunningJob("compliance.manage").mutation(async ({ ctx }) => {
    const deps = await metrcDeps(ctx);
    return runMetrcSync(deps, {
      organizationId: ctx.organizationId,
      limit: 100,
      signal: manualRunSignal(deps.metrc),
    });
  }),
  /** "Reconcile now": the metrc-reconcile job's work for this organization, the same way and on the same budget. */
  reconcileNow: staffRunningJob("compliance.manage").mutation(async ({ ctx }) => {
    const deps = await metrcDeps(ctx);
    return runMetrcReconciliation(deps, {
      organizationId: ctx.organizationId,
      signal: manualRunSignal(deps.metrc),
    });
  }),
});
