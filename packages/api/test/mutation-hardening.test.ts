/**
 * The security review's repros for tRPC: a lone surrogate in an unknown key skipped the audit record after the
 * change committed; NUL bytes answered 500; batches were unlimited; another site could post multipart forms.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, organizations } from "@cannasaas/db/schema";
import { appRouter, createTrpcContext, TRPC_MAX_BATCH_SIZE } from "../src";
import { createTRPCRouter, publicProcedure } from "../src/trpc";
import { trpcError } from "./helpers";
import { A, api, deps, handle, HOST, orgRow, ROOT, setupWorld, staff, teardownWorld } from "./matrix/world";

beforeAll(setupWorld);
afterAll(teardownWorld);

const auditCount = async () => (await handle.db.select({ n: count() }).from(auditEvents))[0]!.n;
const admin = () => api(HOST.platform, { user: staff(A, "admin"), org: A.org.id });

/** A request through tRPC's HTTP handler, as the route serves it. */
async function post(
  path: string,
  init: { headers?: Record<string, string>; body: FormData | string; batch?: boolean },
) {
  const url = `http://${HOST.platform}/api/trpc/${path}${init.batch ? "?batch=1" : ""}`;
  const request = new Request(url, { method: "POST", headers: init.headers, body: init.body });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: () =>
      createTrpcContext({
        deps,
        headers: new Headers({ host: HOST.platform, ...init.headers }),
        rootDomain: ROOT,
        user: null,
        activeOrganizationId: null,
        clientAddressSettings: { trustedProxyHops: 0, clientIpHeader: null },
      }),
  });
}

describe("text PostgreSQL cannot store", () => {
  it("a lone surrogate in an unknown key is refused before anything changes (the audit-skip repro)", async () => {
    const before = { org: await orgRow(A.org.id), audit: await auditCount() };
    const error = await trpcError(
      (await admin()).organization.updateProfile({ name: "Skipped Audit", ["x\ud800"]: 1 } as never),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/lone UTF-16 surrogate/);
    expect(await orgRow(A.org.id)).toEqual(before.org);
    expect(await auditCount()).toBe(before.audit);
  });

  it("a NUL byte is a 400 naming the field, in mutations and in storefront search", async () => {
    const error = await trpcError((await admin()).organization.updateProfile({ tagline: "a\u0000b" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("input.tagline contains a NUL character, which is not allowed in text.");
    const search = await trpcError((await api(HOST.a)).storefront.products({ q: "blue\u0000dream" }));
    expect(search.code).toBe("BAD_REQUEST");
  });
});

describe("the audit record commits with the change, from the validated input", () => {
  it("records the input as the schema parsed it: unknown keys never reach the trail", async () => {
    await (await admin()).organization.updateProfile({ name: " Trimmed Name ", smuggled: "x" } as never);
    const [event] = await handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.organizationId, A.org.id))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    expect(event?.action).toBe("organization.updateProfile");
    expect(event?.input).toEqual({ name: "Trimmed Name" });
  });

  it("rolls the change back when its audit record cannot be written", async () => {
    const router = createTRPCRouter({
      rename: publicProcedure.input(z.object({ name: z.string() })).mutation(async ({ ctx, input }) => {
        await ctx.deps.db
          .update(organizations)
          .set({ name: input.name })
          .where(eq(organizations.id, A.org.id));
        // PostgreSQL's jsonb refuses a lone surrogate: the audit insert fails after the update above.
        ctx.audit.before({ ["note\ud800"]: 1 });
        return { ok: true };
      }),
    });
    const ctx = await createTrpcContext({
      deps,
      headers: new Headers({ host: HOST.platform }),
      rootDomain: ROOT,
      user: null,
      activeOrganizationId: null,
      clientAddressSettings: { trustedProxyHops: 0, clientIpHeader: null },
    });
    const before = { name: (await orgRow(A.org.id)).name, audit: await auditCount() };
    const error = await trpcError(router.createCaller(ctx).rename({ name: "Unrecorded" }));
    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    expect((await orgRow(A.org.id)).name).toBe(before.name);
    expect(await auditCount()).toBe(before.audit);
  });
});

describe("cross-origin mutations", () => {
  it("refuses a mutation whose Origin is another site, and one a browser marks cross-site", async () => {
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of attempts) {
      const ctx = await createTrpcContext({
        deps,
        headers: new Headers({ host: HOST.platform, ...headers }),
        rootDomain: ROOT,
        user: staff(A, "admin"),
        activeOrganizationId: A.org.id,
        clientAddressSettings: { trustedProxyHops: 0, clientIpHeader: null },
      });
      const error = await trpcError(appRouter.createCaller(ctx).organization.updateProfile({ name: "CSRF" }));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toMatch(/another website/);
      // Reading is not a state change: queries still answer.
      await appRouter.createCaller(ctx).organization.overview();
    }
    expect((await orgRow(A.org.id)).name).not.toBe("CSRF");
  });

  it("accepts the configured origin of the host", async () => {
    const ctx = await createTrpcContext({
      deps,
      headers: new Headers({
        host: HOST.platform,
        origin: `http://${ROOT}`,
        "sec-fetch-site": "same-origin",
      }),
      rootDomain: ROOT,
      user: staff(A, "admin"),
      activeOrganizationId: A.org.id,
      clientAddressSettings: { trustedProxyHops: 0, clientIpHeader: null },
    });
    await appRouter.createCaller(ctx).organization.updateProfile({ tagline: "Same origin" });
    expect((await orgRow(A.org.id)).branding).toBeDefined();
  });

  it("refuses a multipart/form-data post from another origin over HTTP with 403", async () => {
    const form = new FormData();
    form.set("token", "anything");
    const response = await post("account.verifyEmail", {
      headers: { origin: "https://evil.example" },
      body: form,
    });
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).toMatch(/another website/);
  });
});

describe("batching", () => {
  it("refuses a batch larger than the cap with a 400 and a message", async () => {
    const paths = Array.from({ length: TRPC_MAX_BATCH_SIZE + 1 }, () => "onboarding.checkSlug").join(",");
    const url = `http://${HOST.platform}/api/trpc/${paths}?batch=1&input=${encodeURIComponent("{}")}`;
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(url),
      router: appRouter,
      maxBatchSize: TRPC_MAX_BATCH_SIZE,
      createContext: () =>
        createTrpcContext({
          deps,
          headers: new Headers({ host: HOST.platform }),
          rootDomain: ROOT,
          user: null,
          activeOrganizationId: null,
        }),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/Batch call exceeds maximum size/);
  });
});
