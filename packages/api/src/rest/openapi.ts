import { z } from "zod";
import {
  API_RATE_WINDOW_SECONDS,
  API_SCOPE_LABELS,
  API_SCOPES,
  DOMAIN_EVENT_TYPES,
  PLAN_API_RATE_LIMITS,
} from "@cannasaas/core";
import type { Endpoint } from "./http";
import { API_ENDPOINTS } from "./registry";

type JsonSchema = Record<string, unknown>;

const REF_PREFIX = "#/components/schemas/";

/**
 * Converts a zod schema with zod 4's own `z.toJSONSchema` (JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
 * Schemas named with `.meta({ id })` are lifted into components and referenced; `.describe()` texts are kept.
 */
function toSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>) {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    reused: "inline",
  }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const { $defs, $schema: _schema, ...rest } = json;
  const rewrite = <T>(value: T): T =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', `"${REF_PREFIX}`)) as T;
  for (const [name, def] of Object.entries($defs ?? {})) {
    const id =
      io === "input" && components[name] && !isSame(components[name], rewrite(def)) ? `${name}Input` : name;
    components[id] ??= rewrite(def);
  }
  const result = rewrite(rest);
  // A schema registered by name comes back as a bare reference to itself.
  const id = z.globalRegistry.get(schema)?.id;
  if (id && !result.$ref) {
    components[id] ??= result;
    return { $ref: `${REF_PREFIX}${id}` };
  }
  return result;
}

const isSame = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function parameters(endpoint: Endpoint, components: Record<string, JsonSchema>) {
  const list: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", endpoint.params],
    ["query", endpoint.query],
  ] as const) {
    if (!schema) continue;
    const object = toSchema(schema, "input", components) as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const { description, ...rest } = property;
      list.push({
        name,
        in: where,
        required: where === "path" || (object.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  return list;
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: `${REF_PREFIX}Error` } } },
});

const rateHeaders = {
  "X-RateLimit-Limit": { description: "Requests allowed per window.", schema: { type: "integer" } },
  "X-RateLimit-Remaining": { description: "Requests left in this window.", schema: { type: "integer" } },
  "X-RateLimit-Reset": {
    description: "When the window resets, in Unix seconds.",
    schema: { type: "integer" },
  },
};

export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
  security: Array<Record<string, string[]>>;
  tags: Array<{ name: string }>;
  "x-scopes": Record<string, string>;
  "x-webhook-events": readonly string[];
};

/** The OpenAPI 3.1 document of /api/v1, generated from the endpoint registry and its zod schemas. */
export function buildOpenApiDocument(
  options: { serverUrl?: string; endpoints?: readonly Endpoint[] } = {},
): OpenApiDocument {
  const endpoints = options.endpoints ?? API_ENDPOINTS;
  const components: Record<string, JsonSchema> = {
    Error: {
      type: "object",
      required: ["error"],
      properties: {
        error: {
          type: "object",
          required: ["code", "message", "details"],
          properties: {
            code: {
              type: "string",
              description:
                "unauthorized, plan_required, insufficient_scope, forbidden, not_found, invalid_request, invalid_json, conflict, rate_limited, method_not_allowed or internal_error.",
            },
            message: { type: "string", description: "A sentence for the developer." },
            details: { type: ["object", "null"], description: "Field messages or the missing scope." },
          },
        },
      },
    },
  };
  const paths: OpenApiDocument["paths"] = {};
  for (const endpoint of endpoints) {
    const operation: JsonSchema = {
      operationId: endpoint.operationId,
      tags: [endpoint.tag],
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      "x-required-scope": endpoint.scope,
      security: [{ apiKey: [endpoint.scope] }],
      parameters: parameters(endpoint, components),
      responses: {
        [String(endpoint.successStatus)]: {
          description: endpoint.successStatus === 201 ? "Created" : "OK",
          headers: rateHeaders,
          content: { "application/json": { schema: toSchema(endpoint.response, "output", components) } },
        },
        ...(endpoint.body || endpoint.query || endpoint.params
          ? { "400": errorResponse("The input is invalid; `details.fields` names each problem.") }
          : {}),
        "401": errorResponse("No key, an unknown key, or a revoked or expired one."),
        "403": errorResponse(`The plan has no API access, or the key lacks the \`${endpoint.scope}\` scope.`),
        ...(endpoint.params || endpoint.body
          ? { "404": errorResponse("No such resource in your organization.") }
          : {}),
        ...(endpoint.method === "POST"
          ? { "409": errorResponse("Refused by a business rule (stock, limits).") }
          : {}),
        "429": {
          ...errorResponse("Rate limit reached; retry after `Retry-After` seconds."),
          headers: { ...rateHeaders, "Retry-After": { schema: { type: "integer" } } },
        },
      },
    };
    if (endpoint.body) {
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: toSchema(endpoint.body, "input", components) } },
      };
    }
    const path = endpoint.path;
    paths[path] ??= {};
    paths[path][endpoint.method.toLowerCase()] = operation;
  }
  const perPlan = Object.entries(PLAN_API_RATE_LIMITS)
    .map(([plan, n]) => `${plan} ${n}`)
    .join(", ");
  return {
    openapi: "3.1.0",
    info: {
      title: "CannaSaaS API",
      version: "1.0.0",
      description:
        "REST API for point-of-sale systems, delivery platforms and other integrations. Authenticate with an API " +
        "key created in Dashboard > Developers (`Authorization: Bearer cs_live_...`). Each key has scopes and a " +
        `rate limit per ${API_RATE_WINDOW_SECONDS / 60} minutes (default by plan: ${perPlan}). Money is in ` +
        "integer cents, weights in integer milligrams. Lists use cursor pagination (`nextCursor`).",
    },
    servers: [{ url: `${options.serverUrl ?? ""}/api/v1` }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "cs_live_<prefix>_<secret>",
          description: "An API key from Dashboard > Developers; also accepted in the `X-API-Key` header.",
        },
      },
    },
    security: [{ apiKey: [] }],
    tags: [...new Set(endpoints.map((e) => e.tag))].map((name) => ({ name })),
    "x-scopes": Object.fromEntries(API_SCOPES.map((s) => [s, API_SCOPE_LABELS[s]])),
    "x-webhook-events": DOMAIN_EVENT_TYPES,
  };
}
