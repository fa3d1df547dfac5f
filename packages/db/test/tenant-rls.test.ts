import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../src/client";
import { categories, products } from "../src/schema";
import { tenantDatabase, withTenantScope } from "../src/tenant-scope";
import { createTestDatabase } from "../src/testing";

let handle: DatabaseHandle;
/** postgres.js answers an array, PGlite an object with `rows`. */
const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
const orgA = crypto.randomUUID();
const orgB = crypto.randomUUID();

async function createOrganization(id: string, slug: string) {
  await handle.db.execute(sql`
    insert into organizations (id, slug, name, state, time_zone, branding, compliance)
    values (${id}, ${slug}, ${slug}, 'CA', 'America/Los_Angeles', '{}'::jsonb, '{}'::jsonb)`);
  await handle.db.insert(categories).values({ organizationId: id, slug: "flower", name: `${slug} flower` });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await createOrganization(orgA, `rls-a-${orgA.slice(0, 8)}`);
  await createOrganization(orgB, `rls-b-${orgB.slice(0, 8)}`);
});
afterAll(async () => handle?.close());

describe("row-level security on tenant tables", () => {
  it("forces the tenant policy on every table that has an organization_id column", async () => {
    const tables = await handle.db.execute<{ table_name: string }>(sql`
      select c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and c.column_name = 'organization_id' and t.table_type = 'BASE TABLE'
      order by 1`);
    const names = rowsOf<{ table_name: string }>(tables).map((row) => row.table_name);
    // The schema has dozens of tenant tables; an empty list would make the checks below vacuous.
    expect(names.length).toBeGreaterThan(30);
    const secured = await handle.db.execute<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
      qual: string | null;
      with_check: string | null;
    }>(sql`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity, p.qual, p.with_check
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      left join pg_policies p on p.schemaname = n.nspname and p.tablename = c.relname and p.policyname = 'tenant_isolation'
      where n.nspname = 'public'`);
    const byName = new Map(
      rowsOf<{
        relname: string;
        relrowsecurity: boolean;
        relforcerowsecurity: boolean;
        qual: string | null;
        with_check: string | null;
      }>(secured).map((row) => [row.relname, row]),
    );
    const unprotected = names.filter((name) => {
      const row = byName.get(name);
      return (
        !row?.relrowsecurity ||
        !row.relforcerowsecurity ||
        !row.qual?.includes("app.organization_id") ||
        !row.with_check?.includes("app.organization_id")
      );
    });
    expect(unprotected).toEqual([]);
  });

  it("returns nothing of another tenant to a query that forgets its tenant filter", async () => {
    const seen = await withTenantScope(handle.db, orgA, (tx) =>
      tx.select({ organizationId: categories.organizationId }).from(categories),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((row) => row.organizationId))).toEqual(new Set([orgA]));
    // The same unfiltered query outside a tenant scope (platform-level work) sees both.
    const all = await handle.db.select({ organizationId: categories.organizationId }).from(categories);
    expect(new Set(all.map((row) => row.organizationId))).toEqual(new Set([orgA, orgB]));
  });

  it("refuses to write or change another tenant's rows from a tenant scope", async () => {
    const refused = await withTenantScope(handle.db, orgA, (tx) =>
      tx.insert(categories).values({ organizationId: orgB, slug: "planted", name: "Planted" }),
    ).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(String((refused as Error).cause)).toMatch(/row-level security/);
    const changed = await withTenantScope(handle.db, orgA, (tx) =>
      tx
        .update(categories)
        .set({ name: "Renamed" })
        .where(sql`organization_id = ${orgB}`)
        .returning(),
    );
    expect(changed).toEqual([]);
  });

  it("binds the policy even though the server connects as a superuser, and only inside the scope", async () => {
    const inside = await withTenantScope(handle.db, orgA, (tx) =>
      tx.execute<{ role: string; bypass: boolean }>(
        sql`select current_user as role, r.rolbypassrls or r.rolsuper as bypass from pg_roles r where r.rolname = current_user`,
      ),
    );
    expect(rowsOf(inside)).toEqual([{ role: "cannasaas_app", bypass: false }]);
    const after = await handle.db.execute<{ org: string | null }>(
      sql`select nullif(current_setting('app.organization_id', true), '') as org`,
    );
    expect(rowsOf<{ org: string | null }>(after)[0]?.org ?? null).toBeNull();
  });
});

describe("a tenant database (tenantDatabase)", () => {
  it("confines every statement, whatever its kind, and commits each one as it goes", async () => {
    const a = tenantDatabase(handle.db, orgA);
    const orgsOf = (rows: { organizationId: string }[]) => new Set(rows.map((row) => row.organizationId));
    expect(orgsOf(await a.select().from(categories))).toEqual(new Set([orgA]));
    expect(orgsOf(await a.query.categories.findMany())).toEqual(new Set([orgA]));
    expect(await a.$count(categories)).toBe(
      await handle.db.$count(categories, eq(categories.organizationId, orgA)),
    );
    const who = await a.execute<{ role: string }>(sql`select current_user as role`);
    expect(rowsOf(who)).toEqual([{ role: "cannasaas_app" }]);

    const [added] = await a
      .insert(categories)
      .values({ organizationId: orgA, slug: "edibles", name: "Edibles" })
      .returning();
    // Committed before the call returned: the pool sees it.
    expect(await handle.db.$count(categories, eq(categories.id, added!.id))).toBe(1);

    const refused = await a
      .insert(categories)
      .values({ organizationId: orgB, slug: "planted", name: "Planted" })
      .catch((error: Error) => error);
    expect(String((refused as Error).cause)).toMatch(/row-level security/);
    expect(
      await a
        .update(categories)
        .set({ name: "Renamed" })
        .where(eq(categories.organizationId, orgB))
        .returning(),
    ).toEqual([]);
  });

  it("maps a join as the pool does (an unmatched left join is null)", async () => {
    const rows = await tenantDatabase(handle.db, orgA)
      .select()
      .from(categories)
      .leftJoin(products, eq(products.categoryId, categories.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.products === null)).toBe(true);
  });

  it("scopes its transactions from their start, savepoints too", async () => {
    const a = tenantDatabase(handle.db, orgA);
    const seen = await a.transaction(async (tx) => {
      const outer = await tx.select({ organizationId: categories.organizationId }).from(categories);
      const inner = await tx.transaction((sp) =>
        sp.select({ organizationId: categories.organizationId }).from(categories),
      );
      return [...outer, ...inner].map((row) => row.organizationId);
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([orgA]));
  });

  it("starts only from the pool, for an organization id", async () => {
    await expect(handle.db.transaction(async (tx) => tenantDatabase(tx as never, orgA))).rejects.toThrow(
      /from the pool/,
    );
    expect(() => tenantDatabase(handle.db, "not-an-id")).toThrow(/organization id/);
  });
});
