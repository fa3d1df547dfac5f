import { randomBytes } from "node:crypto";
import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { customDomainVerifications, organizations } from "@cannasaas/db/schema";
import { createDnsResolver, DnsUnavailableError, type DnsResolver } from "@cannasaas/integrations/dns";
import type { KV } from "@cannasaas/integrations/kv";
import { stepsOf, type DbSteps } from "../deps";
import { DomainError } from "../errors";
import { storefrontUrl } from "./hosts";
import { invalidateTenantCache } from "./tenants";

/** The TXT record lives on this label under the domain, so it never clashes with the domain's own records. */
export const VERIFY_LABEL = "_cannasaas-verify";
const TXT_PREFIX = "cannasaas-verify=";

export type DomainDeps = { db: DbOrTx; kv: KV; clock: () => Date; dns?: DnsResolver };

/** The two records that prove control of a domain; either one is enough. */
export function verificationRecords(row: { domain: string; token: string; cnameTarget: string }) {
  return {
    txt: { name: `${VERIFY_LABEL}.${row.domain}`, value: `${TXT_PREFIX}${row.token}` },
    cname: { name: row.domain, target: row.cnameTarget },
  };
}

/** Starts (or restarts, for a new domain) verification: a fresh token, and nothing served until it checks out. */
export async function startDomainVerification(
  db: DbOrTx,
  organizationId: string,
  domain: string,
  storefront: { slug: string; rootDomain: string },
) {
  const token = randomBytes(16).toString("hex");
  const cnameTarget = new URL(storefrontUrl(storefront.slug, storefront.rootDomain)).hostname;
  const fresh = { domain, token, cnameTarget, verifiedAt: null, lastCheckedAt: null, lastError: null };
  await db
    .insert(customDomainVerifications)
    .values({ organizationId, ...fresh })
    .onConflictDoUpdate({ target: customDomainVerifications.organizationId, set: fresh });
}

export async function forgetDomainVerification(db: DbOrTx, organizationId: string) {
  await db
    .delete(customDomainVerifications)
    .where(eq(customDomainVerifications.organizationId, organizationId));
}

export type DomainCheck =
  { verified: true; via: "txt" | "cname" } | { verified: false; reason: string; retryable: boolean };

/** Asks DNS whether the domain publishes the organization's TXT token or a CNAME to its storefront. */
export async function lookUpDomainProof(
  dns: DnsResolver,
  records: ReturnType<typeof verificationRecords>,
): Promise<DomainCheck> {
  try {
    const txt = await dns.txt(records.txt.name);
    if (txt.some((value) => value.trim() === records.txt.value)) return { verified: true, via: "txt" };
    const cname = await dns.cname(records.cname.name);
    if (cname.includes(records.cname.target)) return { verified: true, via: "cname" };
    return {
      verified: false,
      retryable: false,
      reason: `Neither the TXT record at ${records.txt.name} nor a CNAME to ${records.cname.target} was found.`,
    };
  } catch (error) {
    if (error instanceof DnsUnavailableError)
      return { verified: false, retryable: true, reason: "DNS did not answer. We will try again shortly." };
    throw error;
  }
}

/**
 * Checks one organization's saved domain and records the outcome. A domain that stops proving control is no
 * longer served; a DNS outage keeps the last verdict (a flaky resolver must not take a live store down).
 * DNS is asked between the read and the write (see stepsOf), with no transaction open.
 */
export async function checkCustomDomain(deps: DomainDeps & { steps?: DbSteps }, organizationId: string) {
  const { read, commit } = stepsOf(deps);
  const [row] = await read((db) =>
    db
      .select({
        domain: customDomainVerifications.domain,
        token: customDomainVerifications.token,
        cnameTarget: customDomainVerifications.cnameTarget,
        verifiedAt: customDomainVerifications.verifiedAt,
        slug: organizations.slug,
        customDomain: organizations.customDomain,
      })
      .from(customDomainVerifications)
      .innerJoin(organizations, eq(organizations.id, customDomainVerifications.organizationId))
      .where(eq(customDomainVerifications.organizationId, organizationId)),
  );
  if (!row || row.customDomain !== row.domain)
    throw new DomainError("NOT_FOUND", "Save a custom domain first.", { field: "domain" });
  const result = await lookUpDomainProof(deps.dns ?? createDnsResolver(), verificationRecords(row));
  const now = deps.clock();
  const verifiedAt = result.verified ? (row.verifiedAt ?? now) : result.retryable ? row.verifiedAt : null;
  const changed = (verifiedAt === null) !== (row.verifiedAt === null);
  const outcome = await commit(async (db) => {
    await db
      .update(customDomainVerifications)
      .set({ verifiedAt, lastCheckedAt: now, lastError: result.verified ? null : result.reason })
      .where(
        and(
          eq(customDomainVerifications.organizationId, organizationId),
          eq(customDomainVerifications.domain, row.domain),
        ),
      );
    return { domain: row.domain, verified: verifiedAt !== null, changed, check: result };
  });
  if (changed) await invalidateTenantCache(deps.kv, { slug: row.slug, customDomain: row.domain });
  return outcome;
}

/** Domains whose last check is older than `olderThan` (or never ran), oldest first: the re-check job's batch. */
export async function domainsDueForCheck(db: DbOrTx, olderThan: Date, limit: number) {
  return db
    .select({ organizationId: customDomainVerifications.organizationId })
    .from(customDomainVerifications)
    .where(
      or(
        isNull(customDomainVerifications.lastCheckedAt),
        lt(customDomainVerifications.lastCheckedAt, olderThan),
      ),
    )
    .orderBy(asc(customDomainVerifications.lastCheckedAt))
    .limit(limit);
}
