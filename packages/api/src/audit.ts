import { recordAuditEvent, type AuditActor } from "@cannasaas/core";
import type { TrpcContext } from "./context";

/**
 * Per-call audit state, on `ctx.audit` in every procedure. The tiers say which organization's trail a call
 * belongs to; a procedure may add the resource's state before the change (`ctx.audit.before(row)`) or name the
 * resource when it cannot be inferred. Neither is required: every successful mutation is recorded anyway.
 */
export type AuditScope = {
  /** The trail the call is recorded in: the storefront's tenant, the staff member's organization, or null. */
  organizationId: string | null;
  before(value: unknown): void;
  resource(type: string, id: string): void;
};

type ScopeState = AuditScope & { state: { before?: unknown; resource?: { type: string; id: string } } };

export function createAuditScope(organizationId: string | null): ScopeState {
  const state: ScopeState["state"] = {};
  return {
    organizationId,
    state,
    before(value) {
      state.before = value;
    },
    resource(type, id) {
      state.resource = { type, id };
    },
  };
}

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

const idValue = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : null);

/** `orderId` -> order, `variantId` -> variant; plain `id` -> the router's name ("organization"). */
function resourceFrom(obj: Record<string, unknown> | null, fallbackType: string) {
  if (!obj) return null;
  for (const [key, value] of Object.entries(obj)) {
    const id = idValue(value);
    if (id && key.length > 2 && key.endsWith("Id")) return { type: key.slice(0, -2), id };
  }
  const id = idValue(obj.id);
  return id ? { type: fallbackType, id } : null;
}

/** What the middleware knows once a mutation has succeeded. */
export function auditEventFor(
  ctx: Pick<TrpcContext, "user" | "ip" | "requestId">,
  scope: ScopeState,
  call: { path: string; input: unknown; result: unknown },
) {
  const router = call.path.split(".")[0] ?? call.path;
  const actor: AuditActor = ctx.user
    ? { kind: "user", id: ctx.user.id, label: ctx.user.email ?? null }
    : { kind: "anonymous", label: null };
  return {
    organizationId: scope.organizationId,
    actor,
    action: call.path,
    resource:
      scope.state.resource ??
      resourceFrom(asRecord(call.input), router) ??
      resourceFrom(asRecord(call.result), router),
    input: call.input,
    before: scope.state.before,
    after: call.result,
    ip: ctx.ip,
    requestId: ctx.requestId,
  };
}

/**
 * Appends the record through `ctx.deps.db`, which the middleware makes the mutation's own transaction: a
 * failure to record throws, and the change rolls back with it.
 */
export async function recordMutation(
  ctx: Pick<TrpcContext, "deps" | "user" | "ip" | "requestId">,
  scope: ScopeState,
  call: { path: string; input: unknown; result: unknown },
) {
  await recordAuditEvent(ctx.deps.db, { ...auditEventFor(ctx, scope, call), at: ctx.deps.clock() });
}
