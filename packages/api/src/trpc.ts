import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { can, ensureCustomer, type Permission } from "@cannasaas/auth";
import { domainErrorOf, getMembership, isDomainError } from "@cannasaas/core";
import { inSpan, markSpanFailed, observeProcedure } from "@cannasaas/integrations/observability";
import type { Transaction } from "@cannasaas/db/client";
import {
  isTransaction,
  scopedTransactions,
  tenantDatabase,
  withTenantScope,
  type TenantTransactions,
} from "@cannasaas/db/tenant-scope";
import { fieldErrors, findUnsafeText, firstIssue } from "@cannasaas/validators";
import { createAuditScope, recordMutation, type AuditScope } from "./audit";
import { validatedInput } from "./audit-input";
import { refusedDb } from "./refused-db";
import type { TrpcContext } from "./context";

/**
 * What a procedure declares about itself. Staff procedures carry their permission (and the owner tier says so),
 * which the RBAC test reads to call every staff procedure as every role. `callsOut` marks the procedures that
 * call an outside service (see the `...CallingOut` builders below): they get no transaction around the call.
 */
export type ProcedureMeta = {
  permission?: Permission;
  ownerOnly?: boolean;
  callsOut?: boolean;
  /** Does a scheduled job's work for the caller's organization (see staffRunningJob); calls out as well. */
  runsJob?: boolean;
  /** A storefront query served mostly from the menu cache: it opens a transaction only to load a miss. */
  cachedRead?: boolean;
};

const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, ctx }) {
      const zod = error.cause instanceof ZodError ? error.cause : null;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        message: zod
          ? firstIssue(zod)
          : internal
            ? `Something went wrong on our side. Reference: ${ctx?.requestId ?? "unknown"}.`
            : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          fieldErrors: zod ? fieldErrors(zod) : null,
          details: isDomainError(error.cause) ? (error.cause.details ?? null) : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every call, in a trace span (a no-op unless tracing is configured), counted and timed per procedure for
 * /api/metrics. The outcome is "ok" or the tRPC error code, so refusals and failures are told apart.
 */
const observed = t.middleware(async ({ path, type, next }) => {
  const started = performance.now();
  const result = await inSpan(`trpc ${path}`, { "rpc.system": "trpc", "rpc.method": path }, async () => {
    const answer = await next();
    if (!answer.ok) markSpanFailed(answer.error.code);
    return answer;
  });
  const outcome = result.ok ? "ok" : result.error.code;
  observeProcedure({ path, type, outcome, seconds: (performance.now() - started) / 1000 });
  return result;
});

/** Turns domain errors into tRPC errors and logs the unexpected ones (with the request id, never the input). */
const errorMapping = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    // A COMMIT a stock claim aborted (checkout, at the mutation's own commit) is a refusal like any other.
    const cause = domainErrorOf(result.error.cause) ?? result.error.cause;
    if (isDomainError(cause)) {
      throw new TRPCError({ code: cause.code, message: cause.message, cause });
    }
    // Invalid input: a readable message for server-side callers too (tRPC would use the ZodError's JSON dump).
    if (result.error.code === "BAD_REQUEST" && cause instanceof ZodError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: firstIssue(cause), cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      ctx.deps.log?.error(
        { requestId: ctx.requestId, path, err: result.error.cause?.message ?? result.error.message },
        "procedure failed",
      );
    }
  }
  return result;
});

type AfterCommit = () => Promise<void>;

/** Carries a refused call's result out of its transaction, so the transaction rolls back. */
class RolledBack extends Error {
  constructor(readonly result: unknown) {
    super("rolled back");
  }
}

/**
 * The last transaction of a procedure that calls out, confined to `organizationId`: `work` writes the outcome
 * and, in a mutation, the audit record commits with it. Provided by `auditMutations`, used by `confinedTo`.
 */
type CommitScoped = <T>(organizationId: string, work: (tx: Transaction) => Promise<T>) => Promise<T>;

/**
 * Every successful mutation, of every tier, lands in the audit trail (see ./audit.ts), written in the same
 * transaction as the change: if the record cannot be written the change is rolled back, so a change without
 * its record cannot exist. The record holds the input as the procedure's schemas validated it. Outbox
 * deliveries wait for the commit. Queries are not recorded. The scope starts in the storefront tenant's trail
 * (or the platform's); staff procedures move it to the organization the membership check approved.
 *
 * A procedure that calls out (`meta.callsOut`) gets no transaction here: it reads, calls out and then writes
 * through `ctx.scoped` (see confinedTo), and its record is written in that last transaction, with its result.
 * One whose only effect is outside (the billing portal link), or one that runs a job's work (which commits as
 * it goes), has its record written on its own once it has succeeded. A failure after the commit cannot undo
 * it: the procedure's commit must be its last step.
 */
const auditMutations = t.middleware(async ({ ctx, next, path, type, meta, getRawInput }) => {
  const audit = createAuditScope(ctx.tenant?.id ?? null);
  // Procedures see the public interface only.
  const scope: AuditScope = audit;
  const committed: AfterCommit[] = [];
  const recordIn = async (tx: Transaction, result: unknown) => {
    const input = await validatedInput(path, await getRawInput());
    await recordMutation({ ...ctx, deps: { ...ctx.deps, db: tx } }, audit, {
      path,
      input,
      result,
    });
  };
  const within = (
    deps: TrpcContext["deps"],
    deliverOutbox: TrpcContext["deliverOutbox"],
    commitScoped: CommitScoped | null = null,
  ) =>
    next({
      ctx: {
        audit: scope,
        deps,
        deliverOutbox,
        /** Work that must see the change committed (a cache invalidation), run once it is. */
        afterCommit: (task: AfterCommit) => void committed.push(task),
        commitScoped,
      },
    });
  const outbox: string[] = [];
  const finish = async () => {
    if (outbox.length) ctx.deliverOutbox(outbox);
    // Awaited, so the caller's next read sees it; the change itself is committed, so a failure here is logged
    // rather than reported as if the change had failed.
    for (const task of committed) {
      await task().catch((error: unknown) => console.error("after-commit task failed", error));
    }
  };

  if (meta?.callsOut || meta?.cachedRead) {
    if (isTransaction(ctx.deps.db))
      throw new Error(`${path} calls out and must not run inside a transaction.`);
    let recorded = false;
    const commitScoped: CommitScoped = (organizationId, work) =>
      withTenantScope(ctx.deps.db, organizationId, async (tx) => {
        if (type === "mutation" && recorded)
          throw new Error(`${path} committed twice; a mutation writes its change in one transaction.`);
        const result = await work(tx);
        if (type === "mutation") await recordIn(tx, result);
        recorded = type === "mutation";
        return result;
      });
    const result = await within(ctx.deps, (ids) => void outbox.push(...ids), commitScoped);
    if (result.ok && type === "mutation" && !recorded) {
      const trail = audit.organizationId;
      await (trail
        ? withTenantScope(ctx.deps.db, trail, (tx) => recordIn(tx, result.data))
        : ctx.deps.db.transaction((tx) => recordIn(tx, result.data)));
    }
    // A failure after the commit cannot undo it: what it committed is delivered all the same.
    if (result.ok || recorded) await finish();
    return result;
  }

  if (type !== "mutation") return within(ctx.deps, ctx.deliverOutbox);
  let result;
  try {
    result = await ctx.deps.db.transaction(async (tx) => {
      const inner = await within({ ...ctx.deps, db: tx }, (ids) => {
        outbox.push(...ids);
      });
      if (!inner.ok) throw new RolledBack(inner);
      await recordIn(tx, inner.data);
      return inner;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result as Awaited<ReturnType<typeof within>>;
    throw error;
  }
  await finish();
  return result;
});

/**
 * Text PostgreSQL cannot store (NUL, lone surrogates) is refused before any procedure runs, with the field
 * named, instead of failing inside a write with a 500.
 */
const refuseUnsafeText = t.middleware(async ({ next, getRawInput }) => {
  const unsafe = findUnsafeText(await getRawInput());
  if (unsafe) throw new TRPCError({ code: "BAD_REQUEST", message: unsafe.message });
  return next();
});

/**
 * Mutations from a browser must come from the origin the request's host is configured to serve: a form or
 * script on another site (multipart/form-data included) cannot act with the visitor's cookies. Callers that are
 * not browsers send no Origin and no Sec-Fetch-Site, and carry no ambient cookies to abuse.
 */
const sameOriginMutations = t.middleware(({ ctx, next, type }) => {
  if (type === "mutation" && ctx.crossOrigin)
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "This request came from another website. Reload the page and try again.",
    });
  return next();
});

export const publicProcedure = t.procedure
  .use(observed)
  .use(errorMapping)
  .use(sameOriginMutations)
  .use(refuseUnsafeText)
  .use(auditMutations);

/**
 * The rest of the call runs in a transaction confined to one organization by row-level security (the
 * mutation's own transaction, or one opened for a query), so a query that forgets its tenant filter finds
 * nothing of another tenant. See packages/db/src/tenant-scope.ts.
 *
 * A procedure that calls out gets no transaction and no database handle: `ctx.scoped` opens short
 * transactions confined the same way (`read` before the call, `commit` for the outcome and its audit
 * record), so none is open while the outside service answers. One that runs a job's work gets a database
 * handle confined to the organization on every statement instead (see staffRunningJob).
 */
function confinedTo<T>(
  ctx: Pick<TrpcContext, "deps"> & { commitScoped: CommitScoped | null },
  organizationId: string,
  run: (deps: TrpcContext["deps"], scoped: TenantTransactions | null) => Promise<T>,
  runsJob = false,
) {
  const { deps, commitScoped } = ctx;
  if (!commitScoped) {
    if (runsJob) throw new Error("A job's work must not run inside the request's transaction.");
    return withTenantScope(deps.db, organizationId, (tx) => run({ ...deps, db: tx }, null));
  }
  const scoped: TenantTransactions = {
    read: scopedTransactions(deps.db, organizationId),
    commit: (work) => commitScoped(organizationId, work),
  };
  const db = runsJob ? tenantDatabase(deps.db, organizationId) : refusedDb;
  return run({ ...deps, db }, scoped);
}

/** Narrows `ctx.scoped` for the builders of procedures that call out. */
function requireScoped<C extends { scoped: TenantTransactions | null }>(ctx: C) {
  if (!ctx.scoped) throw new Error("A procedure that calls out needs a tenant scope.");
  return ctx.scoped;
}

/** Storefront procedures: the request must come from a launched tenant's host. */
export const tenantProcedure = publicProcedure.use(({ ctx, next }) => {
  const tenant = ctx.tenant;
  if (!tenant) throw new TRPCError({ code: "NOT_FOUND", message: "This storefront does not exist." });
  return confinedTo(ctx, tenant.id, (deps, scoped) => next({ ctx: { ...ctx, deps, tenant, scoped } }));
});

/**
 * Storefront queries whose answer the menu cache usually holds (categories, facets, locations): no
 * transaction is opened for the call; `ctx.scoped.read` opens a short one, confined to the tenant the same
 * way, only when the cache misses. A page of the menu asks several of these, and on a hit each transaction
 * was three round trips to the database that read nothing.
 */
export const tenantCachedRead = tenantProcedure.meta({ cachedRead: true }).use(({ ctx, next, type }) => {
  if (type !== "query") throw new Error("A cached read is a query.");
  return next({ ctx: { scoped: requireScoped(ctx) } });
});

/** Platform-domain procedures that need no sign-in (dispensary sign-up, invitation links). */
export const platformProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.host.kind !== "platform") throw new TRPCError({ code: "NOT_FOUND", message: "Not found." });
  return next();
});

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A signed-in shopper on a storefront, acting as that tenant's customer (and nobody else's). */
export const shopperProcedure = tenantProcedure.use(async ({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  const customerId = await ensureCustomer(ctx.deps, ctx.tenant.id, ctx.user.id);
  if (!customerId)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session has ended. Sign in again." });
  return next({ ctx: { ...ctx, user: ctx.user, customerId } });
});

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Dashboard procedures: platform host, a membership of the active organization, and the permission. */
export const staffProcedure = (permission: Permission) =>
  authedProcedure.meta({ permission }).use(async ({ ctx, next, meta }) => {
    if (ctx.host.kind !== "platform") {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "The dashboard is only available on the platform domain.",
      });
    }
    if (!ctx.activeOrganizationId) {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Choose an organization first." });
    }
    // The id comes from a cookie: anything that is not a UUID cannot be a membership (and must not reach the query).
    const membership = UUID_PATTERN.test(ctx.activeOrganizationId)
      ? await getMembership(ctx.deps.db, ctx.user.id, ctx.activeOrganizationId)
      : null;
    if (!membership)
      throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of that organization." });
    if (!can(membership.role, permission)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `Your role (${membership.role}) does not allow this. Ask an owner or admin.`,
      });
    }
    ctx.audit.organizationId = membership.organizationId;
    return confinedTo(
      ctx,
      membership.organizationId,
      (deps, scoped) =>
        next({
          ctx: { ...ctx, deps, scoped, organizationId: membership.organizationId, role: membership.role },
        }),
      meta?.runsJob,
    );
  });

export const ownerProcedure = staffProcedure("billing.manage")
  .meta({ ownerOnly: true })
  .use(({ ctx, next }) => {
    if (ctx.role !== "owner")
      throw new TRPCError({ code: "FORBIDDEN", message: "Only the owner can do this." });
    return next();
  });

/**
 * The builders for procedures that call an outside service (an AI model, the geocoder, Stripe, DNS, file
 * storage): same checks and tenant scope as their plain tiers, but no transaction is held across the call.
 * The procedure reads through `ctx.scoped.read`, calls out, then writes through `ctx.scoped.commit`, the one
 * transaction its audit record commits in (a mutation commits at most once, as its last step; one that never
 * commits is recorded on its own).
 */
export const staffCallingOut = (permission: Permission) =>
  staffProcedure(permission)
    .meta({ callsOut: true })
    .use(({ ctx, next }) => next({ ctx: { scoped: requireScoped(ctx) } }));

export const ownerCallingOut = ownerProcedure
  .meta({ callsOut: true })
  .use(({ ctx, next }) => next({ ctx: { scoped: requireScoped(ctx) } }));

/**
 * Procedures that do a scheduled job's work for the caller's organization only ("sync now"). No transaction
 * is held, as for the builders above, but `ctx.deps.db` is the pool confined to the organization on every
 * statement and transaction (tenantDatabase): the work commits as it goes, as the job's own run does, so each
 * sees what the other claimed and settled, and nothing it did is undone by a failure after it. A mutation is
 * recorded on its own once the work has succeeded.
 */
export const staffRunningJob = (permission: Permission) =>
  staffProcedure(permission).meta({ callsOut: true, runsJob: true });
