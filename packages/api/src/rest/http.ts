import { z } from "zod";
import type { ScopedWork } from "@cannasaas/db/tenant-scope";
import {
  domainErrorStatus,
  type ApiScope,
  type AuthenticatedKey,
  type CoreDeps,
  type DomainError,
  type DomainErrorCode,
} from "@cannasaas/core";

export type ApiMethod = "GET" | "POST";

export type EndpointContext<P, Q, B> = {
  deps: CoreDeps;
  key: AuthenticatedKey;
  organizationId: string;
  params: P;
  query: Q;
  body: B;
  requestId: string;
};

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/**
 * What `callOut` gets: no database handle (any use of `deps.db` throws), but `read`, short transactions
 * confined to the key's organization, none of them open while the outside service answers.
 */
export type CallOutContext<P, Q, B> = EndpointContext<P, Q, B> & { read: ScopedWork };

export type EndpointDefinition<
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
  S = undefined,
> = {
  operationId: string;
  method: ApiMethod;
  /** Below /api/v1, with `{name}` path parameters. */
  path: `/${string}`;
  scope: ApiScope;
  tag: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  successStatus?: 200 | 201;
  /**
   * For an endpoint that calls an outside service (an AI model): runs before the write transaction, reading
   * through `read` and calling out with no transaction open. What it returns reaches `handler` as `prepared`,
   * which writes it in the request's one transaction, with the audit record and the idempotent response.
   */
  callOut?: (ctx: CallOutContext<Out<P>, Out<Q>, Out<B>>) => Promise<S>;
  handler: (ctx: EndpointContext<Out<P>, Out<Q>, Out<B>> & { prepared: S }) => Promise<z.input<R>>;
};

/** An endpoint with its types erased, as the dispatcher and the OpenAPI generator see it. */
export type Endpoint = {
  operationId: string;
  method: ApiMethod;
  path: `/${string}`;
  scope: ApiScope;
  tag: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  successStatus: 200 | 201;
  callOut?: (ctx: CallOutContext<unknown, unknown, unknown>) => Promise<unknown>;
  handler: (ctx: EndpointContext<unknown, unknown, unknown> & { prepared: unknown }) => Promise<unknown>;
};

/**
 * Declares one REST endpoint: its scope, input and output schemas and handler. The dispatcher does everything
 * around the handler (key, plan, scope, rate limit, input validation, output shaping, errors), so every endpoint
 * behaves alike and the OpenAPI document is generated from these same schemas.
 */
export function defineEndpoint<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
  S = undefined,
>(definition: EndpointDefinition<P, Q, B, R, S>): Endpoint {
  return { successStatus: 200, ...definition } as unknown as Endpoint;
}

/** A refusal with its HTTP status and a stable, machine-readable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const DOMAIN_CODES: Record<DomainErrorCode, string> = {
  BAD_REQUEST: "invalid_request",
  UNAUTHORIZED: "unauthorized",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not_found",
  CONFLICT: "conflict",
  TOO_MANY_REQUESTS: "rate_limited",
  PRECONDITION_FAILED: "precondition_failed",
};

export function toApiError(error: DomainError): ApiError {
  const code = error.details && "feature" in error.details ? "plan_required" : DOMAIN_CODES[error.code];
  return new ApiError(domainErrorStatus[error.code], code, error.message, error.details ?? null);
}

/** One readable message per field, keyed by its dotted path (`items.0.quantity`). */
export function zodDetails(error: z.ZodError) {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "(root)";
    fields[key] ??= issue.message;
  }
  return { fields };
}

export function invalid(where: "path" | "query" | "body", error: z.ZodError): ApiError {
  const details = zodDetails(error);
  const [field, message] = Object.entries(details.fields)[0]!;
  return new ApiError(400, "invalid_request", `Invalid ${where}: ${field}: ${message}`, details);
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function errorBody(error: ApiError) {
  return { error: { code: error.code, message: error.message, details: error.details } };
}

export const iso = (date: Date) => date.toISOString();
export const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/** Shared query parameters. */
export const limitParam = z.coerce
  .number()
  .int("limit must be a whole number.")
  .min(1, "limit must be at least 1.")
  .max(100, "limit must be at most 100.")
  .default(50)
  .describe("How many items to return (1-100).");
export const cursorParam = z
  .string()
  .max(500)
  .optional()
  .describe("The `nextCursor` of the previous page; omit for the first page.");
export const booleanParam = z
  .enum(["true", "false"], { error: "Use true or false." })
  .transform((v) => v === "true");
export const dateTimeParam = z.iso.datetime({
  offset: true,
  error: "Use an ISO 8601 date-time, like 2026-01-31T00:00:00Z.",
});
export const uuidParam = z.uuid({ error: "Must be a UUID." });

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe("Pass as `cursor` to get the next page; null on the last page."),
  });
