import type { z } from "zod";
import { appRouter } from "../root";
import { API_ENDPOINTS } from "../rest/registry";
import type { ProcedureMeta } from "../trpc";
import { inputJsonSchema } from "./inputs";

type ProcedureDef = {
  _def: { meta?: ProcedureMeta; type: "query" | "mutation" | "subscription"; inputs?: z.ZodType[] };
};

export type FuzzProcedure = {
  path: string;
  type: "query" | "mutation";
  /** The staff permission it needs, if it is a dashboard procedure. */
  permission: string | null;
  input: ReturnType<typeof inputJsonSchema> | null;
};

/**
 * Every tRPC query and mutation with the JSON Schema of its input (its chained `.input()` schemas merged).
 * Subscriptions are left out (they stream rather than answer).
 */
export function fuzzProcedures(): FuzzProcedure[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
  return Object.entries(procedures)
    .filter(([, p]) => p._def.type !== "subscription")
    .map(([path, p]) => {
      const inputs = (p._def.inputs ?? []).map(inputJsonSchema);
      const merged =
        inputs.length === 0 ? null : inputs.length === 1 ? inputs[0]! : { type: "object", allOf: inputs };
      return {
        path,
        type: p._def.type as "query" | "mutation",
        permission: p._def.meta?.permission ?? null,
        input: merged,
      };
    });
}

export type FuzzEndpoint = {
  method: "GET" | "POST";
  path: string;
  params: ReturnType<typeof inputJsonSchema> | null;
  query: ReturnType<typeof inputJsonSchema> | null;
  body: ReturnType<typeof inputJsonSchema> | null;
};

/** Every public REST endpoint with the JSON Schemas of its path, query and body. */
export function fuzzEndpoints(): FuzzEndpoint[] {
  return API_ENDPOINTS.map((e) => ({
    method: e.method,
    path: e.path,
    params: e.params ? inputJsonSchema(e.params) : null,
    query: e.query ? inputJsonSchema(e.query) : null,
    body: e.body ? inputJsonSchema(e.body) : null,
  }));
}
