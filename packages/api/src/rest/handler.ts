import { clientAddress } from "@cannasaas/integrations/client-address";
import { readClientAddressSettings } from "@cannasaas/integrations/env";
import type { z } from "zod";
import type { Database } from "@cannasaas/db/client";
import { scopedTransactions, scopeTransactionToTenant, withTenantScope } from "@cannasaas/db/tenant-scope";
import { findUnsafeText } from "@cannasaas/validators";
import {
  API_RATE_WINDOW_SECONDS,
  assertFeature,
  authenticateApiKey,
  claimIdempotencyKey,
  IDEMPOTENCY_KEY_PATTERN,
  domainErrorOf,
  isDomainError,
  organizationPlan,
  PLAN_API_RATE_LIMITS,
  recordAuditEvent,
  saveIdempotentResponse,
  takeApiRequest,
  type AuthenticatedKey,
  type CoreDeps,
  type IdempotentRequest,
} from "@cannasaas/core";
import { refusedDb } from "../refused-db";
import { ApiError, errorBody, invalid, jsonResponse, toApiError, type Endpoint } from "./http";
import { rateLimitHeaders } from "./rate-limit";
import { API_ENDPOINTS } from "./registry";

/** What a write changed, for the audit record: the order, or the stock level an adjustment moved. */
function resourceOf(operationId: string, result: unknown) {
  const r = result as { id?: unknown; level?: { id?: unknown } } | null;
  if (typeof r?.id === "string") return { type: operationId.replace(/^create/, "").toLowerCase(), id: r.id };
  if (typeof r?.level?.id === "string") return { type: "inventory_level", id: r.level.id };
  return null;
}

const clientIp = (request: Request) => clientAddress(request.headers, readClientAddressSettings());

/** What a successful write did, for the audit trail. */
export type ApiWrite = {
  organizationId: string;
  key: AuthenticatedKey;
  operationId: string;
  method: string;
  path: string;
  requestId: string;
  body: unknown;
  result: unknown;
};

export type ApiOptions = {
  basePath?: string;
  endpoints?: readonly Endpoint[];
  rateWindowSeconds?: number;
  /** Called after every successful write, after it has been recorded in the audit trail. */
  onWrite?: (write: ApiWrite) => Promise<void>;
};

type Match = { endpoint: Endpoint; params: Record<string, string> };

function compile(path: string) {
  const names: string[] = [];
  const pattern = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { regex: new RegExp(`^${pattern}/?$`), names };
}

function route(endpoints: readonly Endpoint[], method: string, path: string): Match | ApiError {
  const candidates = endpoints
    .map((endpoint) => ({ endpoint, ...compile(endpoint.path) }))
    .map((c) => ({ ...c, m: c.regex.exec(path) }))
    .filter((c) => c.m);
  if (!candidates.length)
    return new ApiError(404, "not_found", `No endpoint ${path}. See /api/v1/openapi.json for the list.`);
  const hit = candidates.find((c) => c.endpoint.method === method);
  if (!hit) {
    const allow = candidates.map((c) => c.endpoint.method).join(", ");
    return new ApiError(405, "method_not_allowed", `${method} is not supported here; use ${allow}.`, null, {
      allow,
    });
  }
  let params: Record<string, string>;
  try {
    params = Object.fromEntries(hit.names.map((n, i) => [n, decodeURIComponent(hit.m![i + 1]!)]));
  } catch {
    return new ApiError(400, "invalid_request", "The path is not correctly encoded.");
  }
  return { endpoint: hit.endpoint, params };
}

function bearer(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header) {
    const m = /^Bearer\s+(.+)$/i.exec(header.trim());
    return m ? m[1]! : header.trim();
  }
  return request.headers.get("x-api-key");
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: "path" | "query" | "body") {
  // Text PostgreSQL cannot store is a 400 naming the field, not a 500 from inside a write.
  const unsafe = findUnsafeText(value, where);
  if (unsafe) throw new ApiError(400, "invalid_request", unsafe.message, { field: unsafe.path });
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(where, result.error);
  return result.data;
}

const keyReused = () =>
  new ApiError(
    422,
    "idempotency_key_reused",
    "This Idempotency-Key was already used with a different request. Use a new key for a new request.",
  );

/** Claim was not kept: the probe's transaction is rolled back once it has looked. */
class Probed extends Error {}

/**
 * What claiming the key would find, without keeping the claim: the probe's claim is rolled back, so the
 * request's own write transaction claims it (and finds a concurrent twin's stored response) as usual.
 */
async function peekIdempotencyKey(db: Database, claim: IdempotentRequest) {
  try {
    return await withTenantScope(db, claim.organizationId, async (tx) => {
      const found = await claimIdempotencyKey(tx, claim);
      if (found.kind === "new") throw new Probed();
      return found;
    });
  } catch (error) {
    if (error instanceof Probed) return { kind: "new" as const };
    throw error;
  }
}

/**
 * The public REST API: request -> route -> key -> plan -> rate limit -> scope -> input -> handler -> output.
 * Every refusal is `{ error: { code, message, details } }` with its status; every authenticated response carries
 * the X-RateLimit headers. Another organization's ids are simply not found (404), never forbidden.
 */
export async function handleApiRequest(deps: CoreDeps, request: Request, options: ApiOptions = {}) {
  const basePath = options.basePath ?? "/api/v1";
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  let headers: Record<string, string> = { "x-request-id": requestId };
  try {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(basePath)
      ? url.pathname.slice(basePath.length) || "/"
      : url.pathname;
    const matched = route(options.endpoints ?? API_ENDPOINTS, request.method, path);
    if (matched instanceof ApiError) throw matched;
    const { endpoint } = matched;

    let key: AuthenticatedKey;
    try {
      key = await authenticateApiKey(deps, bearer(request));
    } catch (error) {
      if (isDomainError(error) && error.code === "UNAUTHORIZED")
        throw new ApiError(401, "unauthorized", error.message, null, {
          "www-authenticate": 'Bearer realm="api"',
        });
      throw error;
    }
    await assertFeature(deps, key.organizationId, "api_access");
    const limit = key.rateLimit ?? PLAN_API_RATE_LIMITS[await organizationPlan(deps, key.organizationId)];
    const rate = await takeApiRequest(
      deps.kv,
      key.id,
      limit,
      options.rateWindowSeconds ?? API_RATE_WINDOW_SECONDS,
    );
    headers = { ...headers, ...rateLimitHeaders(rate, deps.clock()) };
    if (!rate.allowed)
      throw new ApiError(
        429,
        "rate_limited",
        `This key may make ${limit} requests per ${Math.round((options.rateWindowSeconds ?? API_RATE_WINDOW_SECONDS) / 60)} minutes. Try again after ${rate.resetAt.toISOString()}.`,
        { limit, resetAt: rate.resetAt.toISOString() },
      );
    if (!key.scopes.includes(endpoint.scope))
      throw new ApiError(
        403,
        "insufficient_scope",
        `This API key lacks the "${endpoint.scope}" scope. Create a key with it in Dashboard > Developers.`,
        { requiredScope: endpoint.scope, grantedScopes: key.scopes },
      );

    const params = endpoint.params ? parse(endpoint.params, matched.params, "path") : undefined;
    const query = endpoint.query
      ? parse(endpoint.query, Object.fromEntries(url.searchParams.entries()), "query")
      : undefined;
    const rawBody = endpoint.body ? await readBody(request) : undefined;
    const body = endpoint.body ? parse(endpoint.body, rawBody, "body") : undefined;
    const common = { key, organizationId: key.organizationId, params, query, body, requestId };
    // An endpoint that calls out does so before any transaction, reading in short scoped ones of its own.
    const callOut = () =>
      endpoint.callOut?.({
        ...common,
        deps: { ...deps, db: refusedDb },
        read: scopedTransactions(deps.db, key.organizationId),
      });
    const call = (db: Database, prepared: unknown) =>
      endpoint.handler({ ...common, deps: { ...deps, db }, prepared });
    // The key's organization is the only one the endpoint's queries can see (row-level security), reads included.
    if (endpoint.method === "GET") {
      const prepared = await callOut();
      const answer = await withTenantScope(deps.db, key.organizationId, (tx) =>
        call(tx as unknown as Database, prepared),
      );
      // Parsing the output drops any field the schema does not declare, so nothing leaks by accident.
      return jsonResponse(endpoint.successStatus, endpoint.response.parse(answer), headers);
    }

    const idempotencyKey = request.headers.get("idempotency-key");
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey))
      throw new ApiError(
        400,
        "invalid_idempotency_key",
        "Idempotency-Key must be 1 to 255 printable ASCII characters.",
      );
    const claim = idempotencyKey
      ? {
          apiKeyId: key.id,
          organizationId: key.organizationId,
          key: idempotencyKey,
          method: endpoint.method,
          path,
          body: rawBody,
          now: deps.clock(),
        }
      : null;
    // A retried call that calls out is answered from its stored response without calling out again.
    if (claim && endpoint.callOut) {
      const earlier = await peekIdempotencyKey(deps.db, claim);
      if (earlier.kind === "replay")
        return jsonResponse(earlier.status, earlier.response, { ...headers, "idempotent-replayed": "true" });
      if (earlier.kind === "mismatch") throw keyReused();
    }
    const prepared = await callOut();
    // The write, its audit record and the stored idempotent response commit together or not at all, and the
    // response is sent only after the commit: what the client reads is what was committed.
    const outcome = await deps.db.transaction(async (tx) => {
      const db = tx as unknown as Database;
      await scopeTransactionToTenant(tx, key.organizationId);
      if (claim) {
        const claimed = await claimIdempotencyKey(tx, claim);
        if (claimed.kind === "replay") return claimed;
        if (claimed.kind === "mismatch") throw keyReused();
      }
      const result = endpoint.response.parse(await call(db, prepared));
      if (claim) await saveIdempotentResponse(tx, claim, endpoint.successStatus, result);
      // Last: appending locks the organization's audit chain until the commit, and every write of the
      // organization takes its turn there, so it should hold it for one statement and the commit.
      await recordAuditEvent(tx, {
        organizationId: key.organizationId,
        actor: { kind: "api_key", id: key.id, label: key.prefix },
        action: `api.${endpoint.operationId}`,
        resource: resourceOf(endpoint.operationId, result),
        input: body,
        after: result,
        ip: clientIp(request),
        requestId,
      });
      return { kind: "new" as const, result };
    });
    if (outcome.kind === "replay")
      return jsonResponse(outcome.status, outcome.response, { ...headers, "idempotent-replayed": "true" });
    const result = outcome.result;
    deps.log?.info(
      {
        requestId,
        keyPrefix: key.prefix,
        operationId: endpoint.operationId,
        organizationId: key.organizationId,
      },
      "api write",
    );
    await options.onWrite?.({
      organizationId: key.organizationId,
      key,
      operationId: endpoint.operationId,
      method: endpoint.method,
      path,
      requestId,
      body,
      result,
    });
    return jsonResponse(endpoint.successStatus, result, headers);
  } catch (error) {
    const domain = domainErrorOf(error);
    const refusal = error instanceof ApiError ? error : domain ? toApiError(domain) : null;
    if (refusal) return jsonResponse(refusal.status, errorBody(refusal), { ...headers, ...refusal.headers });
    deps.log?.error(
      { requestId, err: error instanceof Error ? error.message : String(error) },
      "api request failed",
    );
    const internal = new ApiError(
      500,
      "internal_error",
      `Something went wrong on our side. Reference: ${requestId}.`,
    );
    return jsonResponse(500, errorBody(internal), headers);
  }
}
