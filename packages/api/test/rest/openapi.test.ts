/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- response bodies and documents are untyped JSON; the assertions check their shape */
import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { API_SCOPES, DOMAIN_EVENT_TYPES } from "@cannasaas/core";
import { API_ENDPOINTS, buildOpenApiDocument } from "../../src/rest";

const doc = buildOpenApiDocument({ serverUrl: "https://api.example.test" });

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, found));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") found.push(v);
      else refs(v, found);
    }
  }
  return found;
}

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1.0 document, also after a JSON round trip", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(doc)));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents every registered endpoint with its scope, parameters and responses", () => {
    for (const endpoint of API_ENDPOINTS) {
      const operation = doc.paths[endpoint.path]?.[endpoint.method.toLowerCase()] as Record<string, any>;
      expect(operation, `${endpoint.method} ${endpoint.path}`).toBeDefined();
      expect(operation.operationId).toBe(endpoint.operationId);
      expect(operation["x-required-scope"]).toBe(endpoint.scope);
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining([String(endpoint.successStatus), "401", "403", "429"]),
      );
      for (const name of Object.keys(endpoint.query?.shape ?? {}))
        expect(operation.parameters.map((p: { name: string }) => p.name)).toContain(name);
      for (const name of Object.keys(endpoint.params?.shape ?? {}))
        expect(operation.parameters).toContainEqual(
          expect.objectContaining({ name, in: "path", required: true }),
        );
      if (endpoint.body) expect(operation.requestBody.required).toBe(true);
    }
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(operations).toHaveLength(API_ENDPOINTS.length);
  });

  it("resolves every $ref to a component and describes the resources from the zod schemas", () => {
    for (const ref of refs(doc)) {
      expect(ref.startsWith("#/components/schemas/")).toBe(true);
      expect(doc.components.schemas[ref.slice("#/components/schemas/".length)], ref).toBeDefined();
    }
    const product = doc.components.schemas.Product as { properties: Record<string, any>; required: string[] };
    expect(product.properties.thcBps.description).toMatch(/basis points/);
    expect(product.required).toContain("variants");
    const createOrder = doc.components.schemas.CreateOrder as {
      required: string[];
      properties: Record<string, any>;
    };
    expect(createOrder.required).toEqual(expect.arrayContaining(["customerId", "locationId", "items"]));
    expect(createOrder.properties.purchaserType.default).toBe("adult_use");
    const limit = (doc.paths["/products"]!.get as any).parameters.find(
      (p: { name: string }) => p.name === "limit",
    );
    expect(limit.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100, default: 50 });
  });

  it("lists the scopes and webhook events, and the server under /api/v1", () => {
    expect(Object.keys(doc["x-scopes"])).toEqual([...API_SCOPES]);
    expect(doc["x-webhook-events"]).toEqual(DOMAIN_EVENT_TYPES);
    expect(doc.servers).toEqual([{ url: "https://api.example.test/api/v1" }]);
  });
});
