import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { can, ensureCustomer, type Permission } from "@cannasaas/auth";
import { getMembership, isDomainError } from "@cannasaas/core";
import { fieldErrors, firstIssue } from "@cannasaas/validators";
import { createAuditScope, recordMutation, type AuditScope } from "./audit";
import type { TrpcContext } from "./context";

/**
 * What a procedure declares about itself. Staff procedures carry their permission (and the owner tier says so),
 * which the RBAC test reads to call every staff procedure as every role.
 */
export type ProcedureMeta = { permission?: Permission; ownerOnly?: boolean };

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

/** Turns domain errors into tRPC errors and logs the unexpected ones (with the request id, never the input). */
const errorMapping = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
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

/**
 * Every successful mutation, of every tier, lands in the audit trail (see ./audit.ts). Queries are not recorded.
 * The scope starts in the storefront tenant's trail (or the platform's); staff procedures move it to the
 * organization the membership check approved.
 */
const auditMutations = t.middleware(async ({ ctx, next, path, type, getRawInput }) => {
  const audit = createAuditScope(ctx.tenant?.id ?? null);
  // Procedures see the public interface only.
  const scope: AuditScope = audit;
  const result = await next({ ctx: { audit: scope } });
  if (type === "mutation" && result.ok) {
    const input = await getRawInput().catch(() => undefined);
    await recordMutation(ctx, audit, { path, input, result: result.data });
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping).use(auditMutations);

/** Storefront procedures: the request must come from a launched tenant's host. */
export const tenantProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.tenant) throw new TRPCError({ code: "NOT_FOUND", message: "This storefront does not exist." });
  return next({ ctx: { ...ctx, tenant: ctx.tenant } });
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
  authedProcedure.meta({ permission }).use(async ({ ctx, next }) => {
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
    return next({ ctx: { ...ctx, organizationId: membership.organizationId, role: membership.role } });
  });

export const ownerProcedure = staffProcedure("billing.manage")
  .meta({ ownerOnly: true })
  .use(({ ctx, next }) => {
    if (ctx.role !== "owner")
      throw new TRPCError({ code: "FORBIDDEN", message: "Only the owner can do this." });
    return next();
  });
