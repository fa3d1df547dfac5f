import { and, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  customDomainVerifications,
  organizations,
  type AcceptedPaymentMethod,
  type Branding,
} from "@cannasaas/db/schema";
import type { KV } from "@cannasaas/integrations/kv";
import { DomainError } from "../errors";
import { SLUG_PATTERN } from "./hosts";

/** What the storefront and the API need to know about a tenant; small enough to cache. */
export type Tenant = {
  id: string;
  slug: string;
  name: string;
  state: string;
  timeZone: string;
  branding: Branding;
  customDomain: string | null;
  plan: "starter" | "professional" | "enterprise";
  launched: boolean;
  medicalEnabled: boolean;
  adultUseEnabled: boolean;
  /** Methods shoppers may pay with at handover (onboarding's payments step). */
  paymentMethods: AcceptedPaymentMethod[];
};

export const TENANT_CACHE_TTL_SECONDS = 300;
const NOT_FOUND_MARKER = { missing: true } as const;
const slugKey = (slug: string) => `tenant:slug:${slug}`;
const domainKey = (domain: string) => `tenant:domain:${domain}`;

type CacheDeps = { db: DbOrTx; kv: KV };

async function loadTenant(
  db: DbOrTx,
  by: { slug: string } | { domain: string } | { id: string },
): Promise<Tenant | null> {
  const [org] =
    "domain" in by
      ? await db
          .select({ org: organizations })
          .from(organizations)
          // A custom domain serves its store only once DNS proved the organization controls it.
          .innerJoin(
            customDomainVerifications,
            and(
              eq(customDomainVerifications.organizationId, organizations.id),
              eq(customDomainVerifications.domain, by.domain),
              isNotNull(customDomainVerifications.verifiedAt),
            ),
          )
          .where(eq(organizations.customDomain, by.domain))
          .limit(1)
          .then((rows) => rows.map((r) => r.org))
      : await db
          .select()
          .from(organizations)
          .where("slug" in by ? eq(organizations.slug, by.slug) : eq(organizations.id, by.id))
          .limit(1);
  if (!org) return null;
  return {
    id: org.id,
    slug: org.slug,
    name: org.name,
    state: org.state,
    timeZone: org.timeZone,
    branding: org.branding,
    customDomain: org.customDomain,
    plan: org.plan,
    launched: org.launchedAt !== null,
    medicalEnabled: org.compliance.medicalEnabled,
    adultUseEnabled: org.compliance.adultUseEnabled,
    paymentMethods: org.paymentMethods,
  };
}

async function cached(
  deps: CacheDeps,
  key: string,
  load: () => Promise<Tenant | null>,
): Promise<Tenant | null> {
  // The cache only spares the database: a slow or unreachable KV store must not take every storefront and
  // dashboard request down with it, so its failures fall through to the database.
  const hit = await deps.kv.get<Tenant | typeof NOT_FOUND_MARKER>(key).catch(() => null);
  if (hit) return "missing" in hit ? null : hit;
  const tenant = await load();
  // Misses are cached briefly too, so probing random subdomains cannot hammer the database.
  await deps.kv
    .set(key, tenant ?? NOT_FOUND_MARKER, { ttlSeconds: tenant ? TENANT_CACHE_TTL_SECONDS : 30 })
    .catch(() => undefined);
  return tenant;
}

/** Resolves the `[tenant]` route key: a slug, or a custom domain when it contains a dot. */
export async function resolveTenant(deps: CacheDeps, key: string): Promise<Tenant | null> {
  const normalized = key.toLowerCase();
  if (normalized.includes(".")) {
    return cached(deps, domainKey(normalized), () => loadTenant(deps.db, { domain: normalized }));
  }
  if (!SLUG_PATTERN.test(normalized)) return null;
  return cached(deps, slugKey(normalized), () => loadTenant(deps.db, { slug: normalized }));
}

/**
 * The organization a storefront route key (slug or verified custom domain) serves, read from the database
 * every time: for callers that must not act on a cached answer (the page cache records it before rendering).
 */
export async function launchedTenantIdUncached(db: DbOrTx, key: string): Promise<string | null> {
  const normalized = key.toLowerCase();
  if (!normalized.includes(".") && !SLUG_PATTERN.test(normalized)) return null;
  const tenant = await loadTenant(
    db,
    normalized.includes(".") ? { domain: normalized } : { slug: normalized },
  );
  return tenant?.launched ? tenant.id : null;
}

/** A tenant whose storefront shoppers may see: exists and has been launched. */
export async function resolvePublicTenant(deps: CacheDeps, key: string): Promise<Tenant | null> {
  const tenant = await resolveTenant(deps, key);
  return tenant?.launched ? tenant : null;
}

export async function invalidateTenantCache(kv: KV, tenant: { slug: string; customDomain?: string | null }) {
  const keys = [slugKey(tenant.slug)];
  if (tenant.customDomain) keys.push(domainKey(tenant.customDomain));
  await kv.del(...keys);
}

export type OrganizationPatch = Partial<{
  name: string;
  branding: Branding;
  customDomain: string | null;
  launchedAt: Date | null;
  paymentMethods: AcceptedPaymentMethod[];
}>;

/** Updates an organization and drops every cached view of it (old and new slug/domain). */
export async function updateOrganization(deps: CacheDeps, organizationId: string, patch: OrganizationPatch) {
  const [before] = await deps.db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!before) throw new DomainError("NOT_FOUND", "That organization does not exist.");
  const [after] = await deps.db
    .update(organizations)
    .set(patch)
    .where(eq(organizations.id, organizationId))
    .returning();
  await invalidateTenantCache(deps.kv, before);
  if (after) await invalidateTenantCache(deps.kv, after);
  return after!;
}

/** A tenant by organization id, uncached (the public API and jobs know the id, not the host). */
export const loadTenantById = (db: DbOrTx, id: string) => loadTenant(db, { id });
