/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies and documents are untyped JSON; the assertions check their shape */
/** A small world for the REST API tests: stores A and B (professional plan), keys, and a request helper. */
import type { DatabaseHandle } from "@cannasaas/db/client";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { API_SCOPES, createApiKey, type ApiScope, type CoreDeps } from "@cannasaas/core";
import { handleApiRequest, type ApiOptions } from "../../src/rest";

export type World = {
  handle: DatabaseHandle;
  deps: CoreDeps;
  A: FixtureTenant;
  B: FixtureTenant;
  /** Keys with every scope, one per store. */
  keyA: string;
  keyB: string;
  close(): Promise<void>;
};

export async function createWorld(tag: string): Promise<World> {
  const handle = await createTestDatabase();
  const kv = await createTestKv();
  const deps: CoreDeps = { db: handle.db, kv: kv.kv, clock: () => new Date() };
  const A = await createFixtureTenant(handle.db, { tag: `${tag}-a`, passwordHash: "x" });
  const B = await createFixtureTenant(handle.db, { tag: `${tag}-b`, passwordHash: "x" });
  const all = [...API_SCOPES];
  const keyA = (await createApiKey(deps, A.org.id, { name: "all", scopes: all, createdBy: null })).secret;
  const keyB = (await createApiKey(deps, B.org.id, { name: "all", scopes: all, createdBy: null })).secret;
  return {
    handle,
    deps,
    A,
    B,
    keyA,
    keyB,
    close: async () => {
      await kv.close();
      await handle.close();
    },
  };
}

export async function keyWith(world: World, org: FixtureTenant, scopes: ApiScope[], extra = {}) {
  return (await createApiKey(world.deps, org.org.id, { name: "k", scopes, createdBy: null, ...extra }))
    .secret;
}

export type Reply = { status: number; body: any; headers: Headers };

/** One request through the same dispatcher the /api/v1 route handler uses. */
export async function call(
  world: World,
  key: string | null,
  method: string,
  path: string,
  body?: unknown,
  options: ApiOptions & { deps?: CoreDeps; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (key) headers.authorization = `Bearer ${key}`;
  const request = new Request(`http://localhost:3000/api/v1${path}`, {
    method,
    headers,
    ...(options.rawBody !== undefined
      ? { body: options.rawBody }
      : body !== undefined
        ? { body: JSON.stringify(body) }
        : {}),
  });
  const response = await handleApiRequest(options.deps ?? world.deps, request, options);
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** An API order for the store's adult shopper: one unit of the given variant at the first location. */
export const orderBody = (t: FixtureTenant, variant = 0, quantity = 1) => ({
  customerId: t.shopper.customerId,
  locationId: t.locations[0]!.id,
  items: [{ variantId: t.variants[variant]!.id, quantity }],
});
